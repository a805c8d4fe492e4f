// Runs a reproduction script as a backend developer would: `sh script`, with BASE_URL and the four account
// variables, and nothing else of the caller's CONTRACT_* environment. For the tests of the scripts (and the
// mutant runner's check that each kill's script exits 1 against the mutant and 0 against the mock).
import { execFile } from "node:child_process";
import type { Credentials } from "../demo-accounts.js";

export interface ScriptRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function accountVariables(own: Credentials, other: Credentials | undefined): Record<string, string> {
  return {
    CONTRACT_API_KEY: own.apiKey,
    CONTRACT_ACCOUNT_ID: own.accountId,
    ...(other ? { CONTRACT_OTHER_API_KEY: other.apiKey, CONTRACT_OTHER_ACCOUNT_ID: other.accountId } : {}),
  };
}

export function runReproScript(file: string, env: Record<string, string>): Promise<ScriptRun> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("CONTRACT_") && k !== "BASE_URL"));
  return new Promise((resolve) => {
    execFile("sh", [file], { env: { ...clean, ...env }, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr });
    });
  });
}
