// Settings › Add a domain: a form; a duplicate and a bad name get their own messages.
import { EmailDomainsApiError } from "@vortex/email-domains-contract-kit/client";
import { domains } from "../api.js";

export async function addDomain(accountId: string, name: string, note: string): Promise<string> {
  try {
    const created = await domains.create(accountId, { domain: name, description: note || null });
    return `Added ${created.domain}: publish the TXT record ${created.verificationToken}`;
  } catch (err) {
    if (err instanceof EmailDomainsApiError && err.statusCode === 409) return `${name} is already registered`;
    if (err instanceof EmailDomainsApiError && err.statusCode === 400) return `Not a valid domain: ${err.messages.join("; ")}`;
    throw err;
  }
}
