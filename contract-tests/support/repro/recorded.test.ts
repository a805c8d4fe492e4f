// Every failing suite test leaves a reproduction script: the suite file runs (as `npm run test:contract`
// does) against a mutant, and each script it leaves exits 1 against that mutant and 0 against the mock.
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packageRoot } from "../../../src/project-paths.js";
import { startMock, type RunningMock } from "../../../src/hosts/node/start-mock.js";
import { startMutantProxy } from "../../mutants/mutant-proxy.js";
import { mutants } from "../../mutants/mutations.js";
import { DEMO_A, DEMO_B } from "../demo-accounts.js";
import { accountVariables, runReproScript } from "./run-script.js";

const work = mkdtempSync(join(tmpdir(), "repro-recorded-"));
afterAll(() => process.env["KEEP_WORK"] ? undefined : rmSync(work, { recursive: true, force: true }));
const vitestBin = join(packageRoot, "node_modules", ".bin", "vitest");
const accounts = accountVariables(DEMO_A, DEMO_B);

/** Runs one suite file against a server, its reports going to `reports`. */
function runSuiteFile(file: string, baseUrl: string, reports: string): Promise<string> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("CONTRACT_") && !k.startsWith("VITEST")));
  const env = { ...clean, ...accounts, CONTRACT_BASE_URL: baseUrl, CONTRACT_REPORTS_DIR: reports };
  return new Promise((resolve) => {
    execFile(vitestBin, ["run", "--config", "vitest.contract.config.ts", `contract-tests/${file}`], { cwd: packageRoot, env, timeout: 150_000, maxBuffer: 32 * 1024 * 1024 }, (_e, stdout, stderr) => resolve(stdout + stderr));
  });
}

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0, host: "127.0.0.1" });
});
afterAll(() => mock?.close(500));

describe.each([
  { mutant: "reads a domain across accounts", file: "isolation.test.ts" },
  { mutant: "lists another account's domains", file: "isolation.test.ts" },
  // The file's set-up fails (its beforeAll creates the domain the tests use): the set-up calls get a script.
  { mutant: "answers an undocumented status (200 for a create)", file: "isolation.test.ts" },
])("a failing test against a server that $mutant", ({ mutant: name, file }) => {
  it("leaves a script per failure, named in JUnit, that exits 1 against the mutant and 0 against the mock", async () => {
    const mutant = mutants.find((m) => m.name === name);
    if (!mutant) throw new Error(`no mutant ${name}`);
    const proxy = await startMutantProxy(mock.url, mutant.mutation);
    try {
      const reports = join(work, name.replace(/\W+/g, "-"));
      const output = await runSuiteFile(file, proxy.url, reports);
      const scripts = readdirSync(join(reports, "repro")).filter((f) => f.endsWith(".sh"));
      expect(scripts.length, output.slice(-3000)).toBeGreaterThan(0);
      const junit = readFileSync(join(reports, "contract-junit.xml"), "utf8");
      // One <failure> per failed testcase, the reproduction inside it.
      for (const c of junit.split("<testcase ").slice(1)) expect(c.split("<failure ").length - 1).toBeLessThanOrEqual(1);
      for (const script of scripts) {
        expect(junit).toContain(`repro/${script}`);
        const text = readFileSync(join(reports, "repro", script), "utf8");
        expect(text).not.toContain(DEMO_A.apiKey);
        expect(text).not.toContain(DEMO_B.apiKey);
        const against = await runReproScript(join(reports, "repro", script), accounts);
        expect(against.code, `${script} against the mutant:\n${against.stdout.slice(-2000)}${against.stderr}`).toBe(1);
        const kept = await runReproScript(join(reports, "repro", script), { ...accounts, BASE_URL: mock.url });
        expect(kept.code, `${script} against the mock:\n${kept.stdout.slice(-2000)}${kept.stderr}`).toBe(0);
      }
    } finally {
      await proxy.close();
    }
  }, 240_000);
});
