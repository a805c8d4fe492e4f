// @vortex/email-domains-contract-kit as a project gets it (a devDependency): packed from the current sources,
// installed from the tarball in a new project outside the repo with msw beside it, and used the ways the
// README shows: the `email-domains-mock` bin (through npx, and on Node 24), createMockFetch from "/fetch",
// createEmailDomainsHandlers from "/msw" under msw's setupServer, and the `email-domains-contract` bin
// (exit 0, 1 and 2) with nothing from this repo.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_KEY_HEADER } from "../../src/generated/spec-values.js";
import { packageRoot } from "../../src/project-paths.js";
import { createServer } from "node:http";
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { DEMO_A, DEMO_B, domainsPath } from "../../test-support/demo-api.js";
import { createProject, findFiles, freePort, installedPackages, runToEnd, startServer, type StartedServer } from "./consumer-project.js";
import { node24 } from "./node-24.js";
import { entryFiles, packKit, type PackedPackage } from "./pack-package.js";

const root = JSON.parse(readFileSync(join(packageRoot, "package.json"), "utf8")) as {
  name: string;
  bin: Record<string, string>;
  devDependencies: Record<string, string>;
};
const BIN = "email-domains-mock";
const CONTRACT_BIN = "email-domains-contract";
const accountFlags = ["--api-key", DEMO_A.key, "--account-id", DEMO_A.accountId, "--other-api-key", DEMO_B.key, "--other-account-id", DEMO_B.accountId];
const work = mkdtempSync(join(tmpdir(), "email-domains-kit-"));
const app = join(work, "app");
let packed: PackedPackage;
let node24Bin: string;
let viaNpx: StartedServer | undefined;
const binPath = () => join(app, "node_modules", ".bin", BIN);

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
const headers = { ${JSON.stringify(API_KEY_HEADER)}: ${JSON.stringify(DEMO_A.key)}, "content-type": "application/json" };
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
  [packed, node24Bin] = await Promise.all([packKit(work), node24()]);
  const { installMs } = await createProject(app, [packed.tarball, `msw@${root.devDependencies["msw"]}`]);
  writeFileSync(join(app, "check.mjs"), CHECK);
  console.log(`kit package: ${packed.files.length} files, installed with msw in ${installMs} ms`);
}, 300_000);

afterAll(async () => {
  await viaNpx?.stop();
  rmSync(work, { recursive: true, force: true });
});

async function check(node: string, ...args: string[]): Promise<unknown> {
  const result = await runToEnd(node, [join(app, "check.mjs"), ...args], app);
  expect(result).toMatchObject({ code: 0, stderr: "" });
  return JSON.parse(result.stdout);
}

describe(`${root.name} installed from its tarball in a new project`, { timeout: 120_000 }, () => {
  it("ships what its exports and bins name, and the suite's sources, but no unit tests, test helpers, mutants or maps", () => {
    const manifest = JSON.parse(readFileSync(join(app, "node_modules", root.name, "package.json"), "utf8"));

    for (const file of [...entryFiles(manifest), "dist/docs/index.html", "src/seed/demo-seed.json", "vitest.contract.config.ts", "README.md"]) {
      expect(packed.files).toContain(file);
    }
    // TypeScript sources only for the contract suite, which Vitest runs from source (contract-tests/ and what it imports from src/).
    const notForUsers = (f: string) => f.endsWith(".map") || /^src\/.*\.test(-d)?\.ts$/.test(f) || /^(test-support|contract-tests\/(mutants|cli))\//.test(f);
    expect(packed.files.filter(notForUsers)).toEqual([]);
    expect(packed.files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts") && !/^(src|contract-tests)\/|^vitest\.contract\.config\.ts$/.test(f))).toEqual([]);
  });

  it("installs without better-sqlite3 and compiles nothing (Vite's native parts come prebuilt)", () => {
    const installed = installedPackages(app);
    expect(Object.keys(installed).filter((path) => path.endsWith("/better-sqlite3"))).toEqual([]);
    // msw, installed beside the kit here, has the one install script (it refreshes a configured worker file).
    expect(Object.keys(installed).filter((path) => installed[path]!.hasInstallScript && path !== "node_modules/msw")).toEqual([]);
    expect(findFiles(join(app, "node_modules"), /^binding\.gyp$/)).toEqual([]);
  });

  it("`npx email-domains-mock --port P` answers the demo account's calls and serves the reference at /docs", async () => {
    const port = await freePort();
    viaNpx = await startServer("npx", [BIN, "--port", String(port)], app, port);
    console.log(`npx ${BIN}: first answer after ${viaNpx.firstAnswerMs} ms`);

    const listed = await fetch(viaNpx.url + domainsPath(DEMO_A.accountId), { headers: { [API_KEY_HEADER]: DEMO_A.key } });
    const docs = await fetch(viaNpx.url + "/docs");

    expect(listed.status).toBe(200);
    expect(((await listed.json()) as unknown[]).length).toBeGreaterThan(0);
    expect(docs.status).toBe(200);
    expect(docs.headers.get("content-type")).toMatch(/^text\/html/);
    expect(viaNpx.output()).toContain(`listening on ${viaNpx.url}`);
  });

  it("runs the same bin on Node 24", async () => {
    const port = await freePort();
    const server = await startServer(node24Bin, [binPath(), "--port", String(port), "--quiet"], app, port);
    try {
      console.log(`${BIN} on Node 24: first answer after ${server.firstAnswerMs} ms`);
      const listed = await fetch(server.url + domainsPath(DEMO_A.accountId), { headers: { [API_KEY_HEADER]: DEMO_A.key } });
      expect(listed.status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it("stops with one line naming the install command when --state-file is given without better-sqlite3", async () => {
    const result = await runToEnd(process.execPath, [binPath(), "--port", "0", "--state-file", join(work, "state.db")], app);

    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain(`npm install better-sqlite3@${root.devDependencies["better-sqlite3"]}`);
  });

  it("answers the same calls in-process through /fetch and through /msw as the bin over HTTP, on Node 20 and 24", async () => {
    const port = await freePort();
    const server = await startServer(process.execPath, [binPath(), "--port", String(port), "--quiet"], app, port);
    let overHttp: unknown;
    try {
      overHttp = await check(process.execPath, "http", server.url);
    } finally {
      await server.stop();
    }
    expect(overHttp).toMatchObject({
      created: { status: 201, domain: "kit.example.com" },
      after: expect.arrayContaining(["kit.example.com"]),
      bad: { status: 400, statusCode: 400 },
      duplicate: { status: 409 },
    });

    for (const node of [process.execPath, node24Bin]) {
      expect(await check(node, "fetch")).toEqual(overHttp);
      expect(await check(node, "msw")).toEqual(overHttp);
    }
  });

  it("`npx email-domains-contract` passes against the installed mock: exit 0", async () => {
    const port = await freePort();
    const server = await startServer(process.execPath, [binPath(), "--port", String(port), "--quiet"], app, port);
    try {
      const args = [CONTRACT_BIN, "--base-url", server.url, ...accountFlags, "--report-dir", join(work, "reports-pass")];
      const started = performance.now();
      const result = await runToEnd("npx", args, app, 240_000);
      console.log(`npx ${CONTRACT_BIN} against the installed mock: exit ${result.code} after ${Math.round(performance.now() - started)} ms`);
      expect(result.code, result.stdout + result.stderr).toBe(0);
    } finally {
      await server.stop();
    }
  }, 300_000);

  it("`npx email-domains-contract` fails against a server that breaks the contract: exit 1", async () => {
    // Answers every request with 200 and an empty list: it accepts any key (so the suite can run) and
    // breaks nearly every rule.
    const broken = createServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end("[]")).listen(0, "127.0.0.1");
    await once(broken, "listening");
    try {
      const url = `http://127.0.0.1:${(broken.address() as AddressInfo).port}`;
      const result = await runToEnd("npx", [CONTRACT_BIN, "--base-url", url, ...accountFlags, "--report-dir", join(work, "reports-fail")], app, 240_000);
      expect(result.code, result.stdout + result.stderr).toBe(1);
    } finally {
      broken.closeAllConnections();
      await new Promise((resolve) => broken.close(resolve));
    }
  }, 300_000);

  it("`email-domains-contract` cannot run when nothing listens: exit 2 with one line, on Node 20 and 24", async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const contractBin = join(app, "node_modules", ".bin", CONTRACT_BIN);
    for (const node of [process.execPath, node24Bin]) {
      const result = await runToEnd(node, [contractBin, "--base-url", url, ...accountFlags], app, 60_000);
      expect(result.code).toBe(2);
      expect((result.stdout + result.stderr).trim().split("\n")).toHaveLength(1);
      expect(result.stdout + result.stderr).toContain("connection refused");
    }
  });
});
