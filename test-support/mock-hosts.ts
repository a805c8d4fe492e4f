// The hosts of one mock behaviour, for tests that speak HTTP but are not about sockets: the server on an
// ephemeral port (real HTTP) and the in-process fetch (no socket). A test written against MockHost runs
// unchanged against both, which is the proof that the hosts are thin.
import { createMockFetch } from "../src/hosts/fetch.js";
import { startMock } from "../src/hosts/node/start-mock.js";

export type HostName = "server" | "fetch";
export const HOST_NAMES: HostName[] = ["server", "fetch"];

export interface MockHost {
  name: HostName;
  /** The origin requests go to; the fetch host answers any origin. */
  url: string;
  fetch: (input: string | Request, init?: RequestInit) => Promise<Response>;
  close(): Promise<void>;
}

export async function startHost(name: HostName, options: { pageSize?: number } = {}): Promise<MockHost> {
  if (name === "fetch") {
    const mockFetch = createMockFetch(options);
    return { name, url: "http://email-domains.mock.invalid", fetch: mockFetch, close: async () => {} };
  }
  const mock = await startMock({ port: 0, ...options });
  return { name, url: mock.url, fetch: (input, init) => fetch(input, init), close: () => mock.close() };
}
