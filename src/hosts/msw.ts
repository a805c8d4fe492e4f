// The MSW host: handlers for msw 2 (`setupServer` in Node, vitest with node or jsdom; `setupWorker` in the
// browser) that answer the API's and /__mock's paths from the same engine as the server, in-process.
//   const { handlers, reset } = createEmailDomainsHandlers();
//   const server = setupServer(...handlers); server.listen();
// msw is a peer dependency of this entry only. With `persist: "sessionStorage"` (or "localStorage") the world
// is kept in that Web Storage and comes back after a page reload (see src/storage/web-storage-store.ts).
import { http, type HttpHandler } from "msw";
import { apiSpec, controlSpec } from "../generated/embedded.js";
import { answerFetchRequest, type MockFetchOptions } from "./fetch.js";
import { createInProcessMock, type InProcessMock } from "./in-process-mock.js";
import { webStorageStoreFactory, type PersistOption } from "./persist-option.js";
import type { OpenApiDocument } from "../spec/load-spec.js";

export interface EmailDomainsHandlersOptions extends MockFetchOptions {
  /** Only requests to this origin (and path prefix) are answered; default any origin. */
  baseUrl?: string;
  /**
   * Keep the world in this Web Storage, so it survives a page reload: saved after every write, read back when
   * the handlers are built (falling back to the seed when nothing usable is stored). Default: memory only.
   */
  persist?: PersistOption;
  /** The storage item's name when `persist` is set (default "email-domains-contract-kit:mock-state"). */
  storageKey?: string;
}

export interface EmailDomainsHandlers extends Pick<InProcessMock, "reset" | "loadSeed"> {
  handlers: HttpHandler[];
}

/** The literal path segments every path template of the spec starts with, e.g. `/api/v1/accounts`. */
export function commonPathPrefix(spec: OpenApiDocument): string {
  const templates = Object.keys(spec.paths ?? {}).map((path) => path.split("/").slice(1));
  const first = templates[0] ?? [];
  let length = 0;
  while (length < first.length && !first[length]!.startsWith("{") && templates.every((t) => t[length] === first[length])) length++;
  return `/${first.slice(0, length).join("/")}`;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/**
 * The URLs a handler takes: the prefix and everything under it, on `baseUrl` or any origin. A RegExp without
 * capturing groups, because msw decodes the parameters of a string pattern, and a malformed percent-encoding
 * (`/email-domains/%E0%A4%A`) then threw inside msw, which answered 500 with its stack instead of the engine's 404.
 * Case-insensitive, as msw's string patterns and the engine's router are.
 */
function urlPattern(baseUrl: string | undefined, prefix: string): RegExp {
  const origin = baseUrl === undefined ? "[a-z][a-z0-9+.-]*:\\/\\/[^/]+" : escapeRegExp(baseUrl.replace(/\/+$/, ""));
  return new RegExp(`^${origin}${escapeRegExp(prefix)}(?:\\/.*)?$`, "i");
}

export function createEmailDomainsHandlers(options: EmailDomainsHandlersOptions = {}): EmailDomainsHandlers {
  const { baseUrl, persist, storageKey, ...mockOptions } = options;
  const mock = createInProcessMock({ ...mockOptions, ...(persist ? { createStore: webStorageStoreFactory({ persist, storageKey }) } : {}) });
  const resolve = ({ request }: { request: Request }) => answerFetchRequest(mock, request);
  const handlers = [commonPathPrefix(apiSpec), commonPathPrefix(controlSpec)].map((prefix) => http.all(urlPattern(baseUrl, prefix), resolve));
  return { handlers, reset: mock.reset, loadSeed: mock.loadSeed };
}
