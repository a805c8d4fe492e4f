// One typed call per operation of the contract, so that a check can run "on every operation". Typed as a
// Record over the generated operation ids: a new operation without an entry here is a compile error.
import type { ContractClient } from "./client.js";
import { CHECK, COLLECTION, ITEM } from "./domains.js";
import { contractDomainName } from "./names.js";
import type { OperationId } from "./spec.js";

export type OperationCall = (api: ContractClient, accountId: string, id: string) => Promise<{ response: Response }>;

export const operationCalls: Record<OperationId, OperationCall> = {
  listEmailDomains: (api, accountId) => api.GET(COLLECTION, { params: { path: { accountId } } }),
  createEmailDomain: (api, accountId) => api.POST(COLLECTION, { params: { path: { accountId } }, body: { domain: contractDomainName() } }),
  getEmailDomain: (api, accountId, id) => api.GET(ITEM, { params: { path: { accountId, id } } }),
  updateEmailDomain: (api, accountId, id) => api.PATCH(ITEM, { params: { path: { accountId, id } }, body: { description: "changed by someone who may not" } }),
  deleteEmailDomain: (api, accountId, id) => api.DELETE(ITEM, { params: { path: { accountId, id } } }),
  checkEmailDomainDkimStatus: (api, accountId, id) => api.PATCH(CHECK, { params: { path: { accountId, id } } }),
};
