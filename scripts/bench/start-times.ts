// `npm run bench:start`: time from spawn to the first answer of the mock as each user starts it, median of
// a few samples (BENCH_STARTUP_SAMPLES, default 5):
//   npm start in this repo with nothing changed (target < 2 s), and the kit packed from the current sources
//   and installed in a temporary project: `npx email-domains-mock`, its bin without npx, the bin on Node 24
//   (target < 1 s). Prints a table; asserts nothing (speed is measured here, never in tests).
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { packageRoot } from "../../src/project-paths.js";
import { createProject, freePort, startServer } from "../package/consumer-project.js";
import { node24 } from "../package/node-24.js";
import { packKit } from "../package/pack-package.js";
import { STARTUP_SAMPLES } from "./bench-config.js";

async function median(command: string, args: (port: number) => string[], cwd: string): Promise<{ median: number; all: number[] }> {
  const all: number[] = [];
  for (let i = 0; i < STARTUP_SAMPLES; i++) {
    const port = await freePort();
    const server = await startServer(command, args(port), cwd, port);
    all.push(server.firstAnswerMs);
    await server.stop();
  }
  const sorted = [...all].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, all };
}

const work = mkdtempSync(join(tmpdir(), "email-domains-bench-"));
try {
  const rows: Array<[string, string, { median: number; all: number[] }]> = [];
  await promisify(execFile)("npm", ["run", "build", "--silent"], { cwd: packageRoot }); // so that nothing has changed
  rows.push(["npm start (nothing changed)", "< 2000", await median("npm", (p) => ["start", "--silent", "--", "--port", String(p), "--quiet"], packageRoot)]);
  const [kit, node] = await Promise.all([packKit(work), node24()]);
  const app = join(work, "app");
  await createProject(app, [kit.tarball]);
  const bin = join(app, "node_modules", ".bin", "email-domains-mock");
  rows.push(["npx email-domains-mock (installed kit)", "< 1000", await median("npx", (p) => ["email-domains-mock", "--port", String(p), "--quiet"], app)]);
  rows.push(["node_modules/.bin/email-domains-mock", "< 1000", await median(process.execPath, (p) => [bin, "--port", String(p), "--quiet"], app)]);
  rows.push(["the same bin on Node 24", "< 1000", await median(node, (p) => [bin, "--port", String(p), "--quiet"], app)]);
  console.log(`| start | target (ms) | median first answer (ms) | samples |\n|---|---|---|---|`);
  for (const [name, target, r] of rows) console.log(`| ${name} | ${target} | ${r.median} | ${r.all.join(", ")} |`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
