// Where call_operation sends: the kit's engine in this process (the demo seed or another, state kept for the
// session, each call carrying the key of the seed's account named in its path), or a running server over
// HTTP with one key for every call.
import { createInProcessMock, type InProcessMockOptions } from "../in-process-mock.js";
import { answerFetchRequest } from "../fetch.js";
import type { CallTarget } from "./call-operation.js";

/** Any origin does: the engine answers by path. */
const IN_PROCESS_ORIGIN = "http://email-domains.in-process";
const REMOTE_TIMEOUT_MS = 30_000;

export function inProcessTarget(options: Pick<InProcessMockOptions, "seed" | "onError"> & { apiKey?: string }): CallTarget & { accountIds(): Promise<string[]> } {
  const mock = createInProcessMock(options);
  return {
    baseUrl: IN_PROCESS_ORIGIN,
    remote: false,
    send: (request) => answerFetchRequest(mock, request),
    async keyFor(pathValues) {
      if (options.apiKey !== undefined) return options.apiKey;
      const account = (await mock.store.accounts()).find((a) => pathValues.includes(a.accountId));
      return account?.apiKeys[0];
    },
    accountIds: async () => (await mock.store.accounts()).map((a) => a.accountId),
  };
}

export function remoteTarget(baseUrl: string, apiKey: string | undefined): CallTarget {
  return {
    baseUrl,
    remote: true,
    send: (request) => fetch(request, { signal: AbortSignal.timeout(REMOTE_TIMEOUT_MS) }),
    keyFor: async () => apiKey,
  };
}
