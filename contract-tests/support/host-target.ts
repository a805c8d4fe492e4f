// CONTRACT_TARGET picks which host of the mock the suite runs against when no CONTRACT_BASE_URL is set:
//   server (default)  the mock server on an ephemeral port, over real HTTP
//   fetch             createMockFetch(): the client's fetch is the in-process host, no socket
//   msw               MSW's setupServer with createEmailDomainsHandlers(): plain fetch, intercepted
// The in-process hosts answer a made-up origin, so a request that is not intercepted fails loudly.
import { afterAll, beforeAll } from "vitest";

export type HostTarget = "server" | "fetch" | "msw";
export const IN_PROCESS_ORIGIN = "http://email-domains.mock.invalid";

export function hostTarget(): HostTarget {
  const value = process.env["CONTRACT_TARGET"]?.trim() || "server";
  if (value !== "server" && value !== "fetch" && value !== "msw") {
    throw new Error(`CONTRACT_TARGET must be server, fetch or msw, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** The fetch the suite's client calls: the real one, or the in-process host (one world per module graph: see vitest.contract.config.ts). */
export async function targetFetch(): Promise<(request: Request, init?: RequestInit) => Promise<Response>> {
  if (hostTarget() !== "fetch" || process.env["CONTRACT_BASE_URL"]?.trim()) return (request, init) => globalThis.fetch(request, init);
  const { createMockFetch } = await import("../../src/hosts/fetch.js");
  return createMockFetch();
}

/** For the msw target: intercepts globalThis.fetch for the duration of one test file. */
export async function interceptWithMsw(): Promise<void> {
  if (hostTarget() !== "msw" || process.env["CONTRACT_BASE_URL"]?.trim()) return;
  const [{ setupServer }, { createEmailDomainsHandlers }] = await Promise.all([import("msw/node"), import("../../src/hosts/msw.js")]);
  const server = setupServer(...createEmailDomainsHandlers({ baseUrl: IN_PROCESS_ORIGIN }).handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterAll(() => server.close());
}
