// The simulated DNS provider behind checkDkimStatus, and direct state changes (control endpoint, seeds).
// Deterministic: the outcome of a check depends only on the domain's name and current state.
//
// A check moves each status one step:
//   token  waiting_for_user -> waiting_for_provider -> outcome;  failed/provider_failed -> outcome (a retry)
//   DKIM   waiting_for_user -> waiting_for_provider -> outcome;  failed/provider_failed -> outcome (a retry)
//   SPF, DMARC  waiting_for_user/failed -> outcome
// The outcome is `verified` unless a label of the domain names a failure (see FAILURE_LABELS).
// `verified` and `null` never move. Every check counts a DKIM attempt; the others count one when they move.
import type { DkimStatus, DnsCheckStatus, EmailDomain, TokenVerificationStatus, VerificationPatch } from "../storage/types.js";

type Check = "token" | "dkim" | "spf" | "dmarc";
type AnyStatus = TokenVerificationStatus | DkimStatus | DnsCheckStatus;

const FIELDS = {
  token: { status: "tokenVerificationStatus", error: "tokenVerificationError", attempts: "tokenVerificationAttempts", requestedAt: "tokenVerificationRequestedAt", completedAt: "tokenVerificationCompletedAt" },
  dkim: { status: "dkimStatus", error: "dkimError", attempts: "dkimAttempts", requestedAt: "dkimRequestedAt", completedAt: "dkimCompletedAt" },
  spf: { status: "spfCheckStatus", error: "spfCheckError", attempts: "spfCheckAttempts", requestedAt: "spfCheckRequestedAt", completedAt: "spfCheckCompletedAt" },
  dmarc: { status: "dmarcStatus", error: "dmarcError", attempts: "dmarcAttempts", requestedAt: "dmarcRequestedAt", completedAt: "dmarcCompletedAt" },
} as const satisfies Record<Check, Record<string, keyof EmailDomain>>;

/** A label in the domain name that makes a check end in failure, e.g. `mail.dkim-fails.example`. */
export const FAILURE_LABELS: Record<string, { check: Check; status: "failed" | "provider_failed" }> = {
  "token-fails": { check: "token", status: "failed" },
  "token-provider-fails": { check: "token", status: "provider_failed" },
  "dkim-fails": { check: "dkim", status: "failed" },
  "dkim-provider-fails": { check: "dkim", status: "provider_failed" },
  "spf-fails": { check: "spf", status: "failed" },
  "dmarc-fails": { check: "dmarc", status: "failed" },
};
/** A label that keeps the token and DKIM with the provider forever: `waiting_for_provider` on every check. */
export const STAYS_PENDING_LABEL = "stays-pending";

const ERROR_TEXT: Record<Check, string> = {
  token: "No TXT record with the verification token was found",
  dkim: "The DKIM CNAME records were not found",
  spf: "No SPF record including the Vortex sender was found",
  dmarc: "No DMARC record was found",
};

const TERMINAL = new Set<AnyStatus>(["verified", "failed", "provider_failed"]);

function outcome(domain: EmailDomain, check: Check): AnyStatus {
  const labels = domain.domain.split(".");
  for (const label of labels) {
    const failure = FAILURE_LABELS[label];
    if (failure?.check === check) return failure.status;
  }
  if ((check === "token" || check === "dkim") && labels.includes(STAYS_PENDING_LABEL)) return "waiting_for_provider";
  return "verified";
}

function nextStatus(domain: EmailDomain, check: Check): AnyStatus | undefined {
  const current = domain[FIELDS[check].status];
  const twoStep = check === "token" || check === "dkim";
  switch (current) {
    case null:
    case "verified":
      return undefined;
    case "waiting_for_user":
      return twoStep ? "waiting_for_provider" : outcome(domain, check);
    default: // waiting_for_provider, failed, provider_failed
      return outcome(domain, check);
  }
}

function errorFor(check: Check, status: AnyStatus, domain: string): EmailDomain["dkimError"] {
  if (status === "failed") return { code: `${check.toUpperCase()}_RECORD_NOT_FOUND`, message: `${ERROR_TEXT[check]} for ${domain}` };
  if (status === "provider_failed") return { code: "PROVIDER_UNAVAILABLE", message: `The DNS provider could not complete the ${check.toUpperCase()} check for ${domain}` };
  return null;
}

/** Sets one status and keeps the fields that depend on it consistent. Attempts never go down. */
function setStatus(domain: EmailDomain, check: Check, status: AnyStatus, at: string, countAttempt: boolean): void {
  const f = FIELDS[check];
  const record = domain as unknown as Record<string, unknown>;
  record[f.status] = status;
  record[f.error] = errorFor(check, status, domain.domain);
  if (countAttempt) {
    record[f.attempts] = domain[f.attempts] + 1;
    record[f.requestedAt] = at;
  }
  if (status !== null && TERMINAL.has(status)) {
    record[f.completedAt] = at;
    if (domain[f.requestedAt] === null) record[f.requestedAt] = at;
    if (domain[f.attempts] === 0) record[f.attempts] = 1;
  }
}

function finish(domain: EmailDomain, at: string): EmailDomain {
  domain.isVerified = domain.tokenVerificationStatus === "verified" && domain.dkimStatus === "verified";
  domain.modifiedAt = at;
  return domain;
}

/** One call of checkDkimStatus: returns the domain after the check (a new object). */
export function runCheck(current: EmailDomain, at: Date): EmailDomain {
  const domain = structuredClone(current);
  const iso = at.toISOString();
  for (const check of ["token", "dkim", "spf", "dmarc"] as const) {
    const next = nextStatus(domain, check);
    if (next !== undefined) setStatus(domain, check, next, iso, true);
  }
  if (nextStatus(current, "dkim") === undefined) {
    // DKIM did not move (verified or null), but the call still counts as a DKIM attempt.
    domain.dkimAttempts = current.dkimAttempts + 1;
    domain.dkimRequestedAt = iso;
  }
  return finish(domain, iso);
}

/** Sets statuses directly (control endpoint, seeds), with the same invariants as a check. */
export function applyVerificationPatch(current: EmailDomain, patch: VerificationPatch, at: Date): EmailDomain {
  const domain = structuredClone(current);
  const iso = at.toISOString();
  const wanted: Array<[Check, AnyStatus | undefined]> = [
    ["token", patch.tokenVerificationStatus],
    ["dkim", patch.dkimStatus],
    ["spf", patch.spfCheckStatus],
    ["dmarc", patch.dmarcStatus],
  ];
  for (const [check, status] of wanted) if (status !== undefined) setStatus(domain, check, status, iso, false);
  if (patch.deactivated !== undefined) domain.deactivated = patch.deactivated;
  return finish(domain, iso);
}
