// The parts operations play in the resource, read from the spec's structure rather than from their names, so
// that the model and concurrent stages handle an operation the spec gains without an edit:
//   list     GET on the collection (the path without a domain id), answering an array
//   create   POST on the collection, answering 201
//   get      GET on one domain (the path ending in its id)
//   remove   DELETE on one domain
// A path names its account with its first parameter and a domain with its second (`{accountId}`, `{id}`): the
// calls of the stages carry those two by these names, so a path parameter by another name stops the suite at
// load with a message, rather than being sent wrong.
import type { SpecOperation } from "../../src/spec/operations.js";
import { operations, type OperationId } from "./spec.js";

const pathParams = (op: SpecOperation) => [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
const FILLED = ["accountId", "id"];
for (const op of operations) {
  const names = pathParams(op);
  if (names[0] !== "accountId" || names.some((n, i) => n !== FILLED[i])) {
    throw new Error(`${op.operationId}: the suite fills the path parameters {accountId} and then {id}; ${op.path} has {${names.join("}, {")}} (name them so, or teach contract-tests/support/model/call-resolver.ts the new one)`);
  }
}

/** Whether the operation acts on one domain (its path names a domain id). */
export const onOneDomain = (op: SpecOperation): boolean => pathParams(op).includes("id");
/** Whether the operation only reads (GET): it changes nothing, and a read without an answer had no effect. */
export const onlyReads = (op: SpecOperation): boolean => op.method === "get";
const answers = (op: SpecOperation, status: string) => status in op.responses;

function only(role: string, match: (op: SpecOperation) => boolean): OperationId {
  const found = operations.filter(match);
  if (found.length !== 1) throw new Error(`the spec should have one ${role} operation, found ${found.length}: ${found.map((o) => o.operationId).join(", ") || "none"}`);
  return found[0]!.operationId;
}

export const roles = {
  list: only("list", (op) => op.method === "get" && !onOneDomain(op)),
  create: only("create", (op) => op.method === "post" && !onOneDomain(op) && answers(op, "201")),
  get: only("get", (op) => op.method === "get" && op.path.endsWith("{id}")),
  remove: only("remove", (op) => op.method === "delete" && op.path.endsWith("{id}")),
} as const satisfies Record<string, OperationId>;

const byId = new Map(operations.map((op) => [op.operationId, op]));
export const specOperation = (id: OperationId): SpecOperation => byId.get(id)!;
/** Whether a call of this operation may change something (any method but GET). */
export const isWrite = (id: OperationId): boolean => !onlyReads(specOperation(id));
/** Whether the operation's outcome is the DNS provider's (`x-outcome-from-dns-provider`): the spec leaves the server room. */
export const outcomeFromDnsProvider = (id: OperationId): boolean => specOperation(id).outcomeFromDnsProvider;
