// Quick look at startup and memory of one build (BENCH_MOCK_ROOT), not part of `npm run bench`:
//   npx tsx scripts/bench/rss-check.ts
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeBigSeeds } from "./big-seed.js";
import { rssMb } from "./memory-and-paging.js";
import { freePort, killAll } from "./spawn-server.js";
import { measureStartup } from "./startup-time.js";
import { startMock } from "./targets.js";

const work = mkdtempSync(join(tmpdir(), "rss-"));
try {
  const startup = await measureStartup(async () => startMock(await freePort(), "quiet"));
  const seeds = writeBigSeeds(work, 100);
  const rss: number[] = [];
  for (const seed of [seeds.spread, seeds.single]) {
    const mock = await startMock(await freePort(), "quiet", { extraArgs: ["--seed", seed] });
    await new Promise((r) => setTimeout(r, 500));
    rss.push(Math.round(rssMb(mock.pid)));
    await mock.stop();
  }
  console.log(`startup median ${Math.round(startup.medianMs)} ms (CPU ${startup.medianCpuMs} ms); RSS with 100,000 domains: spread ${rss[0]} MB, one account ${rss[1]} MB`);
} finally {
  killAll();
  rmSync(work, { recursive: true, force: true });
}
