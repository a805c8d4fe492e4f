// The contract suite against two mock processes on one Redis behind a round-robin proxy, so that every
// request after a write goes to the other replica: what the suite creates through one it must read,
// update, check and delete through the other. The suite treats the proxy as a remote target.
import { startRedisServer } from "../test-support/redis-server.js";
import { startRoundRobinProxy } from "../test-support/round-robin-proxy.js";
import { spawnServer, type SpawnedServer } from "../test-support/spawn-server.js";
import { runContractSuite } from "./run-contract-suite.js";

const redis = await startRedisServer();
const replicas: SpawnedServer[] = [];
let exitCode = 1;
try {
  const args = ["--redis-url", redis.url, "--redis-prefix", "contract-replicas:", "--control-token", "contract-replicas-token", "--quiet"];
  replicas.push(await spawnServer(args)); // the first seeds the empty Redis
  replicas.push(await spawnServer(args));
  const proxy = await startRoundRobinProxy(replicas.map((r) => r.url));
  console.log(`round-robin proxy on ${proxy.url} in front of ${replicas.map((r) => r.url).join(" and ")}, one Redis at ${redis.url}`);
  const suiteCode = await runContractSuite(proxy.url, "replicas", process.argv.slice(2));
  const counts = proxy.counts();
  console.log(`requests per replica: ${counts.join(" / ")}`);
  await proxy.close();
  exitCode = suiteCode === 0 && counts.every((n) => n > 0) ? 0 : 1;
} catch (error) {
  console.error(String(error));
} finally {
  for (const replica of replicas) await replica.kill();
  await redis.stop();
}
process.exit(exitCode);
