// Type-level test, checked by `tsc --noEmit` (npm test): each `@ts-expect-error` line must NOT compile.
// If one ever does (the client or the generated types got looser), tsc reports the unused directive and fails.
// Nothing here runs; the function is never called.
import type { EmailDomain, EmailDomainsClient, operations } from "./index.js";

export async function typeLevelChecks(client: EmailDomainsClient): Promise<void> {
  const account = "a0000000-0000-4000-8000-000000000001";

  // What must compile: the documented bodies, query and fields.
  const created: EmailDomain = await client.create(account, { domain: "news.example.com", description: null });
  await client.update(account, created.id, { description: "Newsletter" });
  const page: EmailDomain[] = await client.list(account, { start: 50 });
  const verified: boolean = created.isVerified && page.length > 0 && created.dkimStatus === "verified";
  void verified;

  // The same calls keyed by operationId, one method per operation of the spec.
  const byId: EmailDomain = await client.getEmailDomain({ path: { accountId: account, id: created.id } });
  const listed: EmailDomain[] = await client.listEmailDomains({ path: { accountId: account }, query: { start: 0 } });
  const removed: void = await client.deleteEmailDomain({ path: { accountId: account, id: byId.id } });
  void [listed, removed];
  const everyOperation: [Exclude<keyof operations, keyof EmailDomainsClient>] extends [never] ? true : false = true;
  void everyOperation;
  // @ts-expect-error an operation's path parameters are required
  await client.getEmailDomain({ path: { accountId: account } });
  // @ts-expect-error createEmailDomain needs a body
  await client.createEmailDomain({ path: { accountId: account } });
  // @ts-expect-error checkEmailDomainDkimStatus takes no body
  await client.checkEmailDomainDkimStatus({ path: { accountId: account, id: byId.id }, body: {} });

  // @ts-expect-error a misspelled field in a request body (`domian`) is rejected
  await client.create(account, { domian: "news.example.com" });
  // @ts-expect-error an unknown field next to valid ones is rejected
  await client.create(account, { domain: "news.example.com", descripton: "typo" });
  // @ts-expect-error a wrong type in the body: description is string | null
  await client.update(account, created.id, { description: 42 });
  // @ts-expect-error update's body requires description
  await client.update(account, created.id, {});
  // @ts-expect-error create needs a body
  await client.create(account);
  // @ts-expect-error start is a number, not a string
  await client.list(account, { start: "50" });
  // @ts-expect-error a misspelled response field (`isVerifed`)
  void created.isVerifed;
  // @ts-expect-error a status outside the documented enum
  void (created.dkimStatus === "verifed");
  // @ts-expect-error the list is a bare array, not an envelope
  void page.items;
}
