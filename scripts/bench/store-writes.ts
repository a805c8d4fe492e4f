// The store's write path without HTTP: the built store (dist/) over the memory backend (or an SQLite file with
// --sqlite), creating, updating, checking and deleting domains in one account, one call at a time.
// Usage: npx tsx scripts/bench/store-writes.ts [ROOT] [--sqlite]   (ROOT: a checkout with a build, default this
// one; run it on two checkouts alternately to compare them). Prints µs per call of each operation, per round,
// wall time and the process's CPU time.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { tempDir, testEnvironment, testSeed } from "../../test-support/store-fixtures.js";
import type { EmailDomainStore } from "../../src/storage/types.js";
import { repoRoot } from "./bench-config.js";

const args = process.argv.slice(2);
const root = args.find((a) => !a.startsWith("--")) ?? repoRoot;
const sqlite = args.includes("--sqlite");
const load = async <T>(module: string) => (await import(pathToFileURL(join(root, "dist", "src", "domain", module)).href)) as T;
const CALLS = sqlite ? 2_000 : 20_000;
const tmp = tempDir("store-writes-");
try {
  const seed = testSeed();
  const store: EmailDomainStore = sqlite
    ? (await load<{ createSqliteStore: (...a: unknown[]) => EmailDomainStore }>("open-sqlite-store.js")).createSqliteStore(join(tmp.dir, "state.db"), seed, testEnvironment())
    : (await load<{ createMemoryStore: (...a: unknown[]) => EmailDomainStore }>("stores.js")).createMemoryStore(seed, testEnvironment());
  const account = (await store.accounts())[2]!;
  for (let round = 0; round < 4; round++) {
    const ids: string[] = [];
    const time = async (what: string, call: (i: number) => Promise<unknown>) => {
      const start = performance.now();
      const cpu = process.cpuUsage();
      for (let i = 0; i < CALLS; i++) await call(i);
      const used = process.cpuUsage(cpu);
      // CPU time too: on a busy machine it says more than the wall time does.
      return `${what} ${(((performance.now() - start) * 1000) / CALLS).toFixed(2)} µs (CPU ${((used.user + used.system) / CALLS).toFixed(2)} µs)`;
    };
    const figures = [
      await time("create", async (i) => {
        const r = await store.create(account, { domain: `r${round}-${i}.example.com` });
        if ("created" in r) ids.push(r.created.id);
      }),
      await time("update", (i) => store.updateDescription(account, ids[i]!, `d${i}`)),
      await time("check", (i) => store.checkDkimStatus(account, ids[i]!)),
      // From the oldest: every delete of the default hands it to an heir.
      await time("remove", (i) => store.remove(account, ids[i]!)),
    ];
    console.log(`round ${round + 1}: ${figures.join(", ")}`);
  }
  await store.close();
} finally {
  tmp.remove();
}
