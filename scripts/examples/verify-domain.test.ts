// Runs examples/verify-domain.ts as a frontend developer would (a separate process, settings from the
// environment) against an in-process mock, and checks both what it printed and what it wrote.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packageRoot } from "../../src/project-paths.js";
import { loadBundledSpec } from "../../src/spec/load-spec.js";
import { ERROR_MESSAGE_KEYWORD } from "../../src/spec/schema-validator.js";
import { startMock, type RunningMock } from "../../src/hosts/node/start-mock.js";
import { call, DEMO_A, domainsPath } from "../../test-support/demo-api.js";
import { freePort } from "../bench/spawn-server.js";

const tsx = join(packageRoot, "node_modules", ".bin", "tsx");
const example = join(packageRoot, "examples", "verify-domain.ts");

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0 });
});
afterAll(() => mock?.close());

async function runExample(domain: string, baseUrl = mock.url): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, EMAIL_DOMAINS_BASE_URL: baseUrl, EMAIL_DOMAINS_POLL_MS: "0" };
  try {
    const { stdout, stderr } = await promisify(execFile)(tsx, [example, domain], { env, timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const failed = err as { code?: number; stdout?: string; stderr?: string };
    if (typeof failed.code !== "number") throw err;
    return { code: failed.code, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

/** A failure is one line on stderr, with no stack trace. */
function expectOneLine(stderr: string): void {
  expect(stderr.trim().split("\n"), stderr).toHaveLength(1);
  expect(stderr).not.toMatch(/^\s+at /m);
}

describe("examples/verify-domain.ts", () => {
  it("lists, creates, checks until verified and reports the 409 of a duplicate", async () => {
    const { code, stdout } = await runExample("news.example-walk.com");

    expect(stdout).toMatch(/^listed: 5 domain\(s\)/m); // account A's demo seed holds five
    expect(stdout).toMatch(/^created: news\.example-walk\.com \(/m);
    expect(stdout).toMatch(/^verified: news\.example-walk\.com after \d+ check\(s\)/m);
    expect(stdout).toMatch(/^conflict: 409 Conflict: .+/m);
    expect(code).toBe(0);

    // The write really happened: the domain is stored, verified, and only once.
    const list = await call(mock.url, "GET", domainsPath(DEMO_A.accountId), { key: DEMO_A.apiKey });
    const mine = (list.body as Array<{ domain: string; isVerified: boolean }>).filter((d) => d.domain === "news.example-walk.com");
    expect(mine).toEqual([expect.objectContaining({ isVerified: true })]);
  });

  it("stops and exits 2 with the provider's error when DKIM fails", async () => {
    const { code, stdout } = await runExample("mail.dkim-fails.example-walk.com");

    expect(stdout).toMatch(/^not verified: token verified, DKIM failed: \[\{.*"message"/m);
    expect(stdout).toMatch(/^conflict: 409 /m);
    expect(code).toBe(2);
  });

  it("run twice with one name, says in one line that the name is taken and exits 1", async () => {
    expect((await runExample("twice.example-walk.com")).code).toBe(0);
    const again = await runExample("twice.example-walk.com");
    expect(again.stderr).toMatch(/^already registered: twice\.example-walk\.com \(409 Conflict: .+\)/m);
    expectOneLine(again.stderr);
    expect(again.code).toBe(1);
  });

  it("shows the server's readable message for a name the spec refuses", async () => {
    const rule = (loadBundledSpec().components?.schemas?.["Hostname"] as Record<string, unknown>)[ERROR_MESSAGE_KEYWORD];
    const { code, stderr } = await runExample("0.0");
    expect(stderr).toContain(`failed: 400 Bad Request: body/domain ${String(rule)}`);
    expectOneLine(stderr);
    expect(code).toBe(1);
  });

  it("says 'connection refused' in one line when nothing listens", async () => {
    const { code, stderr } = await runExample("nobody.example-walk.com", `http://127.0.0.1:${await freePort()}`);
    expect(stderr).toContain("connection refused");
    expectOneLine(stderr);
    expect(code).toBe(1);
  });
});
