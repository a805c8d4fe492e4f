// Type-level test, checked by `tsc --noEmit` (npm test): each `@ts-expect-error` line must NOT compile.
// If one ever does (the client or the generated types got looser), tsc reports the unused directive and fails.
// Nothing here runs; the function is never called.
import type { EmailDomain, EmailDomainsClient } from "./index.js";

export async function typeLevelChecks(client: EmailDomainsClient): Promise<void> {
  const account = "a0000000-0000-4000-8000-000000000001";

  // What must compile: the documented bodies, query and fields.
  const created: EmailDomain = await client.create(account, { domain: "news.example.com", description: null });
  await client.update(account, created.id, { description: "Newsletter" });
  const page: EmailDomain[] = await client.list(account, { start: 50 });
  const verified: boolean = created.isVerified && page.length > 0 && created.dkimStatus === "verified";
  void verified;

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
