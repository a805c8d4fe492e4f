import { defineConfig } from "vitest/config";
import { stageReporters } from "./contract-tests/support/stage-report.js";

// Unit tests live beside the code they test, and examples/*.test.ts are README snippets that run; the contract
// suite has its own config (vitest.contract.config.ts).
export default defineConfig({
  // examples/ import the kit by its package name, as a copied file does in an app: tsconfig.json "paths" map
  // that name to the sources (for tsc and tsx too; tsconfig.json stays plain JSON, which tests parse).
  resolve: { tsconfigPaths: true },
  test: {
    include: ["src/**/*.test.ts", "test-support/**/*.test.ts", "scripts/**/*.test.ts", "examples/**/*.test.ts", "contract-tests/cli/**/*.test.ts", "contract-tests/support/**/*.test.ts", "contract-tests/mutants/**/*.test.ts"],
    reporters: ["default", ...stageReporters()],
    // Many tests spawn processes (the mock's CLI, tsx, npm); on a busy machine (CI runners, several test runs
    // at once) a start alone can pass Vitest's 5 s default, which then fails tests for no fault of theirs.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
