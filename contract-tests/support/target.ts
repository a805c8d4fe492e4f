// Which server the suite talks to, and as whom: the run's settings (suite-settings.ts; see the README section).
// The base URL comes from the global setup (it may be an in-process mock on an ephemeral port).
import { inject } from "vitest";
import { DEMO_A, DEMO_B, type Credentials } from "./demo-accounts.js";
import { howToGive } from "./settings.js";
import { suiteSettings } from "./suite-settings.js";

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
  const { own, other } = suiteSettings;
  return {
    baseUrl: inject("contractBaseUrl"),
    inProcessMock: inject("contractInProcessMock"),
    own: own ?? DEMO_A,
    // Demo B is only a sensible second account when the first one is demo A as well (a demo mock);
    // a real deployment given its own key and no second account skips the isolation tests.
    other: other ?? (own === undefined ? DEMO_B : undefined),
    skipMalformedJson: suiteSettings.skipMalformedJson,
    timeoutMs: suiteSettings.timeoutMs,
    reportsDir: suiteSettings.reportsDir,
  };
}

export const target: Target = readTarget();

/** Names what the user used: `--other-api-key ...` under the CLI, the variables otherwise. */
export const NO_OTHER_ACCOUNT = `skipped: the target has no second account (${howToGive(suiteSettings.names, "otherApiKey", "otherAccountId")})`;
