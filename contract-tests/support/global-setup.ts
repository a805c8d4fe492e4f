// Once per run: pick the target (CONTRACT_BASE_URL, or the mock started here on an ephemeral port with
// the demo seed, or an in-process host: CONTRACT_TARGET, see host-target.ts), and start from an empty run-state folder. The mock stops when the run ends.
import { rmSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { startMock } from "../../src/hosts/node/start-mock.js";
import { hostTarget, IN_PROCESS_ORIGIN } from "./host-target.js";
import { runStateDir } from "./run-state.js";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  rmSync(runStateDir(), { recursive: true, force: true });
  // A runner that embeds the suite (the test of the tests) provides the target itself, run by run.
  if (project.getProvidedContext().contractBaseUrl) return async () => {};
  const remote = process.env["CONTRACT_BASE_URL"]?.trim();
  if (remote) {
    project.provide("contractBaseUrl", remote.replace(/\/+$/, ""));
    project.provide("contractInProcessMock", false);
    return async () => {};
  }
  if (hostTarget() !== "server") {
    project.provide("contractBaseUrl", IN_PROCESS_ORIGIN);
    project.provide("contractInProcessMock", true);
    return async () => {};
  }
  const mock = await startMock({ port: 0, host: "127.0.0.1" });
  project.provide("contractBaseUrl", mock.url);
  project.provide("contractInProcessMock", true);
  return () => mock.close(1_000);
}
