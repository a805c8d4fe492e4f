// The rules the spec states only in prose (its descriptions), written down once, here: where the spec says
// it (an operation's or a schema's description, and the words, which must still be there) and which checks
// assert it (a suite file and words of the test's name, or a support module that judges every answer).
// Rules stated by the spec's structure (statuses, schemas, security) are derived in rule-table.ts instead.
import type { OperationId } from "../spec.js";

export type Where = { operationId: OperationId } | { schema: string };

export interface Check {
  /** Under contract-tests/: a suite file (`pagination.test.ts`) or a support module that judges every answer. */
  file: string;
  /** Words of the test's name (or of the module) that find it. */
  test: string;
  /** When the check reaches the rule only under a condition: said with it wherever the table is shown. */
  only?: string;
}

export interface ProseRule {
  rule: string;
  where: Where;
  /** The spec's own words, as they stand in that description. */
  quote: string;
  checks: Check[];
}

const op = (operationId: OperationId): Where => ({ operationId });
const MODEL: Check = { file: "model.test.ts", test: "agree with the model" };
/**
 * The model's sequences reach the default rules only where an account loses its default or empties: on accounts
 * that start with a domain (the demo accounts; a team's test accounts, usually) only when they may delete what
 * the run did not create.
 */
const MODEL_DEFAULTS: Check = { ...MODEL, only: "reached only with CONTRACT_MODEL_DELETE_EXISTING=1 or --model-delete-existing, which delete the accounts' own domains, or when an account it works in starts empty; on in npm test's model-random stage" };
const INVARIANTS: Check = { file: "support/invariants.ts", test: "domainInvariantProblems" };

export const proseRules: ProseRule[] = [
  { rule: "a list is ordered by createdAt, ties by id", where: op("listEmailDomains"), quote: "Domains are ordered by `createdAt` ascending, ties broken by `id`",
    checks: [{ file: "pagination.test.ts", test: "is ordered by createdAt, then id" }, MODEL] },
  { rule: "start is a 0-based index; a start at or past the end gives []", where: op("listEmailDomains"), quote: "A `start` at or past the end gives `[]`",
    checks: [{ file: "pagination.test.ts", test: "at or past the end it is []" }, { file: "pagination.test.ts", test: "is the matching slice of the whole list" }] },
  { rule: "a negative, fractional, non-numeric or repeated start gives 400", where: op("listEmailDomains"), quote: "a negative, fractional, non-numeric or repeated `start` gives `400`",
    checks: [{ file: "pagination.test.ts", test: "-> 400" }, { file: "pagination.test.ts", test: "a repeated start -> 400" }] },
  { rule: "the page size is the server's: pages continue where the last one ended", where: op("listEmailDomains"), quote: "the page size is chosen by the server and may change",
    checks: [{ file: "pagination.test.ts", test: "a second page continues where the first ended" }] },
  { rule: "a new domain starts with a fresh token, waiting statuses and zero attempts", where: op("createEmailDomain"), quote: "the token status `waiting_for_provider`",
    checks: [{ file: "valid-input.test.ts", test: "starts as the spec describes" }, MODEL] },
  { rule: "a domain name is stored in lower case", where: op("createEmailDomain"), quote: "is stored in\nlower case",
    checks: [{ file: "lifecycle.test.ts", test: "stores the domain name in lower case" }, { file: "valid-input.test.ts", test: "stored in lower case" }] },
  { rule: "an account holds each domain once, compared case-insensitively, else 409", where: op("createEmailDomain"), quote: "the account may hold each domain once, compared case-insensitively, else `409`",
    checks: [{ file: "ids-and-conflicts.test.ts", test: "with a name the account already has" }, MODEL] },
  { rule: "a missing description is stored as null", where: op("createEmailDomain"), quote: "A missing `description` is stored as `null`",
    checks: [{ file: "valid-input.test.ts", test: "starts as the spec describes" }, MODEL] },
  { rule: "an account's first domain becomes its default", where: op("createEmailDomain"), quote: "The account's first domain becomes its default",
    checks: [MODEL_DEFAULTS] },
  { rule: "a rejected create creates nothing", where: op("createEmailDomain"), quote: "are rejected, and nothing is created",
    checks: [{ file: "request-bodies.test.ts", test: "nothing created" }, { file: "auth.test.ts", test: "nothing changed" }, MODEL] },
  { rule: "another account's domain answers 404, like one that never existed", where: op("getEmailDomain"), quote: "A domain of another account answers `404`, exactly like one that never existed",
    checks: [{ file: "isolation.test.ts", test: "through the other account -> 404" }, { file: "ids-and-conflicts.test.ts", test: "an id that no domain has" }, MODEL] },
  { rule: "an update moves modifiedAt and stores the description", where: op("updateEmailDomain"), quote: "`modifiedAt` moves to the time of the change",
    checks: [{ file: "lifecycle.test.ts", test: "create -> get -> list -> update" }, { file: "valid-input.test.ts", test: "stores it exactly" }, MODEL] },
  { rule: "a rejected update leaves the domain as it was", where: op("updateEmailDomain"), quote: "the domain is left as it was",
    checks: [{ file: "request-bodies.test.ts", test: "domain unchanged" }, MODEL] },
  { rule: "after a delete every operation on the id answers 404", where: op("deleteEmailDomain"), quote: "Afterwards every operation on its `id` answers `404`",
    checks: [{ file: "lifecycle.test.ts", test: "then every operation on it gives 404" }, MODEL] },
  { rule: "deleting the default makes the oldest remaining domain the default", where: op("deleteEmailDomain"), quote: "the oldest remaining domain of the account (by `createdAt`, then `id`) becomes the default",
    checks: [MODEL_DEFAULTS] },
  { rule: "a check counts one DKIM attempt and sets dkimRequestedAt", where: op("checkEmailDomainDkimStatus"), quote: "Each call counts one DKIM attempt and sets `dkimRequestedAt`",
    checks: [{ file: "lifecycle.test.ts", test: "checkDkimStatus" }, MODEL] },
  { rule: "attempt counters never decrease", where: op("checkEmailDomainDkimStatus"), quote: "The attempt counters never decrease",
    checks: [INVARIANTS, MODEL] },
  { rule: "isVerified is true exactly when token and DKIM are both verified", where: { schema: "EmailDomain" }, quote: "`isVerified` is `true` exactly when `tokenVerificationStatus` and `dkimStatus` are both `verified`",
    checks: [INVARIANTS] },
  { rule: "each *CompletedAt is set once its status is final", where: { schema: "EmailDomain" }, quote: "each `*CompletedAt` is set whenever its status is `verified`, `failed` or `provider_failed`",
    checks: [INVARIANTS] },
  { rule: "accountId is the account of the request path", where: { schema: "EmailDomain" }, quote: "`accountId` is the account of the request path",
    checks: [INVARIANTS, { file: "isolation.test.ts", test: "list never shows" }] },
];
