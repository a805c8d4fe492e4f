import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";
import { stageReporters } from "./contract-tests/support/stage-report.js";

// Unit tests live beside the code they test, and examples/*.test.ts are README snippets that run; the contract
// suite has its own config (vitest.contract.config.ts).
export default defineConfig({
  // examples/ import the kit by its package name, as a copied file does in an app: tsconfig.json "paths" map
  // that name to the sources (for tsc and tsx too; tsconfig.json stays plain JSON, which tests parse).
  resolve: { tsconfigPaths: true },
  test: {
    include: ["src/**/*.test.ts", "test-support/**/*.test.ts", "scripts/**/*.test.ts", "examples/**/*.test.ts", "contract-tests/cli/**/*.test.ts", "contract-tests/support/**/*.test.ts"],
    reporters: ["default", ...stageReporters()],
    // Many tests spawn processes (the mock's CLI, tsx, npm); on a busy machine (CI runners, several test runs
    // at once) a start alone can pass Vitest's 5 s default, which then fails tests for no fault of theirs.
    testTimeout: 30_000,
    // Vitest's default is one worker less than the cores: ONE on a 2-core machine, so the files ran one after
    // another although most of the slow ones wait on other processes (npm installs, the mock's CLI, Chromium,
    // redis-server). One worker per core, and at least two.
    maxWorkers: Math.max(2, availableParallelism()),
    hookTimeout: 60_000,
  },
});
