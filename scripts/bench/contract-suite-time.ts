// Wall time of the contract suite against one of its targets: `npm run test:contract` (the local mock
// server, bundling first) or `npm run test:contract:fetch` (the in-process fetch host), when the project
// has that script; otherwise the bench says "not available".
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./bench-config.js";

export type ContractTiming = { available: false } | { available: true; seconds: number; passed: boolean; timedOut: boolean };

const TIMEOUT_MS = 180_000;

export async function timeContractSuite(script = "test:contract"): Promise<ContractTiming> {
  const pkg = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { scripts?: Record<string, string> };
  if (!pkg.scripts?.[script]) return { available: false };
  const started = performance.now();
  // Its own process group, so a timeout can stop the suite and whatever it started, and nothing else.
  const child = spawn("npm", ["run", "--silent", script], { cwd: repoRoot, stdio: "ignore", detached: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    if (child.pid) process.kill(-child.pid, "SIGKILL");
  }, TIMEOUT_MS);
  const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
  clearTimeout(timer);
  return { available: true, seconds: (performance.now() - started) / 1000, passed: code === 0, timedOut };
}
