// The command itself: exit 2 with one line when it cannot compare, and the reports it writes. (Which
// edits break is proven in breaking-gate.test.ts; here the working spec is whatever openapi/ holds.)
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packageRoot } from "../../src/project-paths.js";

const run = promisify(execFile);
const SCRIPT = join(packageRoot, "scripts", "breaking", "check-breaking.ts");

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

async function checkBreaking(args: string[], env: Record<string, string> = {}): Promise<Result> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", SCRIPT, ...args], {
      cwd: packageRoot,
      env: { ...process.env, GITHUB_STEP_SUMMARY: "", ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "check-breaking-test-"));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe("npm run check:breaking", { timeout: 60_000 }, () => {
  it.concurrent("exits 2 with one line naming the ref when --base names no commit", async () => {
    const r = await checkBreaking(["--base", "no-such-branch-for-the-gate"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^check:breaking cannot run: --base no-such-branch-for-the-gate: /);
  });

  it.concurrent("exits 2 with one line when there is no release to compare with", async () => {
    const empty = join(work, "no-releases");
    const r = await checkBreaking(["--releases-dir", empty]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("no release in");
  });

  it.concurrent("writes the Markdown and JSON reports and appends the Markdown to $GITHUB_STEP_SUMMARY", async () => {
    const reports = join(work, "reports");
    const summary = join(work, "summary.md");
    await writeFile(summary, "earlier step\n");
    const r = await checkBreaking(["--reports-dir", reports], { GITHUB_STEP_SUMMARY: summary });
    const json = JSON.parse(await readFile(join(reports, "breaking-changes.json"), "utf8"));
    const markdown = await readFile(join(reports, "breaking-changes.md"), "utf8");
    // The exit code is the verdict the report states, whatever openapi/ holds right now.
    expect(r.code, r.stderr).toBe(json.verdict.pass ? 0 : 1);
    expect(r.stdout).toContain(json.verdict.reason);
    expect(markdown).toContain(json.base.label);
    expect(await readFile(summary, "utf8")).toBe(`earlier step\n${markdown}\n`);
  });
});
