// A small view helper: the badge shown next to a domain.
import type { EmailDomain } from "@vortex/email-domains-contract-kit/client";

export function statusBadge(domain: EmailDomain): string {
  if (domain.isVerified) return "verified";
  if (domain.dkimStatus === "failed") return `DKIM failed${domain.dkimError ? ": see details" : ""}`;
  return "pending";
}
