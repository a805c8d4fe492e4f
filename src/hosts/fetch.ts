// The in-process host: `createMockFetch()` is a function with fetch's signature that answers the API's and
// /__mock's paths of any absolute URL from a mock world of its own, with no port and no socket.
//   const client = createEmailDomainsClient({ baseUrl: "http://mock.test", apiKey, fetch: createMockFetch() });
import { BodyReadError, type EngineRequest } from "../engine/engine-types.js";
import { jsonText } from "../engine/json-text.js";
import { createInProcessMock, type InProcessMock, type InProcessMockOptions } from "./in-process-mock.js";

export type MockFetchOptions = Omit<InProcessMockOptions, "createStore">;

export type MockFetch = ((input: string | URL | Request, init?: RequestInit) => Promise<Response>) & {
  /** The world behind this function: reset it, or load another seed. */
  mock: Pick<InProcessMock, "reset" | "loadSeed">;
};

/** Reads a Fetch body, at most `limitBytes` of it: a stream longer than the limit is cancelled, not buffered. */
export async function readFetchBody(request: Request, limitBytes: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let next: ReadableStreamReadResult<Uint8Array>;
    try {
      next = await reader.read();
    } catch {
      throw new BodyReadError("aborted");
    }
    if (next.done) break;
    total += next.value.byteLength;
    if (total > limitBytes) {
      // Not awaited: under msw's interceptor in Node the cancel never settles, and the 413 would never go.
      reader.cancel().catch(() => {});
      throw new BodyReadError("too-large", limitBytes);
    }
    chunks.push(next.value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/** The engine's view of a Fetch request. */
export function fromFetchRequest(request: Request): EngineRequest {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => (headers[name] = value));
  return {
    method: request.method,
    url: url.pathname + url.search,
    headers,
    hasBody: request.body !== null,
    readBody: (limit) => readFetchBody(request, limit),
  };
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Printable ASCII with no whitespace at either end: what a Headers object keeps exactly as given. */
const PLAIN_VALUE = /^(?:[\x21-\x7e](?:[\x20-\x7e\t]*[\x21-\x7e])?)?$/;
/** Methods a Request keeps as they are (it upper-cases only some lower-case ones, and refuses others). */
const PLAIN_METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]);
const PLAIN_INIT_KEYS = new Set(["method", "headers", "body", "signal"]);
const utf8 = new TextEncoder();

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/**
 * The engine's view of `fetch(input, init)` without building a Request (the costliest part of an
 * in-process call), for the calls where a Request would hold exactly this: a Request alone, or an absolute
 * URL with a plain init (method as written, plain headers, a string body or none). Undefined for anything
 * else; then a Request is built, with all its checks and conversions.
 */
export function fromFetchArguments(input: string | URL | Request, init?: RequestInit): EngineRequest | undefined {
  if (input instanceof Request) return init === undefined && !input.bodyUsed ? fromFetchRequest(input) : undefined;
  if (init !== undefined && !isPlainObject(init)) return undefined;
  for (const key in init) if (!PLAIN_INIT_KEYS.has(key)) return undefined;
  const method: unknown = init?.method ?? "GET";
  if (typeof method !== "string" || !PLAIN_METHODS.has(method)) return undefined;
  let url: URL;
  try {
    url = input instanceof URL ? input : new URL(input);
  } catch {
    return undefined; // the Request says why
  }
  if (url.username !== "" || url.password !== "") return undefined;
  const headers: Record<string, string> = {};
  const given = init?.headers;
  if (given !== undefined) {
    if (!isPlainObject(given)) return undefined;
    for (const name in given) {
      const value = given[name];
      const lower = name.toLowerCase();
      if (typeof value !== "string" || !TOKEN.test(name) || !PLAIN_VALUE.test(value) || lower in headers) return undefined;
      headers[lower] = value;
    }
  }
  const body = init?.body;
  let bytes: Uint8Array | undefined;
  if (body !== undefined && body !== null) {
    if (typeof body !== "string" || method === "GET" || method === "HEAD") return undefined;
    bytes = utf8.encode(body);
    headers["content-type"] ??= "text/plain;charset=UTF-8"; // as a Request labels a string body
  }
  return {
    method,
    url: url.pathname + url.search,
    headers,
    hasBody: bytes !== undefined,
    readBody: async (limit) => {
      if (!bytes) return new Uint8Array(0);
      if (bytes.byteLength > limit) throw new BodyReadError("too-large", limit);
      return bytes;
    },
  };
}

/** Answers one request from the world's engine. */
async function answerEngineRequest(mock: Pick<InProcessMock, "engine">, request: EngineRequest): Promise<Response> {
  const answer = await mock.engine.handle(request);
  const body = answer.body === undefined ? null : jsonText(answer.body);
  return new Response(body, { status: answer.status, headers: answer.headers });
}

/** Answers one Fetch request from the world's engine. */
export async function answerFetchRequest(mock: Pick<InProcessMock, "engine">, request: Request): Promise<Response> {
  return answerEngineRequest(mock, fromFetchRequest(request));
}

export function createMockFetch(options: MockFetchOptions = {}): MockFetch {
  const mock = createInProcessMock(options);
  const mockFetch = async (input: string | URL | Request, init?: RequestInit) =>
    answerEngineRequest(mock, fromFetchArguments(input, init) ?? fromFetchRequest(new Request(input, init)));
  return Object.assign(mockFetch, { mock: { reset: mock.reset, loadSeed: mock.loadSeed } });
}
