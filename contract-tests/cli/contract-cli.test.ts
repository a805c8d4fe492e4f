// email-domains-contract as CI runs it: a separate process, pointed at a server. Exit 0 against the mock,
// 1 against a server that breaks one rule (and the failures name that rule), 2 with one line when the suite
// cannot run. The servers are in this process (the mock, and a mutant proxy in front of it).
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packageRoot } from "../../src/project-paths.js";
import { startMock, type RunningMock } from "../../src/hosts/node/start-mock.js";
import { freePort } from "../../scripts/bench/spawn-server.js";
import { startMutantProxy } from "../mutants/mutant-proxy.js";
import { mutants } from "../mutants/mutations.js";
import { DEMO_A, DEMO_B } from "../support/demo-accounts.js";
import { PAGING_SKIP } from "../support/look-around.js";
import { verifyReproductions } from "../support/repro/verify.js";
import { ruleOf, type SuiteOutcome } from "../support/reports/outcome.js";
import { validate } from "ctrf";

const tsx = join(packageRoot, "node_modules", ".bin", "tsx");
const main = join(packageRoot, "contract-tests", "cli", "main.ts");
const work = mkdtempSync(join(tmpdir(), "contract-cli-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI from an empty folder, with none of the suite's variables of this process. */
async function runCli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("CONTRACT_") && !k.startsWith("GITHUB_")));
  try {
    const { stdout, stderr } = await promisify(execFile)(tsx, [main, ...args], { cwd: work, env: { ...clean, ...env }, timeout: 300_000, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const failed = err as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failed.code !== "number") throw err;
    return { code: failed.code, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

const accounts = (baseUrl: string) => [
  "--base-url", baseUrl,
  "--api-key", DEMO_A.apiKey, "--account-id", DEMO_A.accountId,
  "--other-api-key", DEMO_B.apiKey, "--other-account-id", DEMO_B.accountId,
];

/** Exit 2 with exactly one line on stderr, and nothing run. */
function expectOneLineStop(run: Run): string {
  expect(run.code, run.stderr).toBe(2);
  const lines = run.stderr.trim().split("\n");
  expect(lines, run.stderr).toHaveLength(1);
  expect(run.stdout).not.toContain("Test Files");
  return lines[0]!;
}

const readResults = (dir: string) => JSON.parse(readFileSync(join(dir, "contract-results.json"), "utf8")) as SuiteOutcome;

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0, host: "127.0.0.1" });
});
afterAll(() => mock?.close(500));

describe("email-domains-contract", () => {
  it("exits 0 against the mock, with JUnit, coverage, the Markdown summary and the step summary", async () => {
    const dir = join(work, "pass");
    const step = join(work, "step-summary.md");
    const run = await runCli([...accounts(mock.url), "--report-dir", dir], { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: step });
    expect(run.code, run.stdout.slice(-3000) + run.stderr).toBe(0);
    const results = readResults(dir);
    expect(results.tests.filter((t) => t.state === "failed")).toEqual([]);
    expect(results.tests.filter((t) => t.state === "passed").length).toBeGreaterThan(100);
    expect(readFileSync(join(dir, "contract-junit.xml"), "utf8")).toMatch(/<testsuites [^>]*failures="0"/);
    expect(JSON.parse(readFileSync(join(dir, "contract-coverage.json"), "utf8"))).toMatchObject({ target: mock.url });
    const summary = readFileSync(join(dir, "contract-summary.md"), "utf8");
    expect(summary).toContain(`${mock.url} keeps the contract`);
    expect(readFileSync(step, "utf8")).toContain(summary.trim());
    expect(run.stdout).not.toContain("::error");
    // The last line: the verdict, the counts, the reports folder; the reports are there; no temporary folder
    // stays; no path of the kit's install in the output.
    const last = run.stdout.trim().split("\n").at(-1) ?? "";
    expect(last).toMatch(/^contract kept: 0 failed, \d+ passed, \d+ skipped; reports: pass$/);
    for (const f of ["contract-junit.xml", "contract-ctrf.json", "contract-coverage.json", "contract-summary.md", "contract-results.json"]) expect(existsSync(join(dir, f)), f).toBe(true);
    expect(readdirSync(dir).filter((f) => f.startsWith("."))).toEqual([]);
    expect(run.stdout).not.toContain(packageRoot);
    expect(run.stdout).toContain(`email-domain contract suite against ${mock.url}`);
  }, 240_000);

  it("names the flags the user gave: a run without a second account skips isolation saying which flags to pass", async () => {
    const dir = join(work, "no-other");
    const run = await runCli(["--base-url", mock.url, "--api-key", DEMO_A.apiKey, "--account-id", DEMO_A.accountId, "--report-dir", dir, "--model-runs", "0"]);
    expect(run.code, run.stderr).toBe(0);
    const skipped = readResults(dir).tests.filter((t) => t.state === "skipped");
    expect(skipped.some((t) => t.message?.includes("pass --other-api-key and --other-account-id"))).toBe(true);
    expect(skipped.filter((t) => t.message === undefined && t.file !== "model.test.ts")).toEqual([]);
    expect(JSON.stringify(skipped)).not.toContain("CONTRACT_OTHER_API_KEY");
  }, 240_000);

  it("exits 1 against a server that ignores start: the failures name that rule, the look-around tests are skipped for it", async () => {
    const ignoresStart = mutants.find((m) => m.name === "ignores start");
    if (!ignoresStart) throw new Error('contract-tests/mutants/mutations.ts has no mutant "ignores start"');
    const proxy = await startMutantProxy(mock.url, ignoresStart.mutation);
    try {
      const dir = join(work, "ignores-start");
      const run = await runCli([...accounts(proxy.url), "--report-dir", dir], { GITHUB_ACTIONS: "true" });
      expect(run.code, run.stderr).toBe(1);
      const { tests } = readResults(dir);
      const failed = tests.filter((t) => t.state === "failed");
      expect(failed.length).toBeGreaterThan(0);
      // One story: the failures are the paging tests, each naming the start parameter's rule it saw broken,
      // and the model-based stage, whose random sequences page with start too (it may or may not hit it).
      const files = new Set(failed.map((t) => t.file));
      expect(files.has("pagination.test.ts")).toBe(true);
      expect([...files].filter((f) => f !== "pagination.test.ts" && f !== "model.test.ts")).toEqual([]);
      for (const t of failed.filter((f) => f.file === "pagination.test.ts")) expect(ruleOf(t.message ?? "")).toMatch(/\bstart\b/);
      expect(failed.some((t) => ignoresStart.caughtBy.test(t.message ?? ""))).toBe(true);
      // The tests that list only to look around say why they could not.
      const pagingSkips = tests.filter((t) => t.state === "skipped" && t.message?.startsWith(PAGING_SKIP));
      // Among them the "nothing was created" checks of the key and body tests.
      expect([...new Set(pagingSkips.map((t) => t.file))]).toEqual(expect.arrayContaining(["auth.test.ts", "request-bodies.test.ts"]));
      expect(pagingSkips.every((t) => /start was not honoured/.test(t.message ?? ""))).toBe(true);
      // CI sees the rule: in an annotation and the summary.
      const annotations = run.stdout.split("\n").filter((l) => l.startsWith("::error "));
      expect(annotations.length).toBeGreaterThan(0);
      expect(annotations.filter((l) => !l.includes("model.test.ts")).every((l) => /\bstart\b/.test(decodeURIComponent(l)))).toBe(true);
      expect(annotations.some((l) => ignoresStart.caughtBy.test(decodeURIComponent(l)))).toBe(true);
      const summary = readFileSync(join(dir, "contract-summary.md"), "utf8");
      expect(summary).toMatch(/### What broke\n\n- \*\*.*start/);
      // Each failure's calls, as a script under the reports and as a sequence in the summary and JUnit.
      expect(summary).toContain("### Reproductions");
      // Each a script that holds, or why there is none.
      for (const t of failed) {
        const first = (t.reproduction ?? "").split("\n")[0] ?? "";
        if (first.startsWith("no standalone reproduction: ")) expect(first.length).toBeGreaterThan("no standalone reproduction: ".length + 10);
        else expect(existsSync(join(dir, first.split(" ")[0]!)), `${t.name}: ${first}`).toBe(true);
      }
      expect(failed.some((t) => /^repro\/\S+\.sh /.test(t.reproduction ?? ""))).toBe(true);
      expect(readFileSync(join(dir, "contract-junit.xml"), "utf8")).toContain("script:    repro/");
    } finally {
      await proxy.close();
    }
  }, 300_000);

  it("against a server that drops a required field from every domain answer: a short log naming the field, one <failure> per testcase, counts and skip reasons right, every script handed over holds", async () => {
    const drops = mutants.find((m) => m.name === "drops a required field");
    if (!drops) throw new Error('contract-tests/mutants/mutations.ts has no mutant "drops a required field"');
    const field = /required property "(\w+)"/.exec(drops.caughtBy.source)?.[1] ?? "";
    const proxy = await startMutantProxy(mock.url, drops.mutation);
    try {
      const dir = join(work, "drops-a-field");
      const run = await runCli([...accounts(proxy.url), "--report-dir", dir]);
      expect(run.code, run.stderr).toBe(1);
      const log = `${run.stdout}${run.stderr}`.trimEnd().split("\n");
      expect(log.length, log.join("\n")).toBeLessThanOrEqual(120);
      // No code or stack frames from inside the kit; the field in the log and in the summary.
      expect(run.stdout + run.stderr).not.toMatch(/response-check\.ts|node_modules|❯/);
      expect(run.stdout).toContain(`${field} absent`);
      const summary = readFileSync(join(dir, "contract-summary.md"), "utf8");
      expect(summary).toContain(`required property "${field}"`);
      // The last line is short and its counts are everyone's: results, summary, JUnit, CTRF.
      const last = log.at(-1)!;
      expect(last.length).toBeLessThan(200);
      const { tests, errors } = readResults(dir);
      const n = (state: string) => tests.filter((t) => t.state === state).length;
      expect(last).toContain(`contract broken: ${n("failed")} failed, ${n("passed")} passed, ${n("skipped")} skipped;`);
      expect(summary).toContain(`| ${n("passed")} | ${n("failed")} | ${n("skipped")} |`);
      // The per-file lines while it ran add up to the same counts.
      const fileLines = log.filter((l) => /^ [✓✗] \S+\.test\.ts: /.test(l));
      const sum = (state: string) => fileLines.reduce((total, l) => total + Number(new RegExp(`(\\d+) ${state}`).exec(l)?.[1] ?? 0), 0);
      expect([sum("passed"), sum("failed"), sum("skipped")]).toEqual([n("passed"), n("failed"), n("skipped")]);
      const junit = readFileSync(join(dir, "contract-junit.xml"), "utf8");
      expect(junit).toMatch(new RegExp(`<testsuites [^>]*tests="${tests.length + errors.length}" failures="${n("failed")}" errors="${errors.length}" skipped="${n("skipped")}"`));
      const cases = junit.split("<testcase ").slice(1);
      expect(cases.filter((c) => c.includes("<failure ")).length).toBe(n("failed"));
      for (const c of cases) expect(c.split("<failure ").length - 1).toBeLessThanOrEqual(1);
      const ctrf = JSON.parse(readFileSync(join(dir, "contract-ctrf.json"), "utf8")) as unknown;
      expect(validate(ctrf)).toMatchObject({ valid: true });
      expect((ctrf as { results: { summary: object } }).results.summary).toMatchObject({ failed: n("failed"), passed: n("passed"), skipped: n("skipped") });
      // Both accounts were given: no skip blames a missing second account, none has no reason, and a test its
      // set-up kept from running names that set-up's failure, the field included.
      const skipped = tests.filter((t) => t.state === "skipped");
      expect(skipped.filter((t) => t.message === undefined)).toEqual([]);
      expect(skipped.filter((t) => /second account|Prism/.test(t.message ?? ""))).toEqual([]);
      const notRun = skipped.filter((t) => t.message?.startsWith("not run: the set-up failed: "));
      expect(notRun.length).toBeGreaterThan(0);
      for (const t of notRun) expect(t.message).toContain(`required property "${field}"`);
      // Every script handed over exits 1 against this server and 0 against the kit's engine; a failure without one says why.
      const failed = tests.filter((t) => t.state === "failed");
      const scripts = [...new Set(failed.flatMap((t) => /^(repro\/\S+\.sh) /.exec(t.reproduction ?? "")?.[1] ?? []))];
      expect(scripts.length).toBeGreaterThan(0);
      for (const t of failed.filter((x) => !/^repro\//.test(x.reproduction ?? ""))) expect(t.reproduction, t.name).toMatch(/^no standalone reproduction: \S/);
      const verdicts = await verifyReproductions(scripts.map((s) => join(dir, s)), { targetBaseUrl: proxy.url, accounts: { own: DEMO_A, other: DEMO_B } }, 6);
      expect(verdicts.filter((v) => !v.holds).map((v) => `${v.script}: ${v.reason}`)).toEqual([]);
    } finally {
      await proxy.close();
    }
  }, 300_000);

  it("exits 2 with one line saying 'connection refused' when nothing listens, and still writes JUnit and the summary", async () => {
    const dir = join(work, "refused");
    const run = await runCli([...accounts(`http://127.0.0.1:${await freePort()}`), "--report-dir", dir]);
    const line = expectOneLineStop(run);
    expect(line).toContain("connection refused");
    expect(line).not.toContain("timeout");
    const junit = readFileSync(join(dir, "contract-junit.xml"), "utf8");
    expect(junit).toMatch(/<testsuites [^>]*failures="1"/);
    expect(junit).toContain("connection refused");
    expect(readFileSync(join(dir, "contract-summary.md"), "utf8")).toContain("could not be checked");
    expect(run.stdout).toContain(join("refused", "contract-junit.xml"));
  }, 90_000);

  it("exits 2 for a bad model flag, naming it", async () => {
    expect(expectOneLineStop(await runCli([...accounts(mock.url), "--model-runs", "many"]))).toContain("--model-runs must be a whole number");
    expect(expectOneLineStop(await runCli([...accounts(mock.url), "--replay", "1:2"]))).toContain("--replay needs the --seed");
  }, 90_000);

  it("exits 2 with a hint for a base URL that ends in /api/v1", async () => {
    const line = expectOneLineStop(await runCli(accounts(`${mock.url}/api/v1`)));
    expect(line).toContain(`use --base-url ${mock.url}`);
  }, 90_000);

  it("exits 2 with one line for a key the server rejects, naming the flag and the status", async () => {
    const line = expectOneLineStop(await runCli(["--base-url", mock.url, "--api-key", "contract-cli-unknown-key", "--account-id", DEMO_A.accountId]));
    expect(line).toMatch(/--api-key.*401/);
  }, 90_000);

  it("exits 2 with one line for a missing flag, and takes today's CONTRACT_* variables instead", async () => {
    expect(expectOneLineStop(await runCli(["--base-url", mock.url, "--api-key", DEMO_A.apiKey]))).toContain("--account-id");
    // The variables reach the preflight: an /api/v1 base URL from the environment gets the same hint.
    const fromEnv = await runCli([], { CONTRACT_BASE_URL: `${mock.url}/api/v1`, CONTRACT_API_KEY: DEMO_A.apiKey, CONTRACT_ACCOUNT_ID: DEMO_A.accountId });
    expect(expectOneLineStop(fromEnv)).toContain(`use --base-url ${mock.url}`);
  }, 90_000);
});
