// A frontend developer's walk through the email-domain API with the typed client: list the account's
// domains, register one, check its DNS until it is verified (or fails), and handle a 409 on a duplicate.
//
//   npm start                                  # the mock, in another terminal
//   npx tsx examples/verify-domain.ts news.example.com
//
// Copy it into your project as it is: it imports the kit by its package name (in this repo, tsconfig.json's
// "paths" map that name to the sources). Settings come from the environment; the defaults are the mock's demo account A.
import { createEmailDomainsClient, EmailDomainsApiError, type EmailDomain } from "@vortex/email-domains-contract-kit/client";

const baseUrl = process.env["EMAIL_DOMAINS_BASE_URL"] ?? "http://127.0.0.1:4010";
const apiKey = process.env["EMAIL_DOMAINS_API_KEY"] ?? "demo-key-account-a";
const accountId = process.env["EMAIL_DOMAINS_ACCOUNT_ID"] ?? "a0000000-0000-4000-8000-000000000001";
/** Pause between DNS checks. Real DNS takes minutes; the mock moves one step per check. */
const pollMs = Number(process.env["EMAIL_DOMAINS_POLL_MS"] ?? 2000);
const maxChecks = 10;
const domainName = process.argv[2] ?? `news-${Date.now()}.example.com`;

const client = createEmailDomainsClient({ baseUrl, apiKey });

try {
  await walk();
} catch (err) {
  // One readable line instead of a stack trace: what the server said, or why it could not be reached.
  console.error(explain(err));
  process.exitCode = 1;
}

async function walk(): Promise<void> {
  const existing = await client.list(accountId); // the first page (the server picks the page size)
  console.log(`listed: ${existing.length} domain(s) on the first page`);

  let domain: EmailDomain;
  try {
    domain = await client.create(accountId, { domain: domainName, description: "Created by examples/verify-domain.ts" });
  } catch (err) {
    if (!(err instanceof EmailDomainsApiError) || err.statusCode !== 409) throw err;
    // Run twice with one name: the name is taken. Say so, as a UI would, and stop.
    console.error(`already registered: ${domainName} (${err.statusCode} ${err.error}: ${err.message}). Pick another name, or run without one.`);
    process.exitCode = 1;
    return;
  }
  console.log(`created: ${domain.domain} (${domain.id}), token ${domain.tokenVerificationStatus}, DKIM ${domain.dkimStatus}`);

  const checked = await checkUntilSettled(domain);
  if (checked.isVerified) {
    console.log(`verified: ${checked.domain} after ${checked.dkimAttempts} check(s)`);
  } else {
    console.log(`not verified: token ${checked.tokenVerificationStatus}, DKIM ${checked.dkimStatus}: ${describeErrors(checked)}`);
    process.exitCode = 2;
  }

  // Registering the same name again is a conflict: show the user a message instead of failing.
  try {
    await client.create(accountId, { domain: domainName.toUpperCase() });
  } catch (err) {
    if (!(err instanceof EmailDomainsApiError) || err.statusCode !== 409) throw err;
    console.log(`conflict: ${err.statusCode} ${err.error}: ${err.message}`);
  }
}

/** The line to show for a failure: the server's status and messages, or the network error's cause. */
function explain(err: unknown): string {
  if (err instanceof EmailDomainsApiError) return `failed: ${err.statusCode} ${err.error}: ${err.message}`;
  const cause = (err as { cause?: { code?: unknown } } | undefined)?.cause;
  if (cause?.code === "ECONNREFUSED") return `failed: nothing answers at ${baseUrl} (connection refused); start the mock with npm start`;
  return `failed: ${err instanceof Error ? err.message : String(err)}`;
}

/** Checks until the token and DKIM statuses stop moving: verified, failed, or out of attempts. */
async function checkUntilSettled(start: EmailDomain): Promise<EmailDomain> {
  let current = start;
  for (let i = 1; i <= maxChecks && !isSettled(current); i++) {
    if (i > 1) await new Promise((resolve) => setTimeout(resolve, pollMs));
    current = await client.checkDkimStatus(accountId, current.id);
    console.log(`check ${i}: token ${current.tokenVerificationStatus}, DKIM ${current.dkimStatus}`);
  }
  return current;
}

function isSettled(d: EmailDomain): boolean {
  const done = (s: string | null) => s === "verified" || s === "failed" || s === "provider_failed";
  return d.isVerified || (done(d.tokenVerificationStatus) && done(d.dkimStatus));
}

function describeErrors(d: EmailDomain): string {
  const errors = [d.tokenVerificationError, d.dkimError].filter((e) => e !== null);
  return errors.length > 0 ? JSON.stringify(errors) : "no error reported";
}
