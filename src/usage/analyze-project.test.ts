// email-domains-usage's analysis, in-process on the repo's sources: the example storefront (examples/storefront,
// with the kit mapped to src/ as an installed kit would be) and a consumer whose results escape. What each call
// must record is named by snippets of the source lines (test-support/source-lines.ts), not by the analysis.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import * as ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { manifestValidator } from "../../scripts/breaking/usage-manifests.js";
import { lineOf } from "../../test-support/source-lines.js";
import { createEmailDomainsClient } from "../client/index.js";
import { OPERATION_ROUTES } from "../generated/spec-values.js";
import { packageRoot } from "../project-paths.js";
import { analyzeProject, openProject } from "./analyze-project.js";
import { CLIENT_PACKAGE_NAME } from "./kit-files.js";
import type { CallUsage, UsageManifest } from "./usage-manifest.js";

const run = promisify(execFile);
const KIT = JSON.parse(readFileSync(join(packageRoot, "package.json"), "utf8")) as { name: string; version: string };
const kitPackages = new Set([KIT.name, CLIENT_PACKAGE_NAME]);
const work = mkdtempSync(join(tmpdir(), "usage-analysis-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const storefront = join(packageRoot, "examples", "storefront");
const escapes = join(packageRoot, "test-support", "usage-fixtures", "escapes");
const jsx = join(packageRoot, "test-support", "usage-fixtures", "jsx-props");
const patterns = join(packageRoot, "test-support", "usage-fixtures", "patterns");

/** The fixture's program, checked to compile: a use recorded in code that does not compile proves nothing. */
function fixture(dir: string): CallUsage[] {
  const project = openProject(ts, join(dir, "tsconfig.json"), dir, kitPackages);
  const problems = ts.getPreEmitDiagnostics(project.code.program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, " "));
  expect(problems).toEqual([]);
  return analyzeProject(project);
}

/** The storefront's own tsconfig, with the kit's import mapped to the sources (the repo has no installed kit). */
function storefrontCalls(): CallUsage[] {
  const config = join(work, "storefront-tsconfig.json");
  writeFileSync(
    config,
    JSON.stringify({
      extends: join(storefront, "tsconfig.json"),
      compilerOptions: { paths: { [`${KIT.name}/client`]: [join(packageRoot, "src", "client", "index.ts")] } },
    }),
  );
  return analyzeProject(openProject(ts, config, storefront, kitPackages));
}

const at = (root: string, file: string, snippet: string) => lineOf(root, file, snippet);
const where = (u: { file: string; line: number }) => `${u.file}:${u.line}`;
const sf = (file: string, snippet: string) => at(storefront, file, snippet);

describe("email-domains-usage on the example storefront", () => {
  const calls = storefrontCalls();
  const call = (operationId: string, via: CallUsage["via"]) => {
    const found = calls.filter((c) => c.operationId === operationId && c.via === via);
    expect(found, `${operationId} via ${via}`).toHaveLength(1);
    return found[0]!;
  };
  const reads = (c: CallUsage) => c.reads.map((r) => `${r.of} ${r.field}${r.every ? " (every)" : ""} ${where(r)}`).sort();

  it("finds every call: typed client by short name and by operationId, and openapi-fetch with a literal path", () => {
    expect(calls.map((c) => `${c.operationId} ${c.via} ${where(c)}`).sort()).toEqual(
      [
        `listEmailDomains typed-client ${sf("src/settings/domain-list.ts", "domains.list(")}`,
        `listEmailDomains openapi-fetch ${sf("src/settings/domain-list.ts", "http.GET(")}`,
        `createEmailDomain typed-client ${sf("src/settings/add-domain.ts", "domains.create(")}`,
        `getEmailDomain openapi-fetch ${sf("src/settings/domain-detail.ts", "http.GET(")}`,
        `checkEmailDomainDkimStatus typed-client ${sf("src/settings/verify-domain.ts", "domains.checkEmailDomainDkimStatus(")}`,
      ].sort(),
    );
  });

  it("follows results into helpers, callbacks, destructuring and returned values, and records each read with its line", () => {
    expect(reads(call("listEmailDomains", "typed-client"))).toEqual(
      [
        `data domain ${sf("src/settings/domain-list.ts", "<td>${d.domain}")}`,
        `data isDefault ${sf("src/settings/domain-list.ts", "d.isDefault")}`,
        `data domain ${sf("src/settings/domain-list.ts", "defaultDomain?.domain")}`,
        `data isVerified ${sf("src/settings/status-badge.ts", "domain.isVerified")}`,
        `data dkimStatus ${sf("src/settings/status-badge.ts", "domain.dkimStatus")}`,
        `data dkimError ${sf("src/settings/status-badge.ts", "domain.dkimError")}`,
      ].sort(),
    );
    // Destructured from the value a helper of the project returns.
    const line = sf("src/settings/verify-domain.ts", "const { tokenVerificationStatus");
    expect(reads(call("checkEmailDomainDkimStatus", "typed-client"))).toEqual([`data dkimAttempts ${line}`, `data dkimStatus ${line}`, `data tokenVerificationStatus ${line}`]);
  });

  it("reads openapi-fetch's data and error, and counts a value handed to library code as reading every field under it", () => {
    expect(reads(call("listEmailDomains", "openapi-fetch"))).toEqual(
      [
        `error message ${sf("src/settings/domain-list.ts", "error.message")}`,
        `data domain ${sf("src/settings/domain-list.ts", "({ domain, createdAt })")}`,
        `data createdAt ${sf("src/settings/domain-list.ts", "({ domain, createdAt })")}`,
      ].sort(),
    );
    const detail = call("getEmailDomain", "openapi-fetch");
    const tokens = sf("src/settings/domain-detail.ts", "Object.entries(domain.dkimTokens");
    expect(reads(detail)).toEqual(
      [
        `data dkimTokens ${tokens}`,
        `data dkimTokens (every) ${tokens}`,
        `data domain ${sf("src/settings/domain-detail.ts", "<h1>")}`,
        `data verificationToken ${sf("src/settings/domain-detail.ts", "<h1>")}`,
      ].sort(),
    );
  });

  it("records the request properties sent (body, query) and the statuses told apart (statusCode, response.status, switch)", () => {
    const create = call("createEmailDomain", "typed-client");
    const body = sf("src/settings/add-domain.ts", "domains.create(");
    expect(create.sends.map((s) => `${s.in} ${s.field} ${where(s)}`).sort()).toEqual([`body description ${body}`, `body domain ${body}`]);
    expect(create.statuses.map((s) => `${s.status} ${where(s)}`)).toEqual([
      `409 ${sf("src/settings/add-domain.ts", "err.statusCode === 409")}`,
      `400 ${sf("src/settings/add-domain.ts", "err.statusCode === 400")}`,
    ]);
    expect(call("listEmailDomains", "openapi-fetch").sends.map((s) => `${s.in} ${s.field} ${where(s)}`)).toEqual([`query start ${sf("src/settings/domain-list.ts", "query: { start }")}`]);
    expect(call("getEmailDomain", "openapi-fetch").statuses.map((s) => `${s.status} ${where(s)}`)).toEqual([`404 ${sf("src/settings/domain-detail.ts", "response.status === 404")}`]);
    expect(call("checkEmailDomainDkimStatus", "typed-client").statuses.map((s) => `${s.status} ${where(s)}`)).toEqual([
      `404 ${sf("src/settings/verify-domain.ts", "case 404")}`,
      `503 ${sf("src/settings/verify-domain.ts", "case 503")}`,
    ]);
  });

  it("writes a manifest that its JSON Schema accepts, and the schema refuses one without the consumer", () => {
    const manifest: UsageManifest = { manifestVersion: 1, consumer: { name: "storefront", version: "2.3.0" }, kit: { name: KIT.name, version: KIT.version, apiVersion: "1.0.0" }, calls };
    const problem = manifestValidator();
    expect(problem(JSON.parse(JSON.stringify(manifest)))).toBeUndefined();
    const { consumer: _, ...anonymous } = manifest;
    expect(problem(anonymous)).toMatch(/consumer/);
  });
});

describe("email-domains-usage on a consumer whose results escape", () => {
  const calls = fixture(escapes);
  const file = "src/domain-card.ts";

  it("counts a result spread into a component's props as reading every field, at the spread", () => {
    const get = calls.find((c) => c.operationId === "getEmailDomain" && where(c) === at(escapes, file, "await client.get("))!;
    expect(get.reads).toContainEqual({ of: "data", field: "", every: true, how: "spread", ...place(at(escapes, file, "...domain")) });
  });

  it("counts a result returned by a function nothing in the project calls (an entry point) as reading every field, at the return", () => {
    const returned = calls.find((c) => c.operationId === "getEmailDomain" && where(c) === at(escapes, file, "return client.get("))!;
    expect(returned.reads).toEqual([{ of: "data", field: "", every: true, how: "returned by `loadDomain` that nothing in the project calls", ...place(at(escapes, file, "return client.get(")) }]);
  });

  it("counts a serialised result as reading every field, at JSON.stringify", () => {
    const list = calls.find((c) => c.operationId === "listEmailDomains")!;
    expect(list.reads).toEqual([{ of: "data", field: "", every: true, how: "passed to JSON.stringify", ...place(at(escapes, file, "JSON.stringify(page)")) }]);
  });
});

describe("email-domains-usage on a consumer that renders with JSX components", () => {
  const [page] = fixture(jsx);
  const file = "src/domain-page.tsx";
  const line = (snippet: string) => place(at(jsx, file, snippet));

  it("follows a result into components' props (destructured, and as props.x), and a spread into props is every field", () => {
    expect(page?.operationId).toBe("getEmailDomain");
    expect(page!.reads).toEqual(
      [
        { of: "data", field: "domain", ...line("<td>{domain.domain}") },
        { of: "data", field: "dkimStatus", ...line("<td>{domain.domain}") },
        { of: "data", field: "description", ...line("props.domain.description") },
        { of: "data", field: "", every: true, how: "spread", ...line("<DomainCard {...domain}") },
      ].sort((a, b) => a.line - b.line),
    );
  });
});

describe("email-domains-usage on common shapes of frontend code", () => {
  const calls = fixture(patterns);
  const file = "src/loaders.ts";
  const l = (snippet: string) => at(patterns, file, snippet);
  /** Everything recorded for the call on the line of `snippet`, as `kind detail file:line`. */
  const recorded = (snippet: string) => {
    const call = calls.find((c) => where(c) === l(snippet));
    expect(call, snippet).toBeDefined();
    return [
      ...call!.sends.map((u) => `sends ${u.in} ${u.field}${u.every ? " (every)" : ""} ${where(u)}`),
      ...call!.statuses.map((u) => `status ${u.status} ${where(u)}`),
      ...call!.reads.map((u) => `reads ${u.of} ${u.field}${u.every ? " (every)" : ""} ${where(u)}`),
    ].sort();
  };

  it.for([
    { shape: "Promise.all, each result to its place in the tuple (list)", call: "Promise.all([domains.list", expected: [] as string[], operationId: "listEmailDomains" },
    { shape: "Promise.all, each result to its place in the tuple (get)", call: "Promise.all([domains.list", expected: [`reads data spfCheckStatus ${l("current.spfCheckStatus")}`], operationId: "getEmailDomain" },
  ])("$shape", ({ call, expected, operationId }) => {
    const found = calls.filter((c) => where(c) === l(call) && c.operationId === operationId);
    expect(found).toHaveLength(1);
    expect(found[0]!.reads.map((u) => `reads ${u.of} ${u.field} ${where(u)}`)).toEqual(expected);
  });

  it.for([
    { shape: ".then(): what its callback returns is followed on", call: "domains.list(accountId).then", expected: [`reads data dmarcStatus ${l("d.dmarcStatus")}`, `reads data isVerified ${l("d.isVerified")}`] },
    { shape: ".catch(): the status it tells apart, and the value it gives on", call: "domains.get(accountId, id).catch", expected: [`reads data creatorId ${l("found?.creatorId")}`, `status 403 ${l("err.statusCode === 403")}`] },
    { shape: "catch (e: any), statuses in [...].includes()", call: "domains.remove(", expected: [`status 404 ${l("[404, 410].includes")}`, `status 410 ${l("[404, 410].includes")}`] },
    {
      shape: "openapi-fetch: a body const sent by shorthand, the error body's statusCode, data",
      call: "http.POST(",
      expected: [`reads data tokenVerificationStatus ${l("result.data.tokenVerificationStatus")}`, `reads error statusCode ${l("result.error.statusCode")}`, `sends body domain ${l("const body = { domain: name }")}`, `status 409 ${l("result.error.statusCode === 409")}`],
    },
    { shape: "a body the caller builds: every property sent", call: "domains.create(accountId, form)", expected: [`reads data isDefault ${l("domains.create(accountId, form)")}`, `sends body  (every) ${l("domains.create(accountId, form)")}`] },
  ])("$shape", ({ call, expected }) => {
    expect(recorded(call)).toEqual([...expected].sort());
  });
});

function place(fileLine: string): { file: string; line: number } {
  const [file, line] = fileLine.split(":");
  return { file: file!, line: Number(line) };
}

describe("the typed client's short methods", () => {
  it("each carry an @operationId naming the operation whose request it sends", async () => {
    const source = ts.createSourceFile("client.ts", readFileSync(join(packageRoot, "src", "client", "create-email-domains-client.ts"), "utf8"), ts.ScriptTarget.Latest, true);
    const client = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === "EmailDomainsClient")!;
    const methods = client.members.filter(ts.isMethodSignature);
    expect(methods.length).toBeGreaterThan(0);
    const account = "a0000000-0000-4000-8000-000000000001";
    const id = "d0000000-0000-4000-8000-00000000a001";
    for (const method of methods) {
      const tag = ts.getJSDocTags(method).find((t) => t.tagName.text === "operationId")?.comment;
      expect(typeof tag, `${method.name.getText()} has an @operationId`).toBe("string");
      const route = OPERATION_ROUTES[tag as keyof typeof OPERATION_ROUTES];
      expect(route, `${method.name.getText()}: ${String(tag)} is an operation`).toBeDefined();
      const sent: string[] = [];
      const api = createEmailDomainsClient({ baseUrl: "http://api.test", apiKey: "k", fetch: async (request) => (sent.push(`${(request as Request).method} ${new URL((request as Request).url).pathname}`), new Response(null, { status: 503 })) });
      const args = method.parameters.map((p) => ({ accountId: account, id, query: {}, body: {} })[p.name.getText() as "id"]);
      await (api as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[method.name.getText()]!(...args).catch(() => undefined);
      expect(sent).toEqual([`${route.method.toUpperCase()} ${route.path.replace("{accountId}", account).replace("{id}", id)}`]);
    }
  });
});

describe("the email-domains-usage command", () => {
  it("stops with one line naming the install when the project has no typescript", async () => {
    const project = join(work, "no-typescript");
    mkdirSync(join(project, "src"), { recursive: true });
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "bare", version: "1.0.0" }));
    writeFileSync(join(project, "tsconfig.json"), JSON.stringify({ include: ["src"] }));
    writeFileSync(join(project, "src", "index.ts"), "export {};\n");
    // Run from the repo (where tsx is); the project, and so the typescript it lacks, is the one --project names.
    const cli = [join(packageRoot, "src", "usage", "cli.ts"), "--project", join(project, "tsconfig.json"), "--out", join(project, "usage.json")];
    const result = await run(process.execPath, ["--import", "tsx", ...cli], { cwd: packageRoot }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain("npm install --save-dev typescript@");
  });
});
