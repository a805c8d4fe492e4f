// Which server the suite talks to, and as whom: read once from the environment (see the README section).
// The base URL comes from the global setup (it may be an in-process mock on an ephemeral port).
import { inject } from "vitest";
import { DEMO_A, DEMO_B, type Credentials } from "./demo-accounts.js";
import { reportsDir } from "./reports-dir.js";

export type { Credentials };

export interface Target {
  baseUrl: string;
  /** True when the suite started the mock itself: the run must then cover every documented response. */
  inProcessMock: boolean;
  own: Credentials;
  /** A second account for the isolation tests; undefined when a remote target does not name one. */
  other: Credentials | undefined;
  /** Prism's proxy never answers a malformed JSON body, so those cases are left out through it. */
  skipMalformedJson: boolean;
  /** Per-request client-side timeout. */
  timeoutMs: number;
  /** Where JUnit, coverage and run-state files go. */
  reportsDir: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    contractBaseUrl: string;
    contractInProcessMock: boolean;
  }
}

const env = (name: string): string | undefined => {
  const value = process.env[name]?.trim();
  return value === "" ? undefined : value;
};

function credentials(keyVar: string, accountVar: string): Credentials | undefined {
  const apiKey = env(keyVar);
  const accountId = env(accountVar);
  if (apiKey === undefined && accountId === undefined) return undefined;
  if (apiKey === undefined || accountId === undefined) {
    throw new Error(`Set both ${keyVar} and ${accountVar}, or neither`);
  }
  return { apiKey, accountId };
}

function readTarget(): Target {
  const own = credentials("CONTRACT_API_KEY", "CONTRACT_ACCOUNT_ID");
  const other = credentials("CONTRACT_OTHER_API_KEY", "CONTRACT_OTHER_ACCOUNT_ID");
  return {
    baseUrl: inject("contractBaseUrl"),
    inProcessMock: inject("contractInProcessMock"),
    own: own ?? DEMO_A,
    // Demo B is only a sensible second account when the first one is demo A as well (a demo mock);
    // a real deployment given its own key and no second account skips the isolation tests.
    other: other ?? (own === undefined ? DEMO_B : undefined),
    skipMalformedJson: env("CONTRACT_SKIP_MALFORMED_JSON") === "1",
    timeoutMs: Number(env("CONTRACT_TIMEOUT_MS") ?? 5_000),
    reportsDir: reportsDir(),
  };
}

export const target: Target = readTarget();

export const NO_OTHER_ACCOUNT =
  "skipped: the target has no second account (set CONTRACT_OTHER_API_KEY and CONTRACT_OTHER_ACCOUNT_ID)";
