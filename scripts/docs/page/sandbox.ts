// Where a try-it request goes. "page": the kit's MSW handlers answer it in this page, through the MSW
// service worker served beside the page (mockServiceWorker.js), or, where no worker can run (a page opened
// from file://), through msw's getResponse; the world is kept in sessionStorage for the session.
// "origin": the server that serves this page (the mock, at /docs/). "url": a base URL the reader types.
import { bypass, getResponse } from "msw";
import { setupWorker } from "msw/browser";
import { createEmailDomainsHandlers } from "../../../src/hosts/msw.js";

export type Target = { kind: "page" } | { kind: "origin" } | { kind: "url"; base: string };

export interface Sandbox {
  /** How the in-page mock answers: through the service worker, or in the page itself. */
  mode: "worker" | "in-page";
  /** The base URL a request to `target` is sent to. */
  baseOf(target: Target): string;
  send(request: Request, target: Target): Promise<Response>;
  reset(): Promise<void>;
}

const STORAGE_KEY = "email-domains-docs:sandbox";

export async function startSandbox(): Promise<Sandbox> {
  // A page opened from disk has no http origin (Chromium says "file://", others "null"): its in-page mock
  // answers a made-up one, which no request ever leaves the page for.
  const served = location.protocol === "http:" || location.protocol === "https:";
  const origin = served ? location.origin : "http://sandbox.invalid";
  const mock = createEmailDomainsHandlers({ baseUrl: origin, persist: "sessionStorage", storageKey: STORAGE_KEY });
  let mode: Sandbox["mode"] = "in-page";
  if ("serviceWorker" in navigator && served) {
    try {
      const worker = setupWorker(...mock.handlers);
      await worker.start({ serviceWorker: { url: new URL("mockServiceWorker.js", location.href).pathname, options: { scope: "./" } }, onUnhandledRequest: "bypass", quiet: true });
      mode = "worker";
    } catch (error) {
      console.warn("docs: the MSW service worker did not start; the in-page mock answers without it", error);
    }
  }
  const baseOf = (target: Target): string => (target.kind === "url" ? target.base.replace(/\/+$/, "") : origin);
  return {
    mode,
    baseOf,
    async send(request, target) {
      if (target.kind === "page") {
        if (mode === "worker") return fetch(request);
        return (await getResponse(mock.handlers, request)) ?? new Response("no handler answered", { status: 500 });
      }
      return fetch(mode === "worker" ? bypass(request) : request);
    },
    reset: () => mock.reset(),
  };
}
