// Profiles the built mock under load: `node --cpu-prof` while autocannon runs one scenario, then prints
// where the time went (summarize-profile.ts), with the split by request stage. Usage:
//   npx tsx scripts/bench/profile-mock.ts get|list|create [--quiet] [--no-response-check] [--redis] [seconds]
// With --redis the mock runs on its own redis-server (unix socket, no persistence), as the Redis bench does.
// Without flags the mock runs as `npm start` runs it: request log on (to a file in the profile's folder).
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { startRedisServer, type TestRedis } from "../../test-support/redis-server.js";
import { API_KEY, COLLECTION_PATH, CREATE_API_KEY, CREATE_PATH, ITEM_PATH, mockEntry } from "./bench-config.js";
import { runLoad, type Scenario } from "./load-test.js";
import { freePort, killAll, spawnServer } from "./spawn-server.js";

const [which = "get", ...rest] = process.argv.slice(2);
const flags = rest.filter((a) => a === "--quiet" || a === "--no-response-check");
const onRedis = rest.includes("--redis");
const seconds = Number(rest.find((a) => /^\d+$/.test(a)) ?? 6);
let n = 0;
const scenarios: Record<string, Scenario> = {
  get: { name: "GET one", method: "GET", path: ITEM_PATH, expectStatus: 200 },
  list: { name: "list", method: "GET", path: COLLECTION_PATH, expectStatus: 200 },
  create: {
    name: "create",
    method: "POST",
    path: CREATE_PATH,
    apiKey: CREATE_API_KEY,
    expectStatus: 201,
    body: () => JSON.stringify({ domain: `p${++n}.r${Date.now().toString(36)}.example.com`, description: "Profile" }),
  },
};
const scenario = scenarios[which];
if (!scenario) throw new Error(`scenario must be one of ${Object.keys(scenarios).join(", ")}`);

const dir = mkdtempSync(join(tmpdir(), "mock-profile-"));
const port = await freePort();
let requests = 0;
let redis: TestRedis | undefined;
try {
  if (onRedis) redis = await startRedisServer();
  const redisArgs = redis ? ["--redis-url", redis.url, "--redis-prefix", "profile:"] : [];
  const server = await spawnServer({
    name: "mock",
    command: process.execPath,
    args: ["--cpu-prof", `--cpu-prof-dir=${dir}`, mockEntry, "--port", String(port), ...flags, ...redisArgs],
    port,
    readyPath: ITEM_PATH,
    headers: { "x-api-key": API_KEY },
    stdoutFile: join(dir, "request-log.ndjson"),
  });
  const result = await runLoad(server.url, scenario, seconds, server.pid);
  requests = result.total;
  console.log(`${scenario.name}: ${Math.round(result.rps)} req/s, ${Math.round(result.cpuUsPerRequest ?? 0)} µs CPU/req, ${result.total} requests, ${result.unexpected} unexpected`);
  await server.stop(); // SIGTERM: the mock exits cleanly, so the profile is written
} finally {
  killAll();
  await redis?.stop();
}
const profile = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
if (!profile) throw new Error(`no profile written in ${dir}`);
console.log(`profile: ${join(dir, profile)}  (mock flags: ${flags.join(" ") || "none, as npm start"}${redis ? ", on Redis" : ""})`);
spawnSync(process.execPath, ["--import", "tsx", join(import.meta.dirname, "summarize-profile.ts"), join(dir, profile), "30", String(requests)], { stdio: "inherit" });
