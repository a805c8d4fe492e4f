import { createEmailDomainsClient } from "@vortex/email-domains-contract-kit/client";
import { createMockFetch } from "@vortex/email-domains-contract-kit/fetch";

const accountId = "a0000000-0000-4000-8000-000000000001"; // account A of the demo seed
const client = createEmailDomainsClient({ baseUrl: "http://mock.test", apiKey: "demo-key-account-a", fetch: createMockFetch() });

const created = await client.create(accountId, { domain: "news.example.com" });
const checked = await client.checkDkimStatus(accountId, created.id);
console.log(`${checked.domain}: token ${checked.tokenVerificationStatus}, DKIM ${checked.dkimStatus}`);
console.log(`listed: ${(await client.list(accountId)).length} domain(s)`);
