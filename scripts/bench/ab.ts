// A/B while working: mock builds (dist/src/hosts/node/cli.js of given package roots, default flags) against the
// pre-serialised bare Express, alternating. Not part of `npm run bench`.
//   npx tsx scripts/bench/ab.ts ROOT1 [ROOT2 ...]   (env AB_SCENARIOS=get,list,create AB_FLAGS="--quiet")
// AB_REDIS=1 puts every mock on one redis-server started here (unix socket, no persistence), each under its
// own prefix, so builds compare on the Redis path; they run in turn, so they never share the server's CPU.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startRedisServer, type TestRedis } from "../../test-support/redis-server.js";
import { API_KEY, COLLECTION_PATH, CREATE_API_KEY, CREATE_PATH, ITEM_PATH } from "./bench-config.js";
import type { Scenario } from "./load-test.js";
import { freePort, killAll, spawnServer, type ServerProcess } from "./spawn-server.js";
import { startBareExpress } from "./targets.js";
import { runThroughput } from "./throughput.js";

const roots = process.argv.slice(2);
const work = mkdtempSync(join(tmpdir(), "ab-"));
const flags = (process.env["AB_FLAGS"] ?? "").split(" ").filter(Boolean);
const servers: ServerProcess[] = [];
let redis: TestRedis | undefined;
try {
  if (process.env["AB_REDIS"] === "1") redis = await startRedisServer();
  for (const [i, root] of roots.entries()) {
    const port = await freePort();
    servers.push(
      await spawnServer({
        name: `${i}:${root.split("/").pop()}`,
        command: process.execPath,
        args: [join(root, "dist/src/hosts/node/cli.js"), "--port", String(port), ...flags, ...(redis ? ["--redis-url", redis.url, "--redis-prefix", `ab${i}:`] : [])],
        port,
        readyPath: ITEM_PATH,
        headers: { "x-api-key": API_KEY },
        stdoutFile: join(work, `log-${i}.ndjson`),
      }),
    );
  }
  const one = await (await fetch(servers[0]!.url + ITEM_PATH, { headers: { "x-api-key": API_KEY } })).json();
  const page = await (await fetch(servers[0]!.url + COLLECTION_PATH, { headers: { "x-api-key": API_KEY } })).json();
  servers.push(await startBareExpress(await freePort(), { one, page, created: one }, work, "pre-serialised"));
  let n = 0;
  const all: Record<string, Scenario> = {
    get: { name: "GET one", method: "GET", path: ITEM_PATH, expectStatus: 200 },
    list: { name: "list", method: "GET", path: COLLECTION_PATH, expectStatus: 200 },
    create: { name: "create", method: "POST", path: CREATE_PATH, apiKey: CREATE_API_KEY, expectStatus: 201, body: () => JSON.stringify({ domain: `ab${++n}.r${Date.now().toString(36)}.example.com`, description: "AB" }) },
  };
  const scenarios = (process.env["AB_SCENARIOS"] ?? "get,list,create").split(",").map((s) => all[s]!);
  const table = await runThroughput(scenarios, servers, () => {});
  const base = servers[servers.length - 1]!.name;
  for (const [scenario, byTarget] of table) {
    const ceiling = byTarget.get(base)!;
    for (const [target, r] of byTarget) {
      console.log(`${scenario.padEnd(8)} ${target.padEnd(32)} ${Math.round(r.rps).toString().padStart(6)} req/s ${(r.rps / ceiling.rps).toFixed(2)}x  ${Math.round(r.cpuUsPerRequest ?? 0)} µs CPU/req ${((ceiling.cpuUsPerRequest ?? 0) / (r.cpuUsPerRequest ?? 1)).toFixed(2)}x  p99 ${r.p99} ms  unexpected ${r.unexpected}`);
    }
  }
} finally {
  for (const s of servers) await s.stop();
  killAll();
  await redis?.stop();
}
