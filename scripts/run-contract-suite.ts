// The contract suite as a child process against a remote target (a base URL): what the stages that start
// their own servers (contract-via-replicas.ts, contract-via-state-file.ts) run, each with its own reports folder.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { reportsDir } from "../contract-tests/support/reports-dir.js";

/**
 * Runs the suite against `baseUrl`; resolves with its exit code. Reports go to `reports/<reportsSubdir>`.
 * `files`: only these suite files (Vitest's filters; the stages' scripts pass their command line's arguments,
 * e.g. `contract-tests/concurrent.test.ts`); all when empty.
 */
export async function runContractSuite(baseUrl: string, reportsSubdir: string, files: readonly string[] = []): Promise<number | null> {
  const suite = spawn(process.execPath, [join("node_modules", "vitest", "vitest.mjs"), "run", "--config", "vitest.contract.config.ts", ...files], {
    stdio: "inherit",
    env: { ...process.env, CONTRACT_BASE_URL: baseUrl, CONTRACT_REPORTS_DIR: join(reportsDir(), reportsSubdir) },
  });
  const [code] = (await once(suite, "close")) as [number | null];
  return code;
}
