import { defineConfig } from "vitest/config";

// Unit tests live beside the code they test; the contract suite has its own config (vitest.contract.config.ts).
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "scripts/**/*.test.ts", "contract-tests/cli/**/*.test.ts"],
    reporters: ["default"],
  },
});
