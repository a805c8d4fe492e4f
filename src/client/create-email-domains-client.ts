// The typed client for frontends: one method per operation of the contract, keyed by operationId like the
// mock's handler table, with the method and path the spec gives it (src/generated/spec-values.ts), on
// openapi-fetch. A new operation gets its method from `npm run generate`; the short names (`list`,
// `create`, ...) are kept for the six operations that had them. Methods resolve to the data of the
// documented success response, or reject with EmailDomainsApiError.
import createClient from "openapi-fetch";
import type { CreateEmailDomainRequest, EmailDomain, ListEmailDomainsQuery, UpdateEmailDomainRequest } from "../api-types.js";
import type { paths } from "../generated/openapi.js";
import { API_KEY_HEADER, OPERATION_ROUTES } from "../generated/spec-values.js";
import { toApiError } from "./email-domains-api-error.js";
import type { CallOptions, OperationId, OperationMethods } from "./operation-types.js";

export type { CallOptions, OperationInput, OperationMethods, OperationResult } from "./operation-types.js";

export interface EmailDomainsClientOptions {
  /** Where the API lives, without `/api/v1`: `http://127.0.0.1:4010` for the mock. */
  baseUrl: string;
  /** Sent as the `x-api-key` header on every request. */
  apiKey: string;
  /** Another fetch (a test double, an instrumented one); default the global fetch, looked up at each request. */
  fetch?: typeof globalThis.fetch;
}

// Each short name's `@operationId` names the operation it calls: `email-domains-usage` reads it from the
// declaration (src/usage/api-calls.ts), and a test checks it against the requests each method sends.
export interface EmailDomainsClient extends OperationMethods {
  /** One page of the account's domains from index `start` (default 0); `[]` past the end.
   * @operationId listEmailDomains */
  list(accountId: string, query?: ListEmailDomainsQuery, options?: CallOptions): Promise<EmailDomain[]>;
  /** Registers a domain; a duplicate rejects with statusCode 409.
   * @operationId createEmailDomain */
  create(accountId: string, body: CreateEmailDomainRequest, options?: CallOptions): Promise<EmailDomain>;
  /** @operationId getEmailDomain */
  get(accountId: string, id: string, options?: CallOptions): Promise<EmailDomain>;
  /** Sets `description` (send `null` to clear it).
   * @operationId updateEmailDomain */
  update(accountId: string, id: string, body: UpdateEmailDomainRequest, options?: CallOptions): Promise<EmailDomain>;
  /** Deletes the domain (204); resolves to nothing.
   * @operationId deleteEmailDomain */
  remove(accountId: string, id: string, options?: CallOptions): Promise<void>;
  /** Asks for one more DNS check and returns the domain after it.
   * @operationId checkEmailDomainDkimStatus */
  checkDkimStatus(accountId: string, id: string, options?: CallOptions): Promise<EmailDomain>;
}

interface AnyInput {
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
}
/** openapi-fetch's `request` with the route chosen at run time (its types need the path as a literal). */
type UntypedRequest = (method: string, path: string, init: object) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

function operationMethods(http: ReturnType<typeof createClient<paths>>): OperationMethods {
  const request = http.request as unknown as UntypedRequest;
  const call = async (id: OperationId, { path, query, body }: AnyInput, options: CallOptions = {}): Promise<unknown> => {
    const { method, path: template } = OPERATION_ROUTES[id];
    const { data, error, response } = await request(method, template, { params: { path, query }, ...(body === undefined ? {} : { body }), ...options });
    if (!response.ok) fail(response, error);
    return data ?? (response.status === 204 ? undefined : fail(response, error));
  };
  const ids = Object.keys(OPERATION_ROUTES) as OperationId[];
  return Object.fromEntries(ids.map((id) => [id, (input: AnyInput, options?: CallOptions) => call(id, input, options)])) as unknown as OperationMethods;
}

export function createEmailDomainsClient({ baseUrl, apiKey, fetch }: EmailDomainsClientOptions): EmailDomainsClient {
  // openapi-fetch keeps the fetch it is given when the client is made; looking the global up at each request
  // means whatever patched it later (MSW's setupServer().listen(), a test's spy) answers, in any order.
  const send = fetch ?? ((input: Request, init?: RequestInit) => globalThis.fetch(input, init));
  const http = createClient<paths>({ baseUrl, headers: { [API_KEY_HEADER]: apiKey }, fetch: send });
  const op = operationMethods(http);
  return {
    ...op,
    list: (accountId, query = {}, options) => op.listEmailDomains({ path: { accountId }, query }, options),
    create: (accountId, body, options) => op.createEmailDomain({ path: { accountId }, body }, options),
    get: (accountId, id, options) => op.getEmailDomain({ path: { accountId, id } }, options),
    update: (accountId, id, body, options) => op.updateEmailDomain({ path: { accountId, id }, body }, options),
    remove: (accountId, id, options) => op.deleteEmailDomain({ path: { accountId, id } }, options),
    checkDkimStatus: (accountId, id, options) => op.checkEmailDomainDkimStatus({ path: { accountId, id } }, options),
  };
}

/** openapi-fetch leaves `data` undefined on a non-2xx answer; a 2xx without a body is a broken server. */
function fail(response: Response, error: unknown): never {
  if (response.ok) throw toApiError(response, `a ${response.status} answer without the documented body`);
  throw toApiError(response, error);
}
