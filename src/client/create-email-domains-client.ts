// The typed client for frontends: one method per operation of the contract, built on openapi-fetch and the
// generated `paths`, so a path, parameter or body that the spec does not allow is a compile error.
// Methods resolve to the data of the documented success response, or reject with EmailDomainsApiError.
import createClient from "openapi-fetch";
import type { CreateEmailDomainRequest, EmailDomain, ListEmailDomainsQuery, UpdateEmailDomainRequest } from "../api-types.js";
import type { paths } from "../generated/openapi.js";
import { toApiError } from "./email-domains-api-error.js";
import { API_KEY_HEADER } from "../generated/spec-values.js";

export interface EmailDomainsClientOptions {
  /** Where the API lives, without `/api/v1`: `http://127.0.0.1:4010` for the mock. */
  baseUrl: string;
  /** Sent as the `x-api-key` header on every request. */
  apiKey: string;
  /** Another fetch (a test double, an instrumented one); default the global fetch. */
  fetch?: typeof globalThis.fetch;
}

/** Per-call extras: cancel with `signal`; send extra headers, e.g. the mock's `prefer: code=409`. */
export interface CallOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

export interface EmailDomainsClient {
  /** One page of the account's domains from index `start` (default 0); `[]` past the end. */
  list(accountId: string, query?: ListEmailDomainsQuery, options?: CallOptions): Promise<EmailDomain[]>;
  /** Registers a domain; a duplicate rejects with statusCode 409. */
  create(accountId: string, body: CreateEmailDomainRequest, options?: CallOptions): Promise<EmailDomain>;
  get(accountId: string, id: string, options?: CallOptions): Promise<EmailDomain>;
  /** Sets `description` (send `null` to clear it). */
  update(accountId: string, id: string, body: UpdateEmailDomainRequest, options?: CallOptions): Promise<EmailDomain>;
  /** Deletes the domain (204); resolves to nothing. */
  remove(accountId: string, id: string, options?: CallOptions): Promise<void>;
  /** Asks for one more DNS check and returns the domain after it. */
  checkDkimStatus(accountId: string, id: string, options?: CallOptions): Promise<EmailDomain>;
}

const COLLECTION = "/api/v1/accounts/{accountId}/email-domains";
const ITEM = "/api/v1/accounts/{accountId}/email-domains/{id}";
const CHECK = "/api/v1/accounts/{accountId}/email-domains/{id}/checkDkimStatus";

export function createEmailDomainsClient({ baseUrl, apiKey, fetch }: EmailDomainsClientOptions): EmailDomainsClient {
  const http = createClient<paths>({ baseUrl, headers: { [API_KEY_HEADER]: apiKey }, ...(fetch ? { fetch } : {}) });

  return {
    async list(accountId, query = {}, options = {}) {
      const { data, error, response } = await http.GET(COLLECTION, { params: { path: { accountId }, query }, ...options });
      return data ?? fail(response, error);
    },
    async create(accountId, body, options = {}) {
      const { data, error, response } = await http.POST(COLLECTION, { params: { path: { accountId } }, body, ...options });
      return data ?? fail(response, error);
    },
    async get(accountId, id, options = {}) {
      const { data, error, response } = await http.GET(ITEM, { params: { path: { accountId, id } }, ...options });
      return data ?? fail(response, error);
    },
    async update(accountId, id, body, options = {}) {
      const { data, error, response } = await http.PATCH(ITEM, { params: { path: { accountId, id } }, body, ...options });
      return data ?? fail(response, error);
    },
    async remove(accountId, id, options = {}) {
      const { error, response } = await http.DELETE(ITEM, { params: { path: { accountId, id } }, ...options });
      if (!response.ok) fail(response, error);
    },
    async checkDkimStatus(accountId, id, options = {}) {
      const { data, error, response } = await http.PATCH(CHECK, { params: { path: { accountId, id } }, ...options });
      return data ?? fail(response, error);
    },
  };
}

/** openapi-fetch leaves `data` undefined on a non-2xx answer; a 2xx without a body is a broken server. */
function fail(response: Response, error: unknown): never {
  if (response.ok) throw toApiError(response, `a ${response.status} answer without the documented body`);
  throw toApiError(response, error);
}
