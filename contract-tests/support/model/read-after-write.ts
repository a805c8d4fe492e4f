// Read-your-writes (issue 25 item 3): right after a write the target answered as done, a read sent after that
// answer must see it, also through a load balancer in front of replicas. The model stage sends this read as a
// judged step of its own: a list of the account after a create or a delete (where a new or a removed domain
// shows), a get of the domain after an update or a check.
import { COLLECTION, ITEM } from "../domains.js";
import type { Answer, ConcreteCall } from "./steps.js";

/** The read that must see this write, when the write was answered as done (2xx); otherwise none. */
export function readAfterWrite(write: ConcreteCall, answer: Answer): ConcreteCall | undefined {
  if (answer.status < 200 || answer.status >= 300) return undefined;
  const base = { account: write.account, who: "owner" as const };
  const accountId = write.path.accountId;
  switch (write.operationId) {
    case "createEmailDomain":
    case "deleteEmailDomain":
      return { ...base, operationId: "listEmailDomains", method: "GET", pathTemplate: COLLECTION, path: { accountId }, query: { start: 0 } };
    case "updateEmailDomain":
    case "checkEmailDomainDkimStatus":
      return { ...base, operationId: "getEmailDomain", method: "GET", pathTemplate: ITEM, path: { accountId, id: write.path.id! } };
    default:
      return undefined;
  }
}
