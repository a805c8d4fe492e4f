// The command line a frontend developer runs: it prints where everything is, and refuses a bad seed
// with a message naming the file and the field.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { packageRoot } from "../../project-paths.js";
import { loadBundledSpec } from "../../spec/load-spec.js";
import { ERROR_MESSAGE_KEYWORD } from "../../spec/schema-validator.js";

function runCli(args: string[], untilOutput?: RegExp): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(packageRoot, "src", "hosts", "node", "cli.ts"), ...args], { cwd: packageRoot });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (untilOutput?.test(stdout)) child.kill("SIGTERM");
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe("the mock's command line", () => {
  it("prints the URL, the docs and spec addresses and the demo accounts with their keys, and stops cleanly on SIGTERM", async () => {
    const { code, stdout } = await runCli(["--port", "0"], /Stop with Ctrl\+C/);
    expect(stdout).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(stdout).toContain("/docs");
    expect(stdout).toContain("/openapi.json");
    expect(stdout).toContain("a0000000-0000-4000-8000-000000000001  x-api-key: demo-key-account-a");
    expect(stdout).toContain("b0000000-0000-4000-8000-000000000002  x-api-key: demo-key-account-b");
    expect(code).toBe(0);
  });

  it("refuses to start with a bad seed file, naming the file, the field and the problem", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cli-seed-"));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, "bad-seed.json");
    writeFileSync(file, JSON.stringify({ accounts: [{ accountId: "a0000000-0000-4000-8000-000000000001", organizationId: "0a000000-0000-4000-8000-000000000001", creatorId: "c0000000-0000-4000-8000-000000000001", apiKeys: ["demo-key-x"], domains: [{ domain: "no_underscores.example" }] }] }));
    const { code, stderr } = await runCli(["--port", "0", "--seed", file]);
    expect(code).toBe(1);
    expect(stderr).toContain(file);
    expect(stderr).toContain("/accounts/0/domains/0/domain");
    const hostname = loadBundledSpec().components?.schemas?.["Hostname"] as Record<string, unknown>;
    expect(stderr).toContain(String(hostname[ERROR_MESSAGE_KEYWORD]));
  });

  it("rejects a bad flag value with a clear message", async () => {
    const { code, stderr } = await runCli(["--port", "eighty"]);
    expect(code).not.toBe(0);
    expect(stderr).toContain("port must be a whole number");
  });
});
