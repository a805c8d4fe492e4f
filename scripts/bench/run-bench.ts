// `npm run bench`: the mock (as `npm start` runs it, and quiet) side by side with Prism and two bare Express
// ceilings on loopback, the in-process host against a bare function, plus startup, memory, paging and the
// contract suite's wall time against the server and the fetch host. Every server is a child on 127.0.0.1 and is killed at the end.
// Needs a build (`npm run bench` runs `npm run build` first).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { API_KEY, COLLECTION_PATH, CONNECTIONS, ITEM_PATH, mockEntry, repoRoot, ROUNDS, SECONDS, STARTUP_SAMPLES, tsxLoader } from "./bench-config.js";
import { timeContractSuite, type ContractTiming } from "./contract-suite-time.js";
import type { InProcessResult } from "./in-process.js";
import { standardScenarios } from "./scenarios.js";
import { measureMemoryAndPaging } from "./memory-and-paging.js";
import { measureRedis } from "./redis-throughput.js";
import { fmt, goalsTable, loadRows, ratio, table, type Goal } from "./report.js";
import { freePort, killAll, type ServerProcess } from "./spawn-server.js";
import { measureStartup, type StartupResult } from "./startup-time.js";
import { BARE_NAMES, BARE_NODE_NAME, MOCK_NAMES, PRISM_NAME, startBareExpress, startBareNode, startMock, startPrism } from "./targets.js";
import { runThroughput } from "./throughput.js";

const log = (line: string) => process.stderr.write(`${line}\n`);

async function getJson(url: string): Promise<unknown> {
  const res = await fetch(url, { headers: { "x-api-key": API_KEY }, signal: AbortSignal.timeout(5_000) });
  return res.json();
}

function startupRow(name: string, r: StartupResult): string[] {
  return [name, `${fmt(r.medianMs)} ms`, `${fmt(r.minMs)} ms`, `${fmt(r.maxMs)} ms`, r.medianCpuMs === undefined ? "n/a" : `${fmt(r.medianCpuMs)} ms`];
}

/** Lines and bytes of the request log the defaults target wrote. */
function logStats(file: string): { lines: number; mb: number } {
  if (!existsSync(file)) return { lines: 0, mb: 0 };
  const text = readFileSync(file, "utf8");
  let lines = 0;
  for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) lines++;
  return { lines, mb: statSync(file).size / 1e6 };
}

/** Undefined for a build without the in-process host (commits before it). */
function runInProcess(): InProcessResult | undefined {
  if (!existsSync(join(repoRoot, "dist", "src", "hosts", "fetch.js"))) return undefined;
  const out = execFileSync(process.execPath, ["--import", tsxLoader, join(import.meta.dirname, "in-process.ts"), String(SECONDS), String(ROUNDS)], {
    cwd: repoRoot,
    encoding: "utf8",
    timeout: 300_000,
  });
  return JSON.parse(out.trim().split("\n").pop() ?? "{}") as InProcessResult;
}

const contractLine = (contract: ContractTiming) =>
  !contract.available ? "not available" : `${fmt(contract.seconds, 1)} s${contract.timedOut ? " (timed out)" : contract.passed ? ", passed" : ", FAILED"}`;

async function main(): Promise<void> {
  if (!existsSync(mockEntry)) throw new Error(`${mockEntry} is missing: run \`npm run build\` (npm run bench does).`);
  const workDir = mkdtempSync(join(tmpdir(), "email-domains-bench-"));
  const busy = loadavg()[0] ?? 0;
  log(`Bench: ${CONNECTIONS} connections, ${SECONDS} s per run, ${ROUNDS} rounds; load average at start ${busy.toFixed(2)}`);

  log("Startup to first answer...");
  const mockStartup = await measureStartup(async () => startMock(await freePort(), "quiet"));
  const prismStartup = await measureStartup(async () => startPrism(await freePort()));

  log("Starting targets...");
  const servers: ServerProcess[] = [];
  // As `npm start` runs it, its log going to a file as `npm start > file` would take it.
  const requestLogFile = join(workDir, "request-log.ndjson");
  const defaults = await startMock(await freePort(), "defaults", { logFile: requestLogFile });
  servers.push(defaults);
  servers.push(await startMock(await freePort(), "quiet"));
  servers.push(await startMock(await freePort(), "quiet-unchecked"));
  servers.push(await startPrism(await freePort()));
  // The ceilings answer exactly what the mock answers.
  const one = (await getJson(defaults.url + ITEM_PATH)) as Record<string, unknown>;
  const page = await getJson(defaults.url + COLLECTION_PATH);
  for (const mode of ["pre-serialised", "res.json"] as const) servers.push(await startBareExpress(await freePort(), { one, page, created: one }, workDir, mode));
  servers.push(await startBareNode(await freePort(), { one, page, created: one }, workDir));

  const scenarios = standardScenarios();
  log("Throughput, targets alternating...");
  const throughput = await runThroughput(scenarios, servers, log);
  for (const server of servers) await server.stop();
  const requestLog = logStats(requestLogFile);
  const defaultsAnswered = [...throughput.values()].reduce((sum, byTarget) => sum + (byTarget.get(defaults.name)?.total ?? 0), 0);

  log("In-process host (createMockFetch) against a bare function...");
  const inProcess = runInProcess();

  log("Redis backend: memory vs Redis, one process and two behind a proxy...");
  const redis = await measureRedis(log);

  log("Memory and paging with 100,000 domains...");
  mkdirSync(workDir, { recursive: true }); // again: on a shared machine, something may have cleaned /tmp meanwhile
  const memory = await measureMemoryAndPaging(await freePort(), workDir);

  log("Contract suite, server and fetch hosts...");
  const contract = await timeContractSuite("test:contract");
  const contractFetch = await timeContractSuite("test:contract:fetch");
  rmSync(workDir, { recursive: true, force: true });

  // ---- report (stdout) ----
  const out: string[] = [];
  const ceiling = BARE_NAMES["pre-serialised"];
  const jsonCeiling = BARE_NAMES["res.json"];
  const prism = PRISM_NAME;
  out.push(`Email-domain mock benchmark  ${new Date().toISOString()}`);
  out.push(`node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? "cpu"}, load average ${busy.toFixed(2)} at start, ${fmt(loadavg()[0] ?? 0, 2)} at end`);
  out.push(`autocannon, ${CONNECTIONS} connections, loopback, ${ROUNDS} rounds x ${SECONDS} s per target and scenario, targets alternating`);
  out.push("Latency percentiles are autocannon's (whole milliseconds); p99 is the worst round's.");
  out.push(`"${MOCK_NAMES.defaults}": node dist/src/hosts/node/cli.js, no flags (request log on, to a file; response check on).`);
  out.push(`CPU ratio: ${ceiling}'s CPU/req over the target's (1.00x = as cheap as that ceiling).`);
  out.push(`"${BARE_NODE_NAME}" is node:http alone with the same bodies: a floor for any Node server, not a goal.`);
  for (const [scenario, byTarget] of throughput) {
    out.push("", `${scenario}${scenario === "create" ? "  (both bare Express variants parse the same JSON with express.json)" : ""}`);
    out.push(table(["target", "req/s", "p50", "p99", "vs pre-ser.", "vs res.json", "vs node:http", "vs Prism", "CPU/req", "CPU ratio", "unexpected"], loadRows(byTarget, [ceiling, jsonCeiling, BARE_NODE_NAME], prism)));
  }
  out.push("", `Request log of "${MOCK_NAMES.defaults}": ${fmt(requestLog.lines)} lines (${fmt(requestLog.mb, 1)} MB) for ${fmt(defaultsAnswered)} measured requests (plus warm-ups)`);

  out.push("", "In-process host: createMockFetch() (response check on) against a bare function returning the same body as a Response; one call at a time");
  out.push(
    !inProcess
      ? "not available (this build has no dist/src/hosts/fetch.js)"
      : table(
          ["scenario", "mock calls/s", "µs/call", "bare calls/s", "µs/call", "mock / bare"],
          (["GET one", "create"] as const).map((name) => {
            const r = inProcess[name];
            return [name, fmt(r.mock.callsPerSecond), fmt(r.mock.usPerCall, 1), fmt(r.bare.callsPerSecond), fmt(r.bare.usPerCall, 1), ratio(r.mock.callsPerSecond, r.bare.callsPerSecond)];
          }),
        ),
  );

  out.push("", redis.report);
  out.push("", "Startup to first answered request (median of " + STARTUP_SAMPLES + ")");
  out.push(
    table(
      ["server", "median", "min", "max", "CPU until then (median)"],
      [startupRow("mock (node dist/src/hosts/node/cli.js --quiet)", mockStartup), startupRow("prism mock -v error", prismStartup)],
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
  out.push("", `Contract suite, server host (npm run test:contract, bundles first): ${contractLine(contract)}`);
  out.push(`Contract suite, fetch host (npm run test:contract:fetch, CONTRACT_TARGET=fetch): ${contractLine(contractFetch)}`);

  const get = (scenario: string, target: string) => throughput.get(scenario)?.get(target);
  const rps = (scenario: string, target: string) => get(scenario, target)?.rps ?? 0;
  const vs = (scenario: string, target: string, base: string) => rps(scenario, target) / (rps(scenario, base) || Infinity);
  const atLeast = (name: string, target: string, value: number, min: number): Goal => ({ name, target, actual: `${value.toFixed(2)}x`, met: value >= min });
  const dflt = MOCK_NAMES.defaults;
  const quiet = MOCK_NAMES.quiet;
  const p99Over = Math.max(...scenarios.map((s) => (get(s.name, dflt)?.p99 ?? Infinity) - (get(s.name, ceiling)?.p99 ?? 0)));
  const deepRatio = memory.deepPage.meanMs / memory.firstPage.meanMs;
  const inProcessRatio = (name: "GET one" | "create") => (inProcess ? inProcess[name].mock.callsPerSecond / inProcess[name].bare.callsPerSecond : 0);
  const goals: Goal[] = [
    atLeast("12: GET one, defaults / pre-serialised Express", ">= 0.85x", vs("GET one", dflt, ceiling), 0.85),
    atLeast("12: list, defaults / pre-serialised Express", ">= 0.85x", vs("list first page", dflt, ceiling), 0.85),
    atLeast("12: create, defaults / pre-serialised Express", ">= 0.75x", vs("create", dflt, ceiling), 0.75),
    atLeast("12: GET one, defaults / Prism quiet", ">= 1.80x", vs("GET one", dflt, prism), 1.8),
    { name: "12: p99, defaults minus pre-serialised Express", target: "<= 1 ms", actual: `${fmt(p99Over)} ms (worst scenario)`, met: p99Over <= 1 },
    atLeast("10: GET one, --quiet / res.json Express", ">= 0.72x", vs("GET one", quiet, jsonCeiling), 0.72),
    atLeast("10: list, --quiet / res.json Express", ">= 0.79x", vs("list first page", quiet, jsonCeiling), 0.79),
    atLeast("10: create, --quiet / res.json Express", ">= 0.64x", vs("create", quiet, jsonCeiling), 0.64),
    atLeast("10/12: in-process GET one / bare function", ">= 0.50x", inProcessRatio("GET one"), 0.5),
    atLeast("10/12: in-process create / bare function", ">= 0.50x", inProcessRatio("create"), 0.5),
    {
      name: "10: contract suite, fetch host",
      target: "< 3 s",
      actual: contractFetch.available ? `${fmt(contractFetch.seconds, 1)} s` : "not available",
      met: contractFetch.available && contractFetch.passed && contractFetch.seconds < 3,
    },
    { name: "7: startup to first answer", target: "< 300 ms", actual: `${fmt(mockStartup.medianMs)} ms`, met: mockStartup.medianMs < 300 },
    { name: "7: RSS, 100,000 domains", target: "< 250 MB", actual: `${fmt(Math.max(memory.rssSpreadMb, memory.rssSingleMb))} MB`, met: Math.max(memory.rssSpreadMb, memory.rssSingleMb) < 250 },
    { name: "7: list start=99950 / start=0", target: "<= 2x", actual: `${deepRatio.toFixed(2)}x (mean latency)`, met: deepRatio <= 2 },
    {
      name: "7: contract suite, server host",
      target: "< 15 s",
      actual: contract.available ? `${fmt(contract.seconds, 1)} s` : "not available",
      met: contract.available && contract.passed && contract.seconds < 15,
    },
  ];
  out.push("", "Goals (issue number: goal)", goalsTable(goals));
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
