// One call of any operation of the contract, so that a check can run "on every operation": the request the
// spec itself gives (spec-requests.ts: method, path, the body of its first example), on the account and domain
// given, with every host name in the body replaced by a fresh name of the suite (a server that wrongly accepts
// the call then creates a domain the suite owns and cleans up, never the example's real-looking one). An
// operation the spec gains is called with no edit here.
import type { ContractClient } from "./client.js";
import { contractDomainName } from "./names.js";
import { componentSchema, operation, validators, type OperationId } from "./spec.js";
import { sendSpecRequest, specRequest } from "./spec-requests.js";

const isHostName = validators.compile(componentSchema("Hostname")) as (value: unknown) => boolean;
/** The body with every host name in it replaced by a fresh name of the suite. */
export const ownNames = (body: unknown): unknown =>
  typeof body === "object" && body !== null && !Array.isArray(body) ? Object.fromEntries(Object.entries(body).map(([k, v]) => [k, typeof v === "string" && isHostName(v) ? contractDomainName() : v])) : body;

export function callOperation(api: ContractClient, operationId: OperationId, accountId: string, id: string): Promise<{ response: Response }> {
  const request = specRequest(operation(operationId), { accountId, id });
  return sendSpecRequest(api, request.body === undefined ? request : { ...request, body: ownNames(request.body) });
}
