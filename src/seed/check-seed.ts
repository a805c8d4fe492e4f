// Checks a seed: JSON Schema first (seed.schema.json, whose domain names and statuses come from the
// contract), then the rules a schema cannot state (unique keys, ids and names). Every problem is reported
// with the source, the field and the rule. Pure: the schema is handed in, so this also runs in a browser.
import { describeErrors } from "../spec/describe-errors.js";
import type { ValidateFunction } from "../spec/validator-types.js";
import { normalizeDomainName } from "../domain/domain-rules.js";
import type { Seed } from "../storage/types.js";

export class SeedError extends Error {
  constructor(readonly source: string, readonly problems: string[]) {
    super(`Invalid seed ${source}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "SeedError";
  }
}

/** Checks an already parsed seed; `validate` is seed.schema.json's validator; `source` names the seed in errors (a file name, or "request body"). */
export function checkSeed(value: unknown, validate: ValidateFunction, source: string): Seed {
  if (!validate(value)) throw new SeedError(source, [...new Set(describeErrors("seed", validate.errors))]);
  const seed = value as Seed;
  const problems: string[] = [];
  const keys = new Set<string>();
  const accountIds = new Set<string>();
  const domainIds = new Set<string>();
  seed.accounts.forEach((account, a) => {
    if (accountIds.has(account.accountId)) problems.push(`seed/accounts/${a}/accountId: ${account.accountId} appears twice`);
    accountIds.add(account.accountId);
    account.apiKeys.forEach((key, k) => {
      if (keys.has(key)) problems.push(`seed/accounts/${a}/apiKeys/${k}: this key is given twice`);
      keys.add(key);
    });
    const names = new Set<string>();
    let defaults = 0;
    (account.domains ?? []).forEach((domain, d) => {
      const name = normalizeDomainName(domain.domain);
      if (names.has(name)) problems.push(`seed/accounts/${a}/domains/${d}/domain: ${name} appears twice in this account`);
      names.add(name);
      if (domain.id !== undefined) {
        if (domainIds.has(domain.id)) problems.push(`seed/accounts/${a}/domains/${d}/id: ${domain.id} appears twice`);
        domainIds.add(domain.id);
      }
      if (domain.isDefault) defaults++;
      if (domain.createdAt !== undefined) {
        // "date-time" admits times JavaScript cannot represent (a leap second, 23:59:60); lists sort by this.
        const ms = Date.parse(domain.createdAt);
        if (Number.isNaN(ms)) problems.push(`seed/accounts/${a}/domains/${d}/createdAt: ${domain.createdAt} is not a time this mock can store`);
        else domain.createdAt = new Date(ms).toISOString();
      }
    });
    if (defaults > 1) problems.push(`seed/accounts/${a}/domains: ${defaults} domains are marked isDefault, at most one may be`);
  });
  if (problems.length > 0) throw new SeedError(source, problems);
  return seed;
}
