// @vortex/email-domains-client as a frontend project gets it: packed from the current sources, installed
// from the tarball in a new project outside the repo, the README's snippet compiled (strict, NodeNext) and
// run against the mock, on Node 20 and on Node 24 (node-24.ts), as ESM and as CommonJS.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packageRoot } from "../../src/project-paths.js";
import { startMock, type RunningMock } from "../../src/hosts/node/start-mock.js";
import { call, DEMO_A, domainsPath } from "../../test-support/demo-api.js";
import { CLIENT_PACKAGE } from "./build-client.js";
import { createProject, findFiles, installedPackages, runToEnd } from "./consumer-project.js";
import { node24 } from "./node-24.js";
import { entryFiles, packClient, tscBin, type PackedPackage } from "./pack-package.js";

const work = mkdtempSync(join(tmpdir(), "email-domains-client-"));
const app = join(work, "app");
const SNIPPET_BASE_URL = "http://127.0.0.1:4010";
let packed: PackedPackage;
let mock: RunningMock;
let node24Bin: string;
let compiled: Promise<Awaited<ReturnType<typeof runToEnd>>> | undefined;

/** The first ```ts block of a README that imports the client package. */
function clientSnippet(readme: string): string {
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const snippet = blocks.find((code) => code.includes(`from "${CLIENT_PACKAGE}"`));
  if (!snippet) throw new Error(`no \`\`\`ts block importing ${CLIENT_PACKAGE}`);
  return snippet;
}
const repoReadme = () => readFileSync(join(packageRoot, "README.md"), "utf8");

beforeAll(async () => {
  [packed, node24Bin] = await Promise.all([packClient(work), node24()]);
  const { installMs } = await createProject(app, [packed.tarball]);
  console.log(`client package: packed and installed (install ${installMs} ms)`);
  mock = await startMock({ port: 0 });
}, 300_000);

afterAll(async () => {
  await mock?.close();
  rmSync(work, { recursive: true, force: true });
});

/** The consumer's sources: the README's snippet aimed at the test's mock, a CommonJS user, and typos that must not compile. */
function compileConsumer() {
  compiled ??= (async () => {
    const snippet = clientSnippet(repoReadme());
    mkdirSync(join(app, "src"), { recursive: true });
    writeFileSync(join(app, "src", "main.ts"), snippet.replaceAll(SNIPPET_BASE_URL, mock.url));
    writeFileSync(
      join(app, "src", "legacy.cts"),
      `import { createEmailDomainsClient, type EmailDomain } from "${CLIENT_PACKAGE}";
const client = createEmailDomainsClient({ baseUrl: ${JSON.stringify(mock.url)}, apiKey: ${JSON.stringify(DEMO_A.apiKey)} });
client.list(${JSON.stringify(DEMO_A.accountId)}).then((page: EmailDomain[]) => console.log(JSON.stringify(page.map((d) => d.domain))));
`,
    );
    writeFileSync(
      join(app, "src", "typos.ts"),
      `import { createEmailDomainsClient, type EmailDomain, type components } from "${CLIENT_PACKAGE}";
const client = createEmailDomainsClient({ baseUrl: "http://x.invalid", apiKey: "k" });
export function neverCalled(d: EmailDomain): components["schemas"]["DkimStatus"] {
  // @ts-expect-error misspelled body field
  void client.create("a", { domian: "x.example.com" });
  // @ts-expect-error misspelled response field
  void d.isVerifed;
  // @ts-expect-error a status the spec does not list
  const status: components["schemas"]["DkimStatus"] = "almost";
  return status;
}
`,
    );
    const tsconfig = {
      compilerOptions: { target: "ES2022", lib: ["ES2022", "DOM"], module: "NodeNext", moduleResolution: "NodeNext", strict: true, noUncheckedIndexedAccess: true, types: [], outDir: "dist", rootDir: "src" },
      include: ["src"],
    };
    writeFileSync(join(app, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
    return runToEnd(tscBin, ["-p", app], app, 60_000);
  })();
  return compiled;
}

describe(`${CLIENT_PACKAGE} installed from its tarball in a new project`, { timeout: 120_000 }, () => {
  it("adds at most 3 packages (itself and openapi-fetch's), none with an install script or native code", () => {
    const installed = installedPackages(app);

    expect(Object.keys(installed)).toContain(`node_modules/${CLIENT_PACKAGE}`);
    expect(Object.keys(installed)).toContain("node_modules/openapi-fetch");
    expect(Object.keys(installed).length).toBeLessThanOrEqual(3);
    expect(Object.entries(installed).filter(([, entry]) => entry.hasInstallScript)).toEqual([]);
    expect(findFiles(join(app, "node_modules"), /\.node$|^binding\.gyp$/)).toEqual([]);
  });

  it("ships what its exports name (ESM, CommonJS, types, the spec) and its README, no TypeScript sources", () => {
    const manifest = JSON.parse(readFileSync(join(app, "node_modules", CLIENT_PACKAGE, "package.json"), "utf8"));
    const root = JSON.parse(readFileSync(join(packageRoot, "package.json"), "utf8"));

    for (const file of [...entryFiles(manifest), "README.md"]) expect(packed.files).toContain(file);
    expect(packed.files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).toEqual([]);
    expect(manifest.dependencies).toEqual({ "openapi-fetch": root.dependencies["openapi-fetch"] });
    expect(manifest.engines).toEqual(root.engines);
  });

  it("carries the same snippet in its own README as the repo's README", () => {
    const own = readFileSync(join(app, "node_modules", CLIENT_PACKAGE, "README.md"), "utf8");
    expect(clientSnippet(own)).toBe(clientSnippet(repoReadme()));
    expect(clientSnippet(own)).toContain(SNIPPET_BASE_URL);
  });

  it("compiles the README's snippet and a CommonJS user with strict NodeNext settings, and rejects typos", async () => {
    const result = await compileConsumer();
    expect(result.stdout + result.stderr).toBe("");
    expect(result.code).toBe(0);
  });

  it("runs the snippet against the mock on Node 20, then on Node 24: lists, creates and checks, then meets the 409", async () => {
    expect((await compileConsumer()).code).toBe(0);
    const listed = await call(mock.url, "GET", domainsPath(DEMO_A.accountId), { key: DEMO_A.apiKey });
    const names = (listed.body as Array<{ domain: string }>).map((d) => d.domain);

    const first = await runToEnd(process.execPath, [join(app, "dist", "main.js")], app);
    const second = await runToEnd(node24Bin, [join(app, "dist", "main.js")], app);

    expect(first).toMatchObject({ code: 0, stderr: "" });
    for (const name of names) expect(first.stdout).toContain(`${name} verified=`);
    expect(first.stdout).not.toContain("Conflict");
    const created = await call(mock.url, "GET", domainsPath(DEMO_A.accountId), { key: DEMO_A.apiKey });
    const domain = (created.body as Array<{ domain: string; dkimAttempts: number }>).find((d) => !names.includes(d.domain));
    expect(domain?.dkimAttempts).toBe(1);
    expect(first.stdout).toContain(domain!.domain);
    expect(second).toMatchObject({ code: 0, stderr: "" });
    expect(second.stdout).toMatch(/^Conflict .+/m);
  });

  it("works through require() too, on Node 20 and on Node 24", async () => {
    expect((await compileConsumer()).code).toBe(0);
    const listed = await call(mock.url, "GET", domainsPath(DEMO_A.accountId), { key: DEMO_A.apiKey });
    const names = (listed.body as Array<{ domain: string }>).map((d) => d.domain);

    for (const node of [process.execPath, node24Bin]) {
      const result = await runToEnd(node, [join(app, "dist", "legacy.cjs")], app);
      expect(result).toMatchObject({ code: 0, stderr: "" });
      expect(JSON.parse(result.stdout)).toEqual(names);
    }
  });

  it("throws one error class with the kit: instanceof holds across the package's ESM and CommonJS builds and the kit's /client", async () => {
    type ClientModule = typeof import("../../src/client/index.js");
    const installed = join(app, "node_modules", CLIENT_PACKAGE);
    const builds: Record<string, ClientModule> = {
      "the package's ESM": (await import(pathToFileURL(join(installed, "esm", "client", "index.js")).href)) as ClientModule,
      "the package's CommonJS": createRequire(import.meta.url)(join(installed, "cjs", "index.js")) as ClientModule,
      "the kit's /client": await import("../../src/client/index.js"),
    };
    const domain = "one-error-class.example.com";
    await call(mock.url, "POST", domainsPath(DEMO_A.accountId), { key: DEMO_A.apiKey, body: { domain } });
    const duplicateError = (build: ClientModule) =>
      build.createEmailDomainsClient({ baseUrl: mock.url, apiKey: DEMO_A.apiKey }).create(DEMO_A.accountId, { domain }).then(
        () => undefined,
        (error: unknown) => error,
      );

    for (const [thrower, build] of Object.entries(builds)) {
      const error = await duplicateError(build);
      expect((error as { statusCode?: number }).statusCode, thrower).toBe(409);
      for (const [catcher, other] of Object.entries(builds)) expect(error instanceof other.EmailDomainsApiError, `${thrower} caught as ${catcher}`).toBe(true);
      expect(error instanceof Error).toBe(true);
    }
    for (const build of Object.values(builds)) expect(new Error("not from the API") instanceof build.EmailDomainsApiError).toBe(false);
  });
});
