// @vortex/email-domains-contract-kit as each of its users gets it: packed ONCE from the current sources (once
// per run, by packed-kit.ts: storefront-usage installs the same tarball), then installed from that tarball with
// the README's install lines into three new projects outside the repo (installed side by side), each user
// paying only for what they run:
//   mock       an empty project + the README's mock install (`email-domains-mock`, /fetch): no test framework,
//              bundler, Redis or SQLite; the bin over HTTP (also on Node 24), /fetch in-process, and one line
//              naming the install for --state-file, --redis-url and the contract runner without their packages
//   frontend   a project that already has vitest 4.1.x and msw 2.x + the README's MSW install: no second vite,
//              vitest or msw, at most 15 MB more, and the README's MSW snippet passes under its vitest
//   ci         an empty project + the README's CI install: `npx email-domains-contract` exits 0 against the mock,
//              1 against a broken server, 2 when nothing listens, with a JUnit file in every case
//   workflow   a new folder + examples/contract-ci.yml's steps, their commands as written, the tarball as its
//              release asset: the suite runs and the reports are where its upload step looks
//   agent      an empty project + the README's MCP install: an MCP SDK client drives `email-domains-mcp`
//              in-process and against a running mock
import { createServer } from "node:http";
import { once } from "node:events";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_KEY_HEADER } from "../../src/generated/spec-values.js";
import { packageRoot } from "../../src/project-paths.js";
import { DEMO_A, DEMO_B, domainsPath } from "../../test-support/demo-api.js";
import {
  copiesOf,
  createProject,
  directoryBytes,
  diskBytes,
  findFiles,
  freePort,
  installedPackages,
  npmInstall,
  runToEnd,
  startServer,
  type LockEntry,
  type StartedServer,
} from "./consumer-project.js";
import { node24 } from "./node-24.js";
import { entryFiles, type PackedPackage } from "./pack-package.js";
import { packedKit } from "./packed-kit.js";
import { openMcpSession, type McpSession } from "./mcp-session.js";
import { workflowSteps } from "./workflow-steps.js";

const root = JSON.parse(readFileSync(join(packageRoot, "package.json"), "utf8")) as {
  name: string;
  version: string;
  bin: Record<string, string>;
  devDependencies: Record<string, string>;
};
const readme = readFileSync(join(packageRoot, "README.md"), "utf8");
const BIN = "email-domains-mock";
const CONTRACT_BIN = "email-domains-contract";
const MCP_BIN = "email-domains-mcp";
const MB = 1024 * 1024;
const accountFlags = ["--api-key", DEMO_A.apiKey, "--account-id", DEMO_A.accountId, "--other-api-key", DEMO_B.apiKey, "--other-account-id", DEMO_B.accountId];
const work = mkdtempSync(join(tmpdir(), "email-domains-kit-"));
const projects = { mock: join(work, "mock"), frontend: join(work, "frontend"), ci: join(work, "ci"), agent: join(work, "agent") };
const packed: PackedPackage = packedKit();
let node24Bin: string;
let frontendBefore: { installed: Record<string, LockEntry>; bytes: number };
let viaNpx: StartedServer | undefined;
const binPath = (project: string, bin = BIN) => join(project, "node_modules", ".bin", bin);
/** What none of the mock's users should get: a test framework, a bundler, Redis, SQLite, a DOM. */
const HEAVY = ["vitest", "vite", "rolldown", "esbuild", "lightningcss", "redis", "@redis/client", "better-sqlite3", "jsdom"];

/**
 * The `npm install` line of the README's ```sh block after `<!-- install: NAME -->`, as arguments, with the
 * kit's tarball name replaced by the path of the one packed here.
 */
function readmeInstall(name: string): string[] {
  const at = readme.indexOf(`<!-- install: ${name} -->`);
  const block = at < 0 ? undefined : readme.slice(at).match(/```sh\n([\s\S]*?)```/)?.[1];
  const line = block?.split("\n").find((l) => l.startsWith("npm install "));
  if (!line) throw new Error(`README.md has no \`npm install\` line in a sh block after <!-- install: ${name} -->`);
  const tarballName = `${root.name.replace("@", "").replace("/", "-")}-${root.version}.tgz`;
  return line
    .replace(/#.*$/, "")
    .trim()
    .split(/\s+/)
    .slice(2)
    .map((arg) => (arg.endsWith(tarballName) ? packed.tarball : arg));
}

/** The code block that follows `<!-- example: FILE -->` in the README. */
function readmeExample(file: string): string {
  const at = readme.indexOf(`<!-- example: ${file} -->`);
  const code = at < 0 ? undefined : readme.slice(at).match(/```ts\n([\s\S]*?)```/)?.[1];
  if (!code) throw new Error(`README.md shows no ${file}`);
  return code;
}

/**
 * The same calls through any of the three hosts: list, create, list again (state kept), a body that breaks
 * the schema, a duplicate. Prints what must be equal whichever host answered (no ids, tokens or times).
 */
const CHECK = `
const [mode, url] = process.argv.slice(2);
let call = fetch;
if (mode === "fetch") {
  const { createMockFetch } = await import("${root.name}/fetch");
  call = createMockFetch();
} else if (mode === "msw") {
  const { createEmailDomainsHandlers } = await import("${root.name}/msw");
  const { setupServer } = await import("msw/node");
  setupServer(...createEmailDomainsHandlers().handlers).listen({ onUnhandledRequest: "error" });
  call = (input, init) => fetch(input, init); // the patched global fetch
}
const list = (url ?? "http://email-domains.test") + ${JSON.stringify(domainsPath(DEMO_A.accountId))};
const headers = { ${JSON.stringify(API_KEY_HEADER)}: ${JSON.stringify(DEMO_A.apiKey)}, "content-type": "application/json" };
const names = async () => (await (await call(list, { headers })).json()).map((d) => d.domain);
const post = async (body) => {
  const res = await call(list, { method: "POST", headers, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
};
const before = await names();
const created = await post({ domain: "kit.example.com", description: null });
const after = await names();
const bad = await post({ domain: "not a host name" });
const duplicate = await post({ domain: "kit.example.com" });
console.log(JSON.stringify({
  before, created: { status: created.status, domain: created.body.domain, isVerified: created.body.isVerified }, after,
  bad: { status: bad.status, statusCode: bad.body.statusCode, error: bad.body.error },
  duplicate: { status: duplicate.status, error: duplicate.body.error },
}));
`;

beforeAll(async () => {
  const started = performance.now();
  // The frontend project exists before the kit does: vitest and msw, as a frontend has them.
  const frontendSetup = createProject(projects.frontend, [`vitest@${root.devDependencies["vitest"]}`, `msw@${root.devDependencies["msw"]}`]).then(() => {
    frontendBefore = { installed: installedPackages(projects.frontend), bytes: directoryBytes(join(projects.frontend, "node_modules")) };
  });
  [node24Bin] = await Promise.all([node24(), frontendSetup]);
  await Promise.all([
    createProject(projects.mock, readmeInstall("mock")),
    npmInstall(projects.frontend, readmeInstall("msw")),
    createProject(projects.ci, readmeInstall("ci")),
    createProject(projects.agent, readmeInstall("mcp")),
  ]);
  for (const project of Object.values(projects)) writeFileSync(join(project, "check.mjs"), CHECK);
  console.log(`kit package: ${packed.files.length} files; three projects installed from the run's tarball in ${Math.round(performance.now() - started)} ms`);
}, 400_000);

afterAll(async () => {
  await viaNpx?.stop();
  rmSync(work, { recursive: true, force: true });
}, 120_000);

async function check(project: string, node: string, ...args: string[]): Promise<unknown> {
  const result = await runToEnd(node, [join(project, "check.mjs"), ...args], project);
  expect(result).toMatchObject({ code: 0, stderr: "" });
  return JSON.parse(result.stdout);
}

function expectOneLine(result: { stdout: string; stderr: string }, text: string): void {
  expect(result.stdout).toBe("");
  expect(result.stderr.trim().split("\n"), result.stderr).toHaveLength(1);
  expect(result.stderr).toContain(text);
}

describe(`${root.name}: what the tarball ships`, () => {
  it("ships what its exports and bins name, and the suite's sources, but no unit tests, test helpers, mutants or maps", () => {
    const manifest = JSON.parse(readFileSync(join(projects.mock, "node_modules", root.name, "package.json"), "utf8"));

    for (const file of [...entryFiles(manifest), "dist/docs/index.html", "src/seed/demo-seed.json", "vitest.contract.config.ts", "README.md"]) {
      expect(packed.files).toContain(file);
    }
    // TypeScript sources only for the contract suite, which Vitest runs from source (contract-tests/ and what it imports from src/).
    const notForUsers = (f: string) => f.endsWith(".map") || /^src\/.*\.test(-d)?\.ts$/.test(f) || /^(test-support|contract-tests\/(mutants|cli))\//.test(f);
    expect(packed.files.filter(notForUsers)).toEqual([]);
    expect(packed.files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts") && !/^(src|contract-tests)\/|^vitest\.contract\.config\.ts$/.test(f))).toEqual([]);
  });
});

describe("the mock's user: the README's mock install into an empty project", { timeout: 120_000 }, () => {
  const dir = projects.mock;

  it("brings no test framework, bundler, Redis, SQLite or DOM, and compiles nothing", () => {
    const installed = installedPackages(dir);
    const bytes = directoryBytes(join(dir, "node_modules"));
    const kitDir = join(dir, "node_modules", root.name);
    // Figures for the README: the kit alone (its files; on disk) and the whole install (files; on disk).
    console.log(
      `mock install: ${Object.keys(installed).length} packages, ${(bytes / MB).toFixed(1)} MB of files, ${(diskBytes(join(dir, "node_modules")) / MB).toFixed(1)} MB on disk; ` +
        `the kit itself: ${(packed.unpackedSize / MB).toFixed(1)} MB unpacked, ${(diskBytes(kitDir) / MB).toFixed(1)} MB on disk`,
    );
    expect(HEAVY.flatMap((name) => copiesOf(installed, name))).toEqual([]);
    expect(Object.keys(installed).filter((path) => installed[path]!.hasInstallScript)).toEqual([]);
    expect(findFiles(join(dir, "node_modules"), /^binding\.gyp$/)).toEqual([]);
  });

  it("`npx email-domains-mock --port P` answers the demo account's calls and serves the reference at /docs", async () => {
    const port = await freePort();
    viaNpx = await startServer("npx", [BIN, "--port", String(port)], dir, port);
    const directPort = await freePort();
    const direct = await startServer(process.execPath, [binPath(dir), "--port", String(directPort), "--quiet"], dir, directPort);
    await direct.stop();
    // A figure, not an assertion: the goal is under 1 s; on a loaded machine it moves a lot.
    console.log(`npx ${BIN}: first answer after ${viaNpx.firstAnswerMs} ms (node ${BIN} without npx: ${direct.firstAnswerMs} ms)`);

    const listed = await fetch(viaNpx.url + domainsPath(DEMO_A.accountId), { headers: { [API_KEY_HEADER]: DEMO_A.apiKey } });
    const docs = await fetch(viaNpx.url + "/docs");

    expect(listed.status).toBe(200);
    expect(((await listed.json()) as unknown[]).length).toBeGreaterThan(0);
    expect(docs.status).toBe(200);
    expect(docs.headers.get("content-type")).toMatch(/^text\/html/);
    expect(viaNpx.output()).toContain(`listening on ${viaNpx.url}`);
  });

  it("runs the same bin on Node 24", async () => {
    const port = await freePort();
    const server = await startServer(node24Bin, [binPath(dir), "--port", String(port), "--quiet"], dir, port);
    try {
      console.log(`${BIN} on Node 24: first answer after ${server.firstAnswerMs} ms`);
      const listed = await fetch(server.url + domainsPath(DEMO_A.accountId), { headers: { [API_KEY_HEADER]: DEMO_A.apiKey } });
      expect(listed.status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it("stops with one line naming the install when --state-file or --redis-url is given without its package", async () => {
    const sqlite = await runToEnd(process.execPath, [binPath(dir), "--port", "0", "--state-file", join(work, "state.db")], dir);
    const redis = await runToEnd(process.execPath, [binPath(dir), "--port", "0", "--redis-url", "redis://127.0.0.1:1"], dir);

    expect(sqlite.code).toBe(1);
    expectOneLine(sqlite, `npm install better-sqlite3@${root.devDependencies["better-sqlite3"]}`);
    expect(redis.code).toBe(1);
    expectOneLine(redis, `npm install redis@${root.devDependencies["redis"]}`);
  });

  it("`email-domains-mcp` without its SDK: exit 1 with one line naming the install", async () => {
    const result = await runToEnd(process.execPath, [binPath(dir, MCP_BIN)], dir);
    const sdk = "@modelcontextprotocol/sdk";
    expect(result.code).toBe(1);
    expectOneLine(result, `npm install --save-dev ${sdk}@${root.devDependencies[sdk]} zod@${root.devDependencies["zod"]}`);
  });

  it("`email-domains-contract` without Vitest: exit 2 with one line naming the install, and a JUnit file saying so", async () => {
    const reports = join(work, "reports-no-vitest");
    const result = await runToEnd("npx", [CONTRACT_BIN, "--base-url", "http://127.0.0.1:1", ...accountFlags, "--report-dir", reports], dir, 60_000);
    const install = `npm install --save-dev vitest@${root.devDependencies["vitest"]}`;
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n"), result.stderr).toHaveLength(1);
    expect(result.stderr).toContain(install);
    expect(readFileSync(join(reports, "contract-junit.xml"), "utf8")).toContain(install);
  });

  it("answers the same calls in-process through /fetch as the bin over HTTP, on Node 20 and 24", async () => {
    const port = await freePort();
    const server = await startServer(process.execPath, [binPath(dir), "--port", String(port), "--quiet"], dir, port);
    let overHttp: unknown;
    try {
      overHttp = await check(dir, process.execPath, "http", server.url);
    } finally {
      await server.stop();
    }
    expect(overHttp).toMatchObject({
      created: { status: 201, domain: "kit.example.com" },
      after: expect.arrayContaining(["kit.example.com"]),
      bad: { status: 400, statusCode: 400 },
      duplicate: { status: 409 },
    });
    for (const node of [process.execPath, node24Bin]) expect(await check(dir, node, "fetch")).toEqual(overHttp);
    // ...and through /msw in the frontend project, where msw is.
    for (const node of [process.execPath, node24Bin]) expect(await check(projects.frontend, node, "msw")).toEqual(overHttp);
  });
});

describe("a frontend that has vitest 4.1 and msw 2: the README's MSW install", { timeout: 120_000 }, () => {
  const dir = projects.frontend;

  it("gains no second copy of vite, vitest, rolldown or msw, no Redis or SQLite, and at most 15 MB", () => {
    const installed = installedPackages(dir);
    const added = Object.keys(installed).filter((path) => !(path in frontendBefore.installed));
    const gained = directoryBytes(join(dir, "node_modules")) - frontendBefore.bytes;
    console.log(`MSW install into a project with vitest and msw: +${added.length} packages, +${(gained / MB).toFixed(1)} MB`);
    for (const name of ["vite", "vitest", "rolldown", "msw"]) expect(copiesOf(installed, name), name).toEqual(copiesOf(frontendBefore.installed, name));
    for (const name of ["redis", "@redis/client", "better-sqlite3", "jsdom"]) expect(copiesOf(installed, name), name).toEqual([]);
    expect(gained).toBeLessThanOrEqual(15 * MB);
  });

  it("runs the README's MSW snippet with the project's own vitest, in its default environment (no jsdom installed)", async () => {
    mkdirSync(join(dir, "test"), { recursive: true });
    writeFileSync(join(dir, "test", "email-domains.test.ts"), readmeExample("examples/msw-vitest.test.ts"));
    const result = await runToEnd(binPath(dir, "vitest"), ["run", "--root", dir], dir, 120_000);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout.replace(/\u001b\[[0-9;]*m/g, "")).toMatch(/Tests\s+3 passed \(3\)/);
  });
});

describe("CI: the README's CI install into an empty project, then `npx email-domains-contract`", { timeout: 300_000 }, () => {
  const dir = projects.ci;
  const junitOf = (reports: string) => join(reports, "contract-junit.xml");

  it("brings Vitest once, and no Redis, SQLite or DOM", () => {
    const installed = installedPackages(dir);
    console.log(`CI install: ${Object.keys(installed).length} packages, ${(directoryBytes(join(dir, "node_modules")) / MB).toFixed(1)} MB`);
    for (const name of ["vite", "vitest"]) expect(copiesOf(installed, name), name).toHaveLength(1);
    for (const name of ["redis", "@redis/client", "better-sqlite3", "jsdom", "msw"]) expect(copiesOf(installed, name), name).toEqual([]);
  });

  it("exit 0 against the mock, with a JUnit file", async () => {
    const port = await freePort();
    const server = await startServer(process.execPath, [binPath(dir), "--port", String(port), "--quiet"], dir, port);
    const reports = join(work, "reports-pass");
    try {
      const started = performance.now();
      const result = await runToEnd("npx", [CONTRACT_BIN, "--base-url", server.url, ...accountFlags, "--report-dir", reports], dir, 240_000);
      console.log(`npx ${CONTRACT_BIN} against the installed mock: exit ${result.code} after ${Math.round(performance.now() - started)} ms`);
      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(readFileSync(junitOf(reports), "utf8")).toMatch(/<testsuites[^>]* failures="0"/);
    } finally {
      await server.stop();
    }
  });

  it("exit 1 against a server that breaks the contract, with a JUnit file naming failures", async () => {
    // Answers every request with 200 and an empty list: it accepts any key (so the suite can run) and
    // breaks nearly every rule.
    const broken = createServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end("[]")).listen(0, "127.0.0.1");
    await once(broken, "listening");
    const reports = join(work, "reports-fail");
    try {
      const url = `http://127.0.0.1:${(broken.address() as AddressInfo).port}`;
      const result = await runToEnd("npx", [CONTRACT_BIN, "--base-url", url, ...accountFlags, "--report-dir", reports], dir, 240_000);
      expect(result.code, result.stdout + result.stderr).toBe(1);
      expect(readFileSync(junitOf(reports), "utf8")).toMatch(/<testsuites[^>]* failures="[1-9]\d*"/);
    } finally {
      broken.closeAllConnections();
      await new Promise((resolve) => broken.close(resolve));
    }
  });

  it("exit 2 with one line when nothing listens, on Node 20 and 24", async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    for (const node of [process.execPath, node24Bin]) {
      const reports = join(work, `reports-down-${node === node24Bin ? 24 : 20}`);
      const result = await runToEnd(node, [binPath(dir, CONTRACT_BIN), "--base-url", url, ...accountFlags, "--report-dir", reports], dir, 60_000);
      expect(result.code).toBe(2);
      expect(result.stderr.trim().split("\n"), result.stderr).toHaveLength(1);
      expect(result.stderr).toContain("connection refused");
      // One failing case that names the reason, for CI's test-report step.
      expect(readFileSync(junitOf(reports), "utf8")).toMatch(/<testsuites[^>]* failures="1"[\s\S]*<failure [^>]*connection refused/);
    }
  });
});

describe("CI: examples/contract-ci.yml, each step's command as written, in a new folder", { timeout: 300_000 }, () => {
  it("installs the kit from its tarball (the registry does not have it) and runs the suite: exit 0 against the mock, the reports where the upload step looks", async () => {
    const dir = join(work, "workflow");
    mkdirSync(dir, { recursive: true });
    const port = await freePort();
    const server = await startServer(process.execPath, [binPath(projects.ci), "--port", String(port), "--quiet"], projects.ci, port);
    try {
      const steps = workflowSteps(join(packageRoot, "examples", "contract-ci.yml"), "contract", {
        CONTRACT_KIT_TARBALL: packed.tarball,
        CONTRACT_BASE_URL: server.url,
        CONTRACT_API_KEY: DEMO_A.apiKey,
        CONTRACT_ACCOUNT_ID: DEMO_A.accountId,
        CONTRACT_OTHER_API_KEY: DEMO_B.apiKey,
        CONTRACT_OTHER_ACCOUNT_ID: DEMO_B.accountId,
      });
      // A runner's environment: none of this process's suite variables, only what each step's env gives.
      const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("CONTRACT_") && !k.startsWith("GITHUB_")));
      for (const step of steps.filter((s) => s.run !== undefined)) {
        const result = await runToEnd("sh", ["-e", "-c", step.run!], dir, 240_000, { ...clean, ...step.env });
        expect(result.code, `${step.name}:\n${result.stdout.slice(-2000)}${result.stderr.slice(-2000)}`).toBe(0);
      }
      const installed = JSON.parse(readFileSync(join(dir, "node_modules", ...root.name.split("/"), "package.json"), "utf8")) as { version: string };
      expect(installed.version).toBe(root.version);
      const upload = steps.find((s) => s.uses?.startsWith("actions/upload-artifact"));
      expect(upload?.with["path"]).toBeDefined();
      for (const f of ["contract-junit.xml", "contract-ctrf.json", "contract-summary.md", "contract-results.json"]) expect(existsSync(join(dir, upload!.with["path"]!, f)), f).toBe(true);
    } finally {
      await server.stop();
    }
  });
});

describe("an assistant: the README's MCP install, then an MCP SDK client drives `email-domains-mcp` over stdio", { timeout: 120_000 }, () => {
  const dir = projects.agent;
  const open = (args: string[] = [], env: Record<string, string> = {}) => openMcpSession(process.execPath, [binPath(dir, MCP_BIN), ...args], { cwd: dir, env });
  const accountId = DEMO_A.accountId;

  /** create -> list -> a duplicate's 409 -> a bad body's 400 -> two checks -> delete -> 404, all through call_operation. */
  async function lifeOfADomain(session: McpSession): Promise<void> {
    const domain = `mcp-${Date.now()}.example.com`;
    const created = await session.call({ operationId: "createEmailDomain", path: { accountId }, body: { domain, description: "From an assistant" } });
    expect(created).toMatchObject({ status: 201, body: { domain, tokenVerificationStatus: "waiting_for_provider", isVerified: false } });
    const id = (created.body as { id: string }).id;

    const listed = await session.call({ operationId: "listEmailDomains", path: { accountId } });
    expect(listed.status).toBe(200);
    expect((listed.body as Array<{ domain: string }>).map((d) => d.domain)).toContain(domain);

    const duplicate = await session.call({ operationId: "createEmailDomain", path: { accountId }, body: { domain: domain.toUpperCase() } });
    expect(duplicate).toMatchObject({ status: 409, body: { statusCode: 409 } });

    const bad = await session.call({ operationId: "createEmailDomain", path: { accountId }, body: { domain: "not a host name", name: "x" } });
    expect(bad).toMatchObject({ status: 400, body: { statusCode: 400, error: "Bad Request" } });
    expect((bad.body as { message: string[] }).message.join(" ")).toMatch(/body\/domain.*additional property "name"|additional property "name".*body\/domain/);

    const first = await session.call({ operationId: "checkEmailDomainDkimStatus", path: { accountId, id } });
    const second = await session.call({ operationId: "checkEmailDomainDkimStatus", path: { accountId, id } });
    expect(first).toMatchObject({ status: 200, body: { dkimAttempts: 1, isVerified: false } });
    expect(second).toMatchObject({ status: 200, body: { dkimAttempts: 2, dkimStatus: "verified", isVerified: true } });

    expect(await session.call({ operationId: "deleteEmailDomain", path: { accountId, id } })).toMatchObject({ status: 204, body: null });
    expect(await session.call({ operationId: "getEmailDomain", path: { accountId, id } })).toMatchObject({ status: 404, body: { statusCode: 404 } });

    // Every answer was one the spec documents, and the key never appeared in a result.
    expect(session.transcript()).not.toContain("contractViolations");
    expect(session.transcript()).not.toContain(DEMO_A.apiKey);
  }

  it("lists three tools in a few kB; search ranks the best match first; describe reads the spec; an unknown operation is a tool error naming them", async () => {
    const session = await open();
    try {
      expect(session.toolNames.sort()).toEqual(["call_operation", "describe_operation", "search_operations"]);
      console.log(`${MCP_BIN}: tool list ${session.toolListBytes} bytes`);
      expect(session.toolListBytes).toBeLessThan(4 * 1024);

      const found = await session.tool("search_operations", { query: "check dkim" });
      expect((found.structured?.["operations"] as Array<{ operationId: string }>)[0]?.operationId).toBe("checkEmailDomainDkimStatus");

      const spec = JSON.parse(readFileSync(join(dir, "node_modules", root.name, "dist", "openapi.json"), "utf8"));
      const post = spec.paths["/api/v1/accounts/{accountId}/email-domains"].post;
      const described = (await session.tool("describe_operation", { operationId: "createEmailDomain" })).structured!;
      expect(described).toMatchObject({ method: "POST", summary: post.summary, example: { call: { operationId: "createEmailDomain", path: { accountId } } } });
      expect((described["responses"] as Array<{ status: string }>).map((r) => r.status)).toEqual(Object.keys(post.responses));

      const unknown = await session.tool("call_operation", { operationId: "createDomain", path: { accountId }, body: {} });
      expect(unknown.isError).toBe(true);
      for (const operationId of ["listEmailDomains", "createEmailDomain", "deleteEmailDomain", "checkEmailDomainDkimStatus"]) expect(unknown.text).toContain(operationId);
    } finally {
      await session.close();
    }
  });

  it("in-process (the demo seed, state kept for the session): a domain's whole life through call_operation", async () => {
    const session = await open();
    try {
      await lifeOfADomain(session);
    } finally {
      await session.close();
    }
  });

  it("against a running mock (--base-url, the key from EMAIL_DOMAINS_API_KEY): the same life, and the mock kept it", async () => {
    const port = await freePort();
    const server = await startServer(process.execPath, [binPath(dir), "--port", String(port), "--quiet"], dir, port);
    const session = await open(["--base-url", server.url], { EMAIL_DOMAINS_API_KEY: DEMO_A.apiKey });
    try {
      await lifeOfADomain(session);
      const created = await session.call({ operationId: "createEmailDomain", path: { accountId }, body: { domain: "kept-by-the-mock.example.com" } });
      const direct = await fetch(server.url + domainsPath(accountId), { headers: { [API_KEY_HEADER]: DEMO_A.apiKey } });
      expect(created.status).toBe(201);
      expect(((await direct.json()) as Array<{ domain: string }>).map((d) => d.domain)).toContain("kept-by-the-mock.example.com");
    } finally {
      await session.close();
      await server.stop();
    }
  });

  it("says in the result when a server's answer breaks the contract", async () => {
    // A 200 list whose items lack every required field.
    const broken = createServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end('[{"domain":"x"}]')).listen(0, "127.0.0.1");
    await once(broken, "listening");
    const session = await open(["--base-url", `http://127.0.0.1:${(broken.address() as AddressInfo).port}`, "--api-key", DEMO_A.apiKey]);
    try {
      const listed = await session.call({ operationId: "listEmailDomains", path: { accountId } });
      expect(listed.status).toBe(200);
      expect(listed.contractViolations?.join(" ")).toMatch(/body\/0 must have required property "id"/);
    } finally {
      await session.close();
      broken.closeAllConnections();
      await new Promise((resolve) => broken.close(resolve));
    }
  });
});
