import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";
import { stageReporters } from "./contract-tests/support/stage-report.js";

// Unit tests live beside the code they test, and examples/*.test.ts are README snippets that run; the contract
// suite has its own config (vitest.contract.config.ts).
// Three projects, so that what is costly to set up is set up once per run, and only when a file that needs it
// runs: `packages` packs the kit once (scripts/package/packed-kit.ts) for every file that installs it,
// `browser` starts one Chromium (scripts/browser/shared-browser.ts) for every browser check; `unit` is the rest.
const PACKAGE_TESTS = ["scripts/package/kit-package.test.ts", "scripts/package/storefront-usage.test.ts"];
const BROWSER_TESTS = ["scripts/**/*.browser.test.ts"];

export default defineConfig({
  // examples/ import the kit by its package name, as a copied file does in an app: tsconfig.json "paths" map
  // that name to the sources (for tsc and tsx too; tsconfig.json stays plain JSON, which tests parse).
  resolve: { tsconfigPaths: true },
  test: {
    reporters: ["default", ...stageReporters()],
    // Many tests spawn processes (the mock's CLI, tsx, npm); on a busy machine (CI runners, several test runs
    // at once) a start alone can pass Vitest's 5 s default, which then fails tests for no fault of theirs.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Files side by side: one more than the cores (Vitest's default is one fewer). Most of a file's time here is
    // spent waiting for what it started (npm installs, CLI runs, servers, Redis, Chromium), not computing.
    maxWorkers: availableParallelism() + 1,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["src/**/*.test.ts", "test-support/**/*.test.ts", "scripts/**/*.test.ts", "examples/**/*.test.ts", "contract-tests/cli/**/*.test.ts", "contract-tests/support/**/*.test.ts", "contract-tests/mutants/**/*.test.ts"],
          exclude: [...PACKAGE_TESTS, ...BROWSER_TESTS, "**/node_modules/**"],
        },
      },
      { extends: true, test: { name: "packages", include: PACKAGE_TESTS, globalSetup: ["scripts/package/packed-kit.ts"] } },
      { extends: true, test: { name: "browser", include: BROWSER_TESTS, globalSetup: ["scripts/browser/shared-browser.ts"] } },
    ],
  },
});
