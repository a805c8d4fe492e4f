import { defineConfig } from "vitest/config";
import { CoverageLastSequencer } from "./contract-tests/support/coverage-last.js";
import { ContractReportFiles } from "./contract-tests/support/reports/report-files.js";
import { settingsFromEnv } from "./contract-tests/support/settings.js";
import { stageReporters } from "./contract-tests/support/stage-report.js";

// The contract suite (`npm run test:contract`): HTTP only, against CONTRACT_BASE_URL or an in-process mock.
// Files run in sequence because they share the target's accounts; JUnit and CTRF go to the reports folder
// (reportsDir(): CONTRACT_REPORTS_DIR, default `reports`, as everywhere else in the suite).
// Against an in-process host (CONTRACT_TARGET=fetch|msw, no CONTRACT_BASE_URL), the files share one module
// graph instead of loading the engine and its validators again for each file: the run then takes about a
// third of the time. The files then share one in-process world, as they share one server otherwise.
// (The CLI passes its settings through `provide` and always names a base URL: isolated files.)
const settings = settingsFromEnv(process.env);
const inProcess = settings.target !== "server" && settings.baseUrl === undefined;

export default defineConfig({
  test: {
    isolate: !inProcess,
    include: ["contract-tests/**/*.test.ts"],
    exclude: ["contract-tests/mutants/**", "contract-tests/cli/**", "contract-tests/support/**"],
    globalSetup: ["contract-tests/support/global-setup.ts"],
    setupFiles: ["contract-tests/support/setup-file.ts"],
    fileParallelism: false,
    sequence: { sequencer: CoverageLastSequencer },
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // JUnit and CTRF from the suite's own writers (one <failure> per failed testcase, naming the broken rule).
    reporters: ["default", new ContractReportFiles(settings.reportsDir, settings.baseUrl ?? "the in-process mock"), ...stageReporters()],
  },
});
