// Read-your-writes (issue 25 item 3): right after a write the target answered as done, a read sent after that
// answer must see it, also through a load balancer in front of replicas. The model stage sends this read as a
// judged step of its own: a get of the domain after a write on one domain (where its new values show), a list
// of the account after any other write (where a new or a removed domain shows). Which is which is read from
// the spec (spec-roles.ts), so a write the spec gains is read back too.
import { isWrite, onOneDomain, roles, specOperation } from "../spec-roles.js";
import type { Answer, ConcreteCall } from "./steps.js";

/** The read that must see this write, when the write was answered as done (2xx); otherwise none. */
export function readAfterWrite(write: ConcreteCall, answer: Answer): ConcreteCall | undefined {
  if (answer.status < 200 || answer.status >= 300 || !isWrite(write.operationId)) return undefined;
  const base = { account: write.account, who: "owner" as const, path: { accountId: write.path.accountId } };
  const oneDomain = onOneDomain(specOperation(write.operationId)) && write.operationId !== roles.remove && write.path.id !== undefined;
  const read = specOperation(oneDomain ? roles.get : roles.list);
  return { ...base, operationId: read.operationId, method: "GET", pathTemplate: read.path, ...(oneDomain ? { path: { ...base.path, id: write.path.id } } : { query: { start: 0 } }) };
}
