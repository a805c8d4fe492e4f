// What the benchmark talks to and for how long. Durations can be shortened with env vars for a quick look
// (BENCH_SECONDS, BENCH_ROUNDS); the defaults keep the whole run to a few minutes.
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = join(fileURLToPath(new URL(".", import.meta.url)), "..", "..");
export const HOST = "127.0.0.1";
export const CONNECTIONS = 10;

const positive = (name: string, fallback: number) => {
  const n = Number(process.env[name] ?? fallback);
  return Number.isFinite(n) && n > 0 ? n : fallback;
};
/** Seconds of load per target, per scenario, per round. */
export const SECONDS = positive("BENCH_SECONDS", 3);
/** Rounds: within a round every target runs once, so a busy moment of the machine hits all of them alike. */
export const ROUNDS = positive("BENCH_ROUNDS", 3);
/** Startup samples per server; the median is reported. */
export const STARTUP_SAMPLES = positive("BENCH_STARTUP_SAMPLES", 5);

// The demo seed's account A and one of its domains (src/seed/demo-seed.json).
export const ACCOUNT_ID = "a0000000-0000-4000-8000-000000000001";
export const API_KEY = "demo-key-account-a";
export const DOMAIN_ID = "d0000000-0000-4000-8000-00000000a002";
export const COLLECTION_PATH = `/api/v1/accounts/${ACCOUNT_ID}/email-domains`;
export const ITEM_PATH = `${COLLECTION_PATH}/${DOMAIN_ID}`;
// Creates go to account B, so that account A's first page (measured too) keeps its five domains.
export const CREATE_API_KEY = "demo-key-account-b";
export const CREATE_PATH = "/api/v1/accounts/b0000000-0000-4000-8000-000000000002/email-domains";

/** The built mock; BENCH_MOCK_ROOT points at another checkout's build (e.g. to profile an older commit). */
export const mockEntry = join(process.env["BENCH_MOCK_ROOT"] ?? repoRoot, "dist", "src", "hosts", "node", "cli.js");
export const bundledSpec = join(repoRoot, "dist", "openapi.json");
export const prismEntry = join(repoRoot, "node_modules", "@stoplight", "prism-cli", "dist", "index.js");
export const tsxLoader = "tsx";
