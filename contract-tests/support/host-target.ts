// CONTRACT_TARGET (settings.target) picks which host of the mock the suite runs against when no base URL is set:
//   server (default)  the mock server on an ephemeral port, over real HTTP
//   fetch             createMockFetch(): the client's fetch is the in-process host, no socket
//   msw               MSW's setupServer with createEmailDomainsHandlers(): plain fetch, intercepted
// The in-process hosts answer a made-up origin, so a request that is not intercepted fails loudly.
import { afterAll, beforeAll } from "vitest";
import type { ContractSettings, HostTarget } from "./settings.js";

export type { HostTarget };
export const IN_PROCESS_ORIGIN = "http://email-domains.mock.invalid";

/** The host the run talks to: `server` whenever a base URL is given. */
export const hostOf = (settings: ContractSettings): HostTarget => (settings.baseUrl ? "server" : settings.target);

/** The fetch the suite's client calls: the real one, or the in-process host (one world per module graph: see vitest.contract.config.ts). */
export async function targetFetch(settings: ContractSettings): Promise<(request: Request, init?: RequestInit) => Promise<Response>> {
  if (hostOf(settings) !== "fetch") return (request, init) => globalThis.fetch(request, init);
  const { createMockFetch } = await import("../../src/hosts/fetch.js");
  return createMockFetch();
}

/** For the msw target: intercepts globalThis.fetch for the duration of one test file. */
export async function interceptWithMsw(settings: ContractSettings): Promise<void> {
  if (hostOf(settings) !== "msw") return;
  const [{ setupServer }, { createEmailDomainsHandlers }] = await Promise.all([import("msw/node"), import("../../src/hosts/msw.js")]);
  const server = setupServer(...createEmailDomainsHandlers({ baseUrl: IN_PROCESS_ORIGIN }).handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterAll(() => server.close());
}
