// Headers that never change from one response to the next (helmet's security headers, CORS for any origin)
// are recorded once, by running the very middlewares (otherwise run on each request) against a stand-in response,
// so the server (app.ts) sends exactly what those middlewares would, in their order, in one step.
import type { IncomingMessage, ServerResponse } from "node:http";

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/** A flat list `[name, value, name, value, ...]`, the form `res.writeHead` takes. */
export type FlatHeaders = readonly string[];

/**
 * The headers `middlewares` set for a request like `req` (by default a GET without headers), in order.
 * Throws when one of them does anything but set or remove headers and call next() at once: such a
 * middleware's output may depend on the request, and must not be recorded.
 */
export function recordHeaders(middlewares: Middleware[], req: Partial<IncomingMessage> = { method: "GET", url: "/", headers: {} }): FlatHeaders {
  const set = new Map<string, [string, string]>();
  const res = {
    setHeader(name: string, value: unknown) {
      set.set(name.toLowerCase(), [name, String(value)]);
      return res;
    },
    getHeader: (name: string) => set.get(name.toLowerCase())?.[1],
    removeHeader: (name: string) => void set.delete(name.toLowerCase()),
  };
  for (const middleware of middlewares) {
    let passed = false;
    middleware(req as IncomingMessage, res as unknown as ServerResponse, (error) => {
      if (error) throw error;
      passed = true;
    });
    if (!passed) throw new Error("a middleware whose headers are recorded must call next() at once");
  }
  return [...set.values()].flat();
}
