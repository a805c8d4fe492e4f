// @vortex/email-domains-contract-kit as a frontend project gets it (a devDependency): packed from the current
// sources, installed from the tarball in a new project outside the repo with msw beside it, and used the
// three ways the README shows: the `email-domains-mock` bin (through npx, and on Node 24), createMockFetch
// from "/fetch", and createEmailDomainsHandlers from "/msw" under msw's setupServer.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_KEY_HEADER } from "../../src/generated/spec-values.js";
import { packageRoot } from "../../src/project-paths.js";
import { DEMO_A, domainsPath } from "../../src/testing/demo-api.js";
import { createProject, findFiles, freePort, installedPackages, runToEnd, startServer, type StartedServer } from "./consumer-project.js";
import { node24 } from "./node-24.js";
import { entryFiles, packKit, type PackedPackage } from "./pack-package.js";

const root = JSON.parse(readFileSync(join(packageRoot, "package.json"), "utf8")) as {
  name: string;
  bin: Record<string, string>;
  devDependencies: Record<string, string>;
};
const BIN = "email-domains-mock";
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
  it("ships what its exports and bin name, built: no TypeScript sources, tests, test helpers or source maps", () => {
    const manifest = JSON.parse(readFileSync(join(app, "node_modules", root.name, "package.json"), "utf8"));

    for (const file of [...entryFiles(manifest), "dist/docs/index.html", "src/seed/demo-seed.json", "README.md"]) expect(packed.files).toContain(file);
    expect(packed.files.filter((f) => (f.endsWith(".ts") && !f.endsWith(".d.ts")) || f.endsWith(".map") || /\.test\.|\/testing\//.test(f))).toEqual([]);
  });

  it("installs without better-sqlite3 and without native code", () => {
    expect(Object.keys(installedPackages(app)).filter((path) => path.endsWith("/better-sqlite3"))).toEqual([]);
    expect(findFiles(join(app, "node_modules"), /\.node$/)).toEqual([]);
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
});
