// A second opinion on the mock: runs the contract suite through Stoplight Prism's validation proxy
// (`prism proxy dist/openapi.json <mock>`, without --errors so invalid requests still reach the mock) and
// fails on any response violation Prism reports in its `sl-violations` header. Prism's proxy never answers
// a malformed JSON body, so those cases are skipped here (CONTRACT_SKIP_MALFORMED_JSON=1).
import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { DEMO_A } from "../contract-tests/support/demo-accounts.js";
import { prismViolationsFile } from "../contract-tests/support/prism-violations.js";
import { reportsDir } from "../contract-tests/support/reports-dir.js";
import { API_KEY_HEADER } from "../contract-tests/support/spec.js";
import { startMock } from "../src/hosts/node/start-mock.js";
import { freePort } from "./bench/spawn-server.js";

// Under the reports folder the suite uses (CONTRACT_REPORTS_DIR, default `reports`).
const REPORTS = join(reportsDir(), "prism");

async function waitUntilAnswering(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      await fetch(url, { headers: { [API_KEY_HEADER]: DEMO_A.apiKey }, signal: AbortSignal.timeout(1_000) });
      return;
    } catch {
      await sleep(150);
    }
  }
  throw new Error(`Prism did not answer at ${url} within ${timeoutMs} ms`);
}

interface Violation {
  where: string;
  location?: string[];
  code?: string;
  message?: string;
}

const mock = await startMock({ port: 0, host: "127.0.0.1" });
const port = await freePort();
const prismUrl = `http://127.0.0.1:${port}`;
let prismLog = "";
const prism = spawn(join("node_modules", ".bin", "prism"), ["proxy", "dist/openapi.json", mock.url, "-p", String(port), "-h", "127.0.0.1"], {
  stdio: ["ignore", "pipe", "pipe"],
});
prism.stdout.on("data", (d: Buffer) => (prismLog += d.toString()));
prism.stderr.on("data", (d: Buffer) => (prismLog += d.toString()));

let exitCode = 1;
try {
  const started = Date.now();
  await waitUntilAnswering(`${prismUrl}/api/v1/accounts/${DEMO_A.accountId}/email-domains`, 30_000);
  console.log(`prism proxy on ${prismUrl} in front of the mock on ${mock.url} (ready in ${Date.now() - started} ms)`);
  rmSync(REPORTS, { recursive: true, force: true });

  const suite = spawn(process.execPath, [join("node_modules", "vitest", "vitest.mjs"), "run", "--config", "vitest.contract.config.ts", ...process.argv.slice(2)], {
    stdio: "inherit",
    env: { ...process.env, CONTRACT_BASE_URL: prismUrl, CONTRACT_SKIP_MALFORMED_JSON: "1", CONTRACT_REPORTS_DIR: REPORTS },
  });
  const [suiteCode] = (await once(suite, "close")) as [number | null];

  const file = prismViolationsFile(REPORTS);
  const violations: Violation[] = existsSync(file)
    ? readFileSync(file, "utf8").split("\n").filter(Boolean).map((line) => JSON.parse(line) as Violation)
    : [];
  const responses = violations.filter((v) => v.location?.[0] === "response");
  const requests = violations.filter((v) => v.location?.[0] === "request");
  console.log(`\nPrism reported ${responses.length} response violation(s) and ${requests.length} request violation(s) (the suite's negative cases; expected).`);
  const byKind = new Map<string, number>();
  for (const v of requests) byKind.set(`${v.location?.join(".")} ${v.message ?? ""}`, (byKind.get(`${v.location?.join(".")} ${v.message ?? ""}`) ?? 0) + 1);
  for (const [kind, n] of [...byKind].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  request: ${n} x ${kind}`);
  for (const v of responses) console.log(`  RESPONSE: ${v.where}: ${v.location?.join(".")} ${v.message ?? ""}`);
  exitCode = suiteCode === 0 && responses.length === 0 ? 0 : 1;
  console.log(exitCode === 0 ? "no response violation: the mock agrees with Prism" : `failed: suite exit ${suiteCode}, ${responses.length} response violation(s)`);
} catch (error) {
  console.error(String(error), `\n--- prism log (tail) ---\n${prismLog.slice(-3000)}`);
} finally {
  prism.kill("SIGTERM");
  await mock.close(500);
}
process.exit(exitCode);
