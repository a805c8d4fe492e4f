// Once per run: a temporary run-state folder (outside the reports, removed at the end), and the target: the
// base URL of the settings (the CLI's, provided, else CONTRACT_BASE_URL), or the mock started here on an
// ephemeral port with the demo seed, or an in-process host (settings.target, see host-target.ts).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { startMock } from "../../src/hosts/node/start-mock.js";
import { hostOf, IN_PROCESS_ORIGIN } from "./host-target.js";
import { settingsFromEnv } from "./settings.js";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const provided = project.getProvidedContext();
  const runState = mkdtempSync(join(tmpdir(), "contract-run-"));
  project.provide("contractRunStateDir", runState);
  const removeRunState = () => rmSync(runState, { recursive: true, force: true });
  // A runner that embeds the suite (the test of the tests) provides the target itself, run by run.
  if (provided.contractBaseUrl) return async () => removeRunState();
  const settings = provided.contractSettings ?? settingsFromEnv(process.env);
  if (settings.baseUrl) {
    project.provide("contractBaseUrl", settings.baseUrl);
    project.provide("contractInProcessMock", false);
    return async () => removeRunState();
  }
  if (hostOf(settings) !== "server") {
    project.provide("contractBaseUrl", IN_PROCESS_ORIGIN);
    project.provide("contractInProcessMock", true);
    return async () => removeRunState();
  }
  const mock = await startMock({ port: 0, host: "127.0.0.1" });
  project.provide("contractBaseUrl", mock.url);
  project.provide("contractInProcessMock", true);
  return async () => {
    removeRunState();
    await mock.close(1_000);
  };
}
