// The model: the kit's own engine, in-process, over a memory store that starts from the target's visible
// state (both accounts with their full records, as the target listed them). It answers the same calls as
// the target, as a Fetch function for an openapi-fetch client, and can take over a state the target chose
// where the spec leaves room (the outcome of a DNS check) through the mock's control endpoint.
import type { EngineRequest } from "../../../src/engine/engine-types.js";
import { createInProcessMock } from "../../../src/hosts/in-process-mock.js";
import { jsonText } from "../../../src/engine/json-text.js";
import { createEmailDomains } from "../../../src/domain/email-domains.js";
import type { Engine } from "../../../src/engine/create-engine.js";
import { createMemoryBackend, type MemoryBackend } from "../../../src/storage/memory-store.js";
import type { EmailDomain } from "../domains.js";
import { createModelClock, type ModelClock } from "./oracle-clock.js";

export interface ModelAccount {
  accountId: string;
  organizationId: string;
  creatorId: string;
  apiKey: string;
  /** The account's domains in list order, as the target answered them. */
  domains: EmailDomain[];
}

export interface Oracle {
  clock: ModelClock;
  /** The engine itself (the concurrent checker sends it plain requests, without a Fetch round). */
  engine: Engine;
  /** Its store: snapshot() and restore() fork the model's state cheaply (stored domains are frozen and shared). */
  backend: MemoryBackend;
  /** Answers one request, as fetch would. */
  fetch(request: Request): Promise<Response>;
  /** The account's domains in the model now, in list order (read straight from its store: no call counted). */
  domainsOf(accountId: string): readonly EmailDomain[];
  /** Sets statuses of one domain (the control endpoint's verification patch); returns the domain after. */
  adopt(accountId: string, id: string, patch: Record<string, unknown>): Promise<EmailDomain>;
}

export interface OracleOptions {
  /** Domains per list page: the mock's own (exact comparison) or effectively unbounded (the server's choice). */
  pageSize: number;
  /** The model's clock; default one that follows the target's creates and the wall clock. */
  clock?: ModelClock;
}

/** The engine's view of a Fetch request (the body read once, up front). */
async function engineRequest(request: Request): Promise<EngineRequest> {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => (headers[name] = value));
  const bytes = request.body === null ? undefined : new Uint8Array(await request.arrayBuffer());
  return {
    method: request.method,
    url: url.pathname + url.search,
    headers,
    hasBody: bytes !== undefined,
    readBody: async () => bytes ?? new Uint8Array(0),
  };
}

export function createOracle(accounts: ModelAccount[], options: OracleOptions): Oracle {
  const clock = options.clock ?? createModelClock();
  const seed = { accounts: accounts.map(({ accountId, organizationId, creatorId, apiKey }) => ({ accountId, organizationId, creatorId, apiKeys: [apiKey] })) };
  const backend = createMemoryBackend({ accounts: [] });
  const store = createEmailDomains(backend, clock);
  const world = createInProcessMock({
    seed,
    createStore: () => store,
    pageSize: options.pageSize,
    onError: (event) => {
      throw new Error(`the model itself failed (${event.message}): ${String(event.error)}`);
    },
  });
  // The target's records exactly as listed: counters, timestamps and tokens included.
  backend.restore({
    accounts: accounts.map(({ accountId, organizationId, creatorId, apiKey, domains }) => ({ accountId, organizationId, creatorId, apiKeys: [apiKey], domains })),
  });
  const engine = world.engine;
  const answer = async (req: EngineRequest) => {
    const res = await engine.handle(req);
    return new Response(res.body === undefined ? null : jsonText(res.body), { status: res.status, headers: res.headers });
  };
  return {
    clock,
    engine,
    backend,
    async fetch(request) {
      try {
        return await answer(await engineRequest(request));
      } finally {
        clock.clearPrime();
      }
    },
    domainsOf(accountId) {
      return (backend.snapshot().accounts.find((a) => a.accountId === accountId)?.domains ?? []) as unknown as EmailDomain[];
    },
    async adopt(accountId, id, patch) {
      const body = new TextEncoder().encode(JSON.stringify(patch));
      const res = await engine.handle({
        method: "PATCH",
        url: `/__mock/accounts/${accountId}/email-domains/${id}/verification`,
        headers: { "content-type": "application/json" },
        hasBody: true,
        readBody: async () => body,
      });
      if (res.status !== 200) throw new Error(`the model could not take over ${JSON.stringify(patch)} for ${id}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as EmailDomain;
    },
  };
}

