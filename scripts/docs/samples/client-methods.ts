// Which method of the typed client calls each operation. Typed against the generated `operations`, so an
// operation added to the spec without a line here fails to compile, and a method the client lacks too.
// (Temporary: once the client is keyed by operationId (issue 18), each method is the operationId itself
// and this table goes away.)
import type { EmailDomainsClient } from "../../../src/client/create-email-domains-client.js";
import type { OperationId } from "../../../src/spec/operations.js";

export const CLIENT_METHODS: Record<OperationId, keyof EmailDomainsClient> = {
  listEmailDomains: "list",
  createEmailDomain: "create",
  getEmailDomain: "get",
  updateEmailDomain: "update",
  deleteEmailDomain: "remove",
  checkEmailDomainDkimStatus: "checkDkimStatus",
};
