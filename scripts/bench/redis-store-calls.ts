// The mock's own CPU per read of the Redis backend, without HTTP: the built store (dist/) on its own
// redis-server, 10 callers in one process, each doing what a GET of one domain does (accountForKey, then get).
// Usage: npx tsx scripts/bench/redis-store-calls.ts [ROOT]   (ROOT: a checkout with a build, default this one;
// run it on two checkouts alternately to compare them).
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { startRedisServer } from "../../test-support/redis-server.js";
import { testEnvironment, testSeed } from "../../test-support/store-fixtures.js";
import type { EmailDomainStore } from "../../src/storage/types.js";
import { repoRoot } from "./bench-config.js";

const root = process.argv[2] ?? repoRoot;
const { createRedisStore } = (await import(pathToFileURL(join(root, "dist", "src", "domain", "open-redis-store.js")).href)) as {
  createRedisStore: (...args: unknown[]) => Promise<EmailDomainStore>;
};
const CALLERS = 10;
const CALLS = 60_000;
const redis = await startRedisServer();
try {
  const seed = testSeed();
  const apiKey = seed.accounts[0]!.apiKeys[0]!;
  const id = seed.accounts[0]!.domains![0]!.id!;
  const store = await createRedisStore(seed, testEnvironment(), { url: redis.url, prefix: "calls:" });
  for (let round = 0; round < 4; round++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    let started = 0;
    await Promise.all(
      Array.from({ length: CALLERS }, async () => {
        while (started++ < CALLS) await store.get((await store.accountForKey(apiKey))!, id);
      }),
    );
    const used = process.cpuUsage(cpu);
    // Round 0 warms up (JIT, the memos); it is not printed.
    if (round > 0) console.log(`${root}: ${((used.user + used.system) / CALLS).toFixed(1)} µs CPU per read, ${Math.round((CALLS / (performance.now() - start)) * 1000)} reads/s`);
  }
  await store.close();
} finally {
  await redis.stop();
}
