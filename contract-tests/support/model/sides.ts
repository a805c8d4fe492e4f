// Sends a concrete call to one side (the target through the suite's checked client, or the model through
// an unchecked client over its engine) and reads the answer as status and JSON body.
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "../../../src/generated/openapi.js";
import { contractClient, type ClientOptions } from "../client.js";
import { API_KEY_HEADER } from "../spec.js";
import type { Credentials } from "../target.js";
import type { AccountSlot, Answer, ConcreteCall } from "./steps.js";

type AnyClient = Client<paths>;
type Send = (path: string, init: Record<string, unknown>) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/** A key per `who`: the path account's, the other account's, none, or one no account has. */
export type KeyFor = (call: ConcreteCall) => string | undefined;

/** The keys of a run: its accounts' own, and one no account has (named after the run). */
export function runKeys(creds: Record<AccountSlot, Credentials | undefined>, runToken: string): KeyFor {
  const unknownKey = `contract-unknown-key-${runToken}`;
  return (call) => (call.who === "owner" ? creds[call.account]?.apiKey : call.who === "otherKey" ? creds[call.account === "own" ? "other" : "own"]?.apiKey : call.who === "unknownKey" ? unknownKey : undefined);
}

export interface Side {
  send(call: ConcreteCall): Promise<Answer>;
}

function sideOf(clientFor: (apiKey: string | undefined) => AnyClient, keyFor: KeyFor): Side {
  const clients = new Map<string, AnyClient>();
  const client = (key: string | undefined) => {
    const name = key ?? "";
    let c = clients.get(name);
    if (!c) clients.set(name, (c = clientFor(key)));
    return c;
  };
  return {
    async send(call) {
      const c = client(keyFor(call)) as unknown as Record<ConcreteCall["method"], Send>;
      const init: Record<string, unknown> = { params: { path: call.path, ...(call.query ? { query: call.query } : {}) } };
      if (call.body !== undefined) init["body"] = call.body;
      const { data, error, response } = await c[call.method](call.pathTemplate, init);
      return { status: response.status, body: data ?? error };
    },
  };
}

/** The target, through the suite's client: every answer is also held to the schema and the invariants. */
export const targetSide = (keyFor: KeyFor, options: ClientOptions = {}): Side => sideOf((key) => contractClient(key, options), keyFor);

/** The model, through a plain client over its fetch. */
export const modelSide = (fetch: (request: Request) => Promise<Response>, baseUrl: string, keyFor: KeyFor): Side =>
  sideOf((key) => createClient<paths>({ baseUrl, fetch, headers: key === undefined ? {} : { [API_KEY_HEADER]: key } }), keyFor);
