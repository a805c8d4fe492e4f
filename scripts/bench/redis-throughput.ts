// The Redis backend under load (issue 13): GET one, list and create against the mock on memory, the mock
// on Redis (one process), and two mock processes on one Redis behind the round-robin proxy (a process of
// its own). Redis is Debian's redis-server on a unix socket, without persistence, started here. Part of
// `npm run bench`; alone: `npx tsx scripts/bench/redis-throughput.ts` (after `npm run build`).
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { startRedisServer } from "../../test-support/redis-server.js";
import { ITEM_PATH, tsxLoader, ROUNDS, SECONDS, CONNECTIONS } from "./bench-config.js";
import { standardScenarios } from "./scenarios.js";
import { fmt, goalsTable, ratio, table, type Goal } from "./report.js";
import { freePort, killAll, spawnServer, type ServerProcess } from "./spawn-server.js";
import { startMock } from "./targets.js";
import { runThroughput, type ThroughputTable } from "./throughput.js";

export const MEMORY = "mock, memory";
export const REDIS_ONE = "mock, Redis, 1 process";
export const REDIS_TWO = "2 mocks on Redis + proxy";

export interface RedisBench {
  throughput: ThroughputTable;
  report: string;
  goals: Goal[];
}

export async function measureRedis(log: (line: string) => void): Promise<RedisBench> {
  const redis = await startRedisServer();
  const servers: ServerProcess[] = [];
  try {
    const redisArgs = ["--redis-url", redis.url, "--redis-prefix", "bench:"];
    const memory = { ...(await startMock(await freePort(), "quiet")), name: MEMORY };
    const one = { ...(await startMock(await freePort(), "quiet", { extraArgs: redisArgs })), name: REDIS_ONE };
    const second = await startMock(await freePort(), "quiet", { extraArgs: redisArgs });
    const proxyPort = await freePort();
    const proxy = await spawnServer({
      name: REDIS_TWO,
      command: process.execPath,
      args: ["--import", tsxLoader, join(import.meta.dirname, "round-robin-proxy-server.ts"), String(proxyPort), one.url, second.url],
      port: proxyPort,
      readyPath: ITEM_PATH,
      headers: { "x-api-key": "demo-key-account-a" },
    });
    servers.push(memory, one, second, proxy);
    const scenarios = standardScenarios();
    const throughput = await runThroughput(scenarios, [memory, one, proxy], log);
    const rps = (scenario: string, target: string) => throughput.get(scenario)?.get(target)?.rps ?? 0;
    const out: string[] = [
      `Redis backend (issue 13): redis-server on a unix socket, no persistence; ${CONNECTIONS} connections, ${ROUNDS} rounds x ${SECONDS} s, targets alternating, response check on`,
      "The proxy row's CPU/req is the proxy process's own; the two mocks behind it are not counted.",
    ];
    for (const [scenario, byTarget] of throughput) {
      out.push("", scenario);
      out.push(
        table(
          ["target", "req/s", "p50", "p99", "vs memory", "CPU/req", "unexpected"],
          [...byTarget].map(([target, r]) => [
            target,
            fmt(r.rps),
            `${fmt(r.p50, 1)} ms`,
            `${fmt(r.p99)} ms`,
            ratio(r.rps, rps(scenario, MEMORY)),
            r.cpuUsPerRequest === undefined ? "n/a" : `${fmt(r.cpuUsPerRequest)} µs`,
            r.unexpected === 0 ? "0" : `${r.unexpected}/${r.total}`,
          ]),
        ),
      );
    }
    const getRatio = rps("GET one", REDIS_ONE) / (rps("GET one", MEMORY) || 1);
    const goals: Goal[] = [{ name: "GET one, Redis 1 process / memory", target: ">= 0.60x", actual: `${getRatio.toFixed(2)}x`, met: getRatio >= 0.6 }];
    return { throughput, report: out.join("\n"), goals };
  } finally {
    for (const server of servers) await server.stop();
    await redis.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  try {
    const result = await measureRedis(log);
    console.log(`${result.report}\n\nGoal (issue 13)\n${goalsTable(result.goals)}`);
  } catch (error) {
    console.error(`redis bench failed: ${(error as Error).stack ?? String(error)}`);
    process.exitCode = 1;
  } finally {
    killAll();
  }
}
