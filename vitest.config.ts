import { defineConfig } from "vitest/config";
import { stageReporters } from "./contract-tests/support/stage-report.js";

// Unit tests live beside the code they test, and examples/*.test.ts are README snippets that run; the contract
// suite has its own config (vitest.contract.config.ts).
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test-support/**/*.test.ts", "scripts/**/*.test.ts", "examples/**/*.test.ts", "contract-tests/cli/**/*.test.ts", "contract-tests/support/**/*.test.ts"],
    reporters: ["default", ...stageReporters()],
  },
});
