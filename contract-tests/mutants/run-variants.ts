// The other test of the tests (issue 17): the whole contract suite, the model-based stage included, must
// pass against every legitimate variant (variants.ts): servers that keep the contract and differ only where
// the spec leaves room. Each is the real mock behind the mutant proxy. Exits 1 when any variant fails a test.
// CONTRACT_VARIANTS=substring runs only the matching ones.
import { readdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { startMock } from "../../src/hosts/node/start-mock.js";
import { removeEmbeddedReports, startEmbeddedSuite } from "./embedded-suite.js";
import { startMutantProxy } from "./mutant-proxy.js";
import { variants, type Variant } from "./variants.js";

const SUITE_DIR = fileURLToPath(new URL("..", import.meta.url));
const ALL_FILES = readdirSync(SUITE_DIR)
  .filter((f) => f.endsWith(".test.ts") && f !== "coverage.test.ts")
  .map((f) => f.slice(0, -".test.ts".length))
  .sort();
const INSTANCES = Number(process.env["CONTRACT_MUTANT_INSTANCES"] ?? Math.min(2, availableParallelism()));
const only = process.env["CONTRACT_VARIANTS"];
const queue: Variant[] = variants.filter((v) => !only || v.name.includes(only));
const tried = queue.length;
const problems: string[] = [];
const started = performance.now();
try {
  const settled = await Promise.allSettled(
    Array.from({ length: INSTANCES }, async () => {
      const suite = await startEmbeddedSuite();
      try {
        for (let v = queue.shift(); v; v = queue.shift()) {
          const t0 = performance.now();
          const mock = await startMock({ port: 0, host: "127.0.0.1" });
          const proxy = await startMutantProxy(mock.url, v.mutation);
          try {
            const run = await suite.run(proxy.url, ALL_FILES);
            const ok = run.failures.length === 0 && run.passed > 0;
            console.log(`${ok ? "passes " : "FAILS  "} ${v.name} (${v.room}): ${run.passed} passed, ${run.failures.length} failed in ${Math.round(performance.now() - t0)} ms`);
            if (!ok) problems.push(`variant "${v.name}" failed the suite:\n  ${run.failures.join("\n  ").slice(0, 3000)}`);
          } finally {
            await proxy.close();
            await mock.close(500);
          }
        }
      } finally {
        await suite.close();
      }
    }),
  );
  const crashed = settled.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (crashed) throw crashed.reason;
} finally {
  removeEmbeddedReports();
}
console.log(`\n${tried - problems.length}/${tried} variants pass the suite in ${((performance.now() - started) / 1000).toFixed(1)} s (${INSTANCES} suite instances)`);
if (problems.length > 0) console.error(`\n${problems.join("\n\n")}`);
process.exitCode = problems.length > 0 ? 1 : 0;
