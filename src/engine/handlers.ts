// One handler per operationId: validated input -> one store call -> status and body. The table's type is
// derived from the generated `operations`, so an operation documented in the spec without a handler here
// does not compile.
import type { operations } from "../generated/openapi.js";
import type { OperationId } from "../spec/operations.js";
import { normalizeDomainName } from "../domain/domain-rules.js";
import type { Account, EmailDomain, EmailDomainStore } from "../storage/types.js";
import { httpError } from "./error-catalogue.js";

type Params<K extends OperationId, Where extends "path" | "query"> = NonNullable<operations[K]["parameters"][Where]>;
type JsonBody<K extends OperationId> = operations[K] extends { requestBody: { content: { "application/json": infer B } } } ? B : undefined;
type Responses<K extends OperationId> = operations[K]["responses"];
type JsonOf<R> = R extends { content: { "application/json": infer B } } ? B : undefined;
type SuccessStatus<K extends OperationId> = Extract<keyof Responses<K>, 200 | 201 | 204>;

export interface HandlerInput<K extends OperationId> {
  account: Account;
  path: Params<K, "path">;
  query: Params<K, "query">;
  body: JsonBody<K>;
}

/** A success response of the operation; errors are thrown as HttpError. */
export type HandlerResult<K extends OperationId> = {
  [S in SuccessStatus<K>]: { status: S; body: JsonOf<Responses<K>[S]> };
}[SuccessStatus<K>];

export type Handler<K extends OperationId> = (input: HandlerInput<K>) => Promise<HandlerResult<K>>;
export type HandlerTable = { [K in OperationId]: Handler<K> };

export interface HandlerOptions {
  /** How many domains one list page holds (the spec leaves it to the server). */
  pageSize: number;
}

function found(domain: EmailDomain | undefined, id: string): EmailDomain {
  if (!domain) throw httpError("domainNotFound", id);
  return domain;
}

export function createHandlers(store: EmailDomainStore, options: HandlerOptions): HandlerTable {
  return {
    // The account as authenticated (authorize made sure it is the path's), so a backend can check the key in the same step.
    async listEmailDomains({ account, query }) {
      return { status: 200, body: await store.list(account, query.start ?? 0, options.pageSize) };
    },
    async createEmailDomain({ account, body }) {
      const result = await store.create(account, body);
      if ("conflict" in result) {
        throw httpError("duplicateDomain", normalizeDomainName(body.domain));
      }
      return { status: 201, body: result.created };
    },
    async getEmailDomain({ account, path }) {
      return { status: 200, body: found(await store.get(account, path.id), path.id) };
    },
    async updateEmailDomain({ account, path, body }) {
      return { status: 200, body: found(await store.updateDescription(account, path.id, body.description), path.id) };
    },
    async deleteEmailDomain({ account, path }) {
      if (!(await store.remove(account, path.id))) throw httpError("domainNotFound", path.id);
      return { status: 204, body: undefined };
    },
    async checkEmailDomainDkimStatus({ account, path }) {
      return { status: 200, body: found(await store.checkDkimStatus(account, path.id), path.id) };
    },
  };
}
