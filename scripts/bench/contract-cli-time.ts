// Wall time of `email-domains-contract` (the CLI, all stages at their defaults) against the mock server, once
// directly and once behind a latency proxy 40 ms away (issue 17: at most 60 s). `tsx scripts/bench/contract-cli-time.ts [ms...]`
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { DEMO_A, DEMO_B } from "../../contract-tests/support/demo-accounts.js";
import { startMock } from "../../src/hosts/node/start-mock.js";
import { packageRoot } from "../../src/project-paths.js";
import { startLatencyProxy } from "./latency-proxy.js";

const tsx = join(packageRoot, "node_modules", ".bin", "tsx");
const main = join(packageRoot, "contract-tests", "cli", "main.ts");

export interface CliTiming {
  roundTripMs: number;
  seconds: number;
  code: number;
  lastLine: string;
  /** HTTP requests the run made (counted by the proxy, which is always in front, at 0 ms too). */
  requests: number;
}

async function timeCli(baseUrl: string, reportDir: string): Promise<{ seconds: number; code: number; stdout: string }> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("CONTRACT_")));
  const args = [main, "--base-url", baseUrl, "--api-key", DEMO_A.apiKey, "--account-id", DEMO_A.accountId, "--other-api-key", DEMO_B.apiKey, "--other-account-id", DEMO_B.accountId, "--report-dir", reportDir];
  const t0 = performance.now();
  return new Promise((resolve) => {
    execFile(tsx, args, { env: clean, maxBuffer: 64 * 1024 * 1024, timeout: 600_000 }, (error, stdout) => {
      resolve({ seconds: (performance.now() - t0) / 1000, code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout });
    });
  });
}

export async function timeContractCli(roundTrips: number[]): Promise<CliTiming[]> {
  const work = mkdtempSync(join(tmpdir(), "contract-cli-time-"));
  const out: CliTiming[] = [];
  try {
    for (const roundTripMs of roundTrips) {
      const mock = await startMock({ port: 0, host: "127.0.0.1" });
      const proxy = await startLatencyProxy(mock.url, roundTripMs);
      try {
        const run = await timeCli(proxy.url, join(work, String(roundTripMs)));
        const lines = run.stdout.trim().split("\n");
        out.push({ roundTripMs, seconds: run.seconds, code: run.code, lastLine: lines.find((l) => l.startsWith("## ")) ?? lines.at(-1) ?? "", requests: proxy.requests() });
      } finally {
        await proxy.close();
        await mock.close(500);
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const roundTrips = process.argv.slice(2).map(Number);
  for (const t of await timeContractCli(roundTrips.length > 0 ? roundTrips : [0, 40])) {
    console.log(`${t.roundTripMs === 0 ? "local" : `${t.roundTripMs} ms away`}: ${t.seconds.toFixed(1)} s, ${t.requests} requests, exit ${t.code} (${t.lastLine})`);
  }
}
