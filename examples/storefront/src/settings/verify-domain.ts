// Settings › "Check now": asks for a DNS check, by operationId, and reports progress.
import { EmailDomainsApiError } from "@vortex/email-domains-contract-kit/client";
import { domains } from "../api.js";

async function check(accountId: string, id: string) {
  return domains.checkEmailDomainDkimStatus({ path: { accountId, id } });
}

export async function verifyNow(accountId: string, id: string): Promise<string> {
  try {
    const { tokenVerificationStatus, dkimAttempts, dkimStatus } = await check(accountId, id);
    return `token ${tokenVerificationStatus}, DKIM ${dkimStatus} after ${dkimAttempts} attempt(s)`;
  } catch (err) {
    if (err instanceof EmailDomainsApiError) {
      switch (err.statusCode) {
        case 404:
          return "This domain was deleted.";
        case 503:
          return "Try again in a minute.";
      }
    }
    throw err;
  }
}
