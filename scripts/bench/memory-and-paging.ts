// Resident memory of the mock at start and with 100,000 domains, and the cost of a list page deep in an
// account of 100,000 domains against the first page (the page cost must not grow with the data).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { SECONDS } from "./bench-config.js";
import { BIG_ACCOUNT_ID, BIG_API_KEY, BIG_DOMAINS, writeBigSeeds } from "./big-seed.js";
import { mergeResults, runLoad, type LoadResult } from "./load-test.js";
import { startMock } from "./targets.js";

/** Resident set size in MB, from /proc (Linux) or ps (elsewhere). */
export function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    if (kb > 0) return kb / 1024;
  } catch {
    // not Linux
  }
  return Number(execFileSync("ps", ["-o", "rss=", "-p", String(pid)], { encoding: "utf8" }).trim()) / 1024;
}

export interface MemoryAndPaging {
  rssAtStartMb: number;
  rssSpreadMb: number;
  rssSingleMb: number;
  spreadAccounts: number;
  /** Time from spawn to first answer with the 100,000-domain seed (seed check and load included). */
  bigSeedStartupMs: number;
  firstPage: LoadResult;
  deepPage: LoadResult;
}

const settle = () => new Promise((r) => setTimeout(r, 500));
const listPath = (start: number) => `/api/v1/accounts/${BIG_ACCOUNT_ID}/email-domains?start=${start}`;

export async function measureMemoryAndPaging(port: number, workDir: string): Promise<MemoryAndPaging> {
  const spreadAccounts = 100;
  const seeds = writeBigSeeds(workDir, spreadAccounts);

  const plain = await startMock(port, "quiet");
  await settle();
  const rssAtStartMb = rssMb(plain.pid);
  await plain.stop();

  const spread = await startMock(port, "quiet", { extraArgs: ["--seed", seeds.spread] });
  await settle();
  const rssSpreadMb = rssMb(spread.pid);
  await spread.stop();

  const single = await startMock(port, "quiet", { extraArgs: ["--seed", seeds.single] });
  const bigSeedStartupMs = single.startupMs;
  await settle();
  const rssSingleMb = rssMb(single.pid);
  const first = { name: "list start=0", method: "GET" as const, path: listPath(0), expectStatus: 200, apiKey: BIG_API_KEY };
  const deep = { ...first, name: `list start=${BIG_DOMAINS - 50}`, path: listPath(BIG_DOMAINS - 50) };
  await runLoad(single.url, first, 1); // warm-up
  const firstRuns: LoadResult[] = [];
  const deepRuns: LoadResult[] = [];
  for (let round = 0; round < 2; round++) {
    firstRuns.push(await runLoad(single.url, first, Math.max(1, SECONDS - 1), single.pid));
    deepRuns.push(await runLoad(single.url, deep, Math.max(1, SECONDS - 1), single.pid));
  }
  await single.stop();
  return { rssAtStartMb, rssSpreadMb, rssSingleMb, spreadAccounts, bigSeedStartupMs, firstPage: mergeResults(firstRuns), deepPage: mergeResults(deepRuns) };
}
