// The only way the suite speaks HTTP: an openapi-fetch client typed by the generated `paths`, with a
// client-side timeout on every request and the spec check on every response.
import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { Dispatcher } from "undici";
import type { paths as controlPaths } from "../../src/generated/mock-control.js";
import type { paths } from "../../src/generated/openapi.js";
import { networkReason } from "./network-reason.js";
import { recordingFetch } from "./repro/recorder.js";
import { responseCheck } from "./response-check.js";
import { API_KEY_HEADER } from "./spec.js";
import { targetFetch } from "./host-target.js";
import { suiteSettings } from "./suite-settings.js";
import { target, type Credentials } from "./target.js";

export type ContractClient = Client<paths>;

const hostFetch = await targetFetch(suiteSettings);
const withTimeout = (request: Request, init?: RequestInit) => hostFetch(request, { ...init, signal: AbortSignal.timeout(target.timeoutMs) });
/** The API's calls are recorded: a failing test gets its reproduction script (repro/). */
const recorded = recordingFetch(withTimeout, API_KEY_HEADER);

const timeoutMessage: Middleware = {
  onError({ request, error }) {
    return new Error(`${request.method} ${request.url} got no answer: ${networkReason(error, target.timeoutMs)}`);
  },
};

export interface ClientOptions {
  /** false: answers are not held to the spec (cleanup). */
  check?: boolean;
  /** The connection pool to send through (an undici Agent: the concurrent stage's one warm connection per client). */
  dispatcher?: Dispatcher;
}

/** A checked client; `apiKey` undefined sends no key. */
export function contractClient(apiKey: string | undefined, options: ClientOptions = {}): ContractClient {
  const { dispatcher } = options;
  const client = createClient<paths>({
    baseUrl: target.baseUrl,
    // Node's fetch takes an undici dispatcher beside the standard fields.
    fetch: dispatcher === undefined ? recorded : (request) => recorded(request, { dispatcher } as RequestInit),
    headers: apiKey === undefined ? {} : { [API_KEY_HEADER]: apiKey },
  });
  client.use(timeoutMessage);
  if (options.check !== false) client.use(responseCheck);
  return client;
}

export const clientFor = (who: Credentials) => contractClient(who.apiKey);

/** Sends the request with another method (to probe undocumented ones) while keeping the path template. */
export const withMethod = (method: string): Middleware => ({
  onRequest({ request }) {
    return new Request(request, { method });
  },
});

export type ControlClient = Client<controlPaths>;

/** The mock's own control endpoints (openapi/mock-control), for the checks only a mock the suite started can run. */
export function controlClient(): ControlClient {
  const client = createClient<controlPaths>({ baseUrl: target.baseUrl, fetch: withTimeout });
  client.use(timeoutMessage);
  return client;
}
