// `npm run bench`: the mock side by side with Prism and bare Express on loopback, plus startup, memory,
// paging and the contract suite's wall time. Every server is a child on 127.0.0.1 and is killed at the end.
// Needs a build (`npm run bench` runs `npm run build` first).
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { API_KEY, COLLECTION_PATH, CONNECTIONS, CREATE_API_KEY, CREATE_PATH, ITEM_PATH, mockEntry, ROUNDS, SECONDS, STARTUP_SAMPLES } from "./bench-config.js";
import { timeContractSuite } from "./contract-suite-time.js";
import type { Scenario } from "./load-test.js";
import { measureMemoryAndPaging } from "./memory-and-paging.js";
import { measureRedis } from "./redis-throughput.js";
import { fmt, goalsTable, loadRows, ratio, table, type Goal } from "./report.js";
import { freePort, killAll, type ServerProcess } from "./spawn-server.js";
import { measureStartup, type StartupResult } from "./startup-time.js";
import { startBareExpress, startMock, startPrism } from "./targets.js";
import { runThroughput } from "./throughput.js";

const log = (line: string) => process.stderr.write(`${line}\n`);

async function getJson(url: string): Promise<unknown> {
  const res = await fetch(url, { headers: { "x-api-key": API_KEY }, signal: AbortSignal.timeout(5_000) });
  return res.json();
}

function startupRow(name: string, r: StartupResult): string[] {
  return [name, `${fmt(r.medianMs)} ms`, `${fmt(r.minMs)} ms`, `${fmt(r.maxMs)} ms`, r.medianCpuMs === undefined ? "n/a" : `${fmt(r.medianCpuMs)} ms`];
}

async function main(): Promise<void> {
  if (!existsSync(mockEntry)) throw new Error(`${mockEntry} is missing: run \`npm run build\` (npm run bench does).`);
  const workDir = mkdtempSync(join(tmpdir(), "email-domains-bench-"));
  const busy = loadavg()[0] ?? 0;
  log(`Bench: ${CONNECTIONS} connections, ${SECONDS} s per run, ${ROUNDS} rounds; load average at start ${busy.toFixed(2)}`);

  log("Startup to first answer...");
  const mockStartup = await measureStartup(async () => startMock(await freePort(), true));
  const prismStartup = await measureStartup(async () => startPrism(await freePort()));

  log("Starting targets...");
  const servers: ServerProcess[] = [];
  const on = await startMock(await freePort(), true);
  servers.push(on);
  servers.push(await startMock(await freePort(), false));
  servers.push(await startPrism(await freePort()));
  // The ceiling answers exactly what the mock answers.
  const one = (await getJson(on.url + ITEM_PATH)) as Record<string, unknown>;
  const page = await getJson(on.url + COLLECTION_PATH);
  const bare = await startBareExpress(await freePort(), { one, page, created: one }, workDir);
  servers.push(bare);

  const runId = Date.now().toString(36);
  let counter = 0;
  const scenarios: Scenario[] = [
    { name: "GET one", method: "GET", path: ITEM_PATH, expectStatus: 200 },
    { name: "list first page", method: "GET", path: COLLECTION_PATH, expectStatus: 200 },
    {
      name: "create",
      method: "POST",
      path: CREATE_PATH,
      apiKey: CREATE_API_KEY,
      expectStatus: 201,
      body: () => JSON.stringify({ domain: `n${++counter}.r${runId}.bench.example.com`, description: "Bench" }),
    },
  ];
  log("Throughput, targets alternating...");
  const throughput = await runThroughput(scenarios, servers, log);
  for (const server of servers) await server.stop();

  log("Redis backend: memory vs Redis, one process and two behind a proxy...");
  const redis = await measureRedis(log);

  log("Memory and paging with 100,000 domains...");
  const memory = await measureMemoryAndPaging(await freePort(), workDir);

  log("Contract suite...");
  const contract = await timeContractSuite();
  rmSync(workDir, { recursive: true, force: true });

  // ---- report (stdout) ----
  const out: string[] = [];
  const ceiling = bare.name;
  const prism = "prism mock -v error";
  out.push(`Email-domain mock benchmark  ${new Date().toISOString()}`);
  out.push(`node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? "cpu"}, load average ${busy.toFixed(2)} at start, ${fmt(loadavg()[0] ?? 0, 2)} at end`);
  out.push(`autocannon, ${CONNECTIONS} connections, loopback, ${ROUNDS} rounds x ${SECONDS} s per target and scenario, targets alternating`);
  out.push("Latency percentiles are autocannon's (whole milliseconds); p99 is the worst round's.");
  for (const [scenario, byTarget] of throughput) {
    out.push("", `${scenario}${scenario === "create" ? "  (bare Express parses the same JSON with express.json)" : ""}`);
    out.push(table(["target", "req/s", "p50", "p99", "vs Express", "vs Prism", "CPU/req", "Express CPU/req ÷ this", "unexpected"], loadRows(byTarget, ceiling, prism)));
  }
  out.push("", redis.report);
  out.push("", "Startup to first answered request (median of " + STARTUP_SAMPLES + ")");
  out.push(
    table(
      ["server", "median", "min", "max", "CPU until then (median)"],
      [startupRow("mock (node dist/src/server.js --quiet)", mockStartup), startupRow("prism mock -v error", prismStartup)],
    ),
  );
  out.push("", "Memory (resident set, 0.5 s after the first answer)");
  out.push(
    table(
      ["mock with", "RSS"],
      [
        ["demo seed", `${fmt(memory.rssAtStartMb)} MB`],
        [`100,000 domains over ${memory.spreadAccounts} accounts`, `${fmt(memory.rssSpreadMb)} MB`],
        ["100,000 domains in one account", `${fmt(memory.rssSingleMb)} MB`],
      ],
    ),
  );
  out.push(`(startup with the 100,000-domain seed: ${fmt(memory.bigSeedStartupMs)} ms, seed check included)`);
  out.push("", "List page of 50 in an account of 100,000 domains (response check on)");
  out.push(
    table(
      ["page", "req/s", "mean", "p50", "p99"],
      [
        ["start=0", fmt(memory.firstPage.rps), `${fmt(memory.firstPage.meanMs, 2)} ms`, `${fmt(memory.firstPage.p50, 1)} ms`, `${fmt(memory.firstPage.p99)} ms`],
        ["start=99950", fmt(memory.deepPage.rps), `${fmt(memory.deepPage.meanMs, 2)} ms`, `${fmt(memory.deepPage.p50, 1)} ms`, `${fmt(memory.deepPage.p99)} ms`],
      ],
    ),
  );
  const contractLine = !contract.available
    ? "not available (no test:contract script)"
    : `${fmt(contract.seconds, 1)} s${contract.timedOut ? " (timed out)" : contract.passed ? ", passed" : ", FAILED"}`;
  out.push("", `Contract suite (npm run test:contract): ${contractLine}`);

  const rps = (scenario: string, target: string) => throughput.get(scenario)?.get(target)?.rps ?? 0;
  const worstP99 = Math.max(...[...throughput.values()].flatMap((m) => ["mock (check on)", "mock (check off)"].map((t) => m.get(t)?.p99 ?? Infinity)));
  const deepRatio = memory.deepPage.meanMs / memory.firstPage.meanMs;
  const goals: Goal[] = [
    { name: "GET one, check on / Express", target: ">= 0.85x", actual: ratio(rps("GET one", "mock (check on)"), rps("GET one", ceiling)), met: rps("GET one", "mock (check on)") >= 0.85 * rps("GET one", ceiling) },
    { name: "GET one, check off / Express", target: ">= 0.95x", actual: ratio(rps("GET one", "mock (check off)"), rps("GET one", ceiling)), met: rps("GET one", "mock (check off)") >= 0.95 * rps("GET one", ceiling) },
    { name: "create, check on / Express+json", target: ">= 0.80x", actual: ratio(rps("create", "mock (check on)"), rps("create", ceiling)), met: rps("create", "mock (check on)") >= 0.8 * rps("create", ceiling) },
    { name: "p99, mock, 10 connections", target: "< 5 ms", actual: `${fmt(worstP99)} ms (worst)`, met: worstP99 < 5 },
    { name: "startup to first answer", target: "< 300 ms", actual: `${fmt(mockStartup.medianMs)} ms`, met: mockStartup.medianMs < 300 },
    { name: "RSS, 100,000 domains", target: "< 250 MB", actual: `${fmt(Math.max(memory.rssSpreadMb, memory.rssSingleMb))} MB`, met: Math.max(memory.rssSpreadMb, memory.rssSingleMb) < 250 },
    { name: "list start=99950 / start=0", target: "<= 2x", actual: `${deepRatio.toFixed(2)}x (mean latency)`, met: deepRatio <= 2 },
    {
      name: "contract suite",
      target: "< 15 s",
      actual: contract.available ? `${fmt(contract.seconds, 1)} s` : "not available",
      met: contract.available && contract.passed && contract.seconds < 15,
    },
  ];
  out.push("", "Goals (issue 7)", goalsTable(goals));
  out.push("", "Goal (issue 13)", goalsTable(redis.goals));
  if (busy > 0.5) out.push(`Note: the machine was busy (load average ${busy.toFixed(2)} at start); compare ratios, not absolute figures.`);
  console.log(out.join("\n"));
}

const stop = () => {
  killAll();
  process.exit(130);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
try {
  await main();
} catch (error) {
  console.error(`bench failed: ${(error as Error).stack ?? String(error)}`);
  process.exitCode = 1;
} finally {
  killAll();
}
