// The consumer side of the breaking-change gate, as a consumer gets it: the kit packed ONCE from the current
// sources (once per run, by packed-kit.ts: kit-package installs the same tarball), installed into a copy of
// examples/storefront (the typed client and raw openapi-fetch, errors told apart by status), `npx
// email-domains-usage` run there; then the gate, in-process, on edits of the spec with that manifest. Every
// breaking edit the storefront uses must fail and name each of its uses as file:line; every breaking edit it
// does not use must pass and be listed as unused. The expected uses are named by snippets of the storefront's
// lines (test-support/source-lines.ts), not by what the analysis reports.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packageRoot } from "../../src/project-paths.js";
import type { UsageManifest } from "../../src/usage/usage-manifest.js";
import { lineOf } from "../../test-support/source-lines.js";
import { gateReport } from "../breaking/gate-report.js";
import { renderText } from "../breaking/report.js";
import { bundleSpec, SPEC_ROOT } from "../breaking/spec-sources.js";
import { npmInstall, runToEnd } from "./consumer-project.js";
import type { PackedPackage } from "./pack-package.js";
import { packedKit } from "./packed-kit.js";

// The edits poke at a JSON copy of the spec: typed loosely on purpose.
type Spec = any;

const example = join(packageRoot, "examples", "storefront");
const work = mkdtempSync(join(tmpdir(), "storefront-usage-"));
const project = join(work, "storefront");
const packed: PackedPackage = packedKit();
let manifest: UsageManifest;
let bundled: Spec;
let usageRun: { code: number | null; stdout: string; stderr: string };

beforeAll(async () => {
  const started = performance.now();
  cpSync(example, project, { recursive: true, filter: (src) => !/[\\/](node_modules|email-domains-usage\.json)$/.test(src) });
  const bundleFile = join(work, "bundled.json");
  await bundleSpec(join(packageRoot, SPEC_ROOT), bundleFile, packageRoot);
  bundled = JSON.parse(readFileSync(bundleFile, "utf8"));
  const manifestFile = join(project, "package.json");
  const pkg = JSON.parse(readFileSync(manifestFile, "utf8")) as { dependencies: Record<string, string> };
  pkg.dependencies[packed.name] = `file:${packed.tarball}`;
  writeFileSync(manifestFile, `${JSON.stringify(pkg, null, 2)}\n`);
  await npmInstall(project, []);
  // The consumer's CI command, as docs/breaking-gate.md and the README show it.
  usageRun = await runToEnd("npx", ["email-domains-usage", "--project", "tsconfig.json", "--out", "email-domains-usage.json"], project, 60_000);
  manifest = JSON.parse(readFileSync(join(project, "email-domains-usage.json"), "utf8")) as UsageManifest;
  console.log(`storefront: the run's kit tarball installed and its usage written in ${Math.round(performance.now() - started)} ms`);
}, 400_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

// Addressing the spec copy by what the storefront knows: operationIds, schema and field names.
const operation = (s: Spec, operationId: string): Spec =>
  Object.values<Spec>(s.paths)
    .flatMap((item) => Object.values<Spec>(item))
    .find((op) => op?.operationId === operationId);
const schema = (s: Spec, name: string): Spec => s.components.schemas[name];
const bodySchemaName = (s: Spec, operationId: string): string => operation(s, operationId).requestBody.content["application/json"].schema.$ref.split("/").pop();
const bodySchema = (s: Spec, operationId: string): Spec => schema(s, bodySchemaName(s, operationId));

function removeField(s: Spec, schemaName: string, field: string): Spec {
  const node = schema(s, schemaName);
  const removed = node.properties[field];
  delete node.properties[field];
  node.required = (node.required ?? []).filter((n: string) => n !== field);
  return removed;
}

function renameField(s: Spec, schemaName: string, from: string, to: string): void {
  const node = schema(s, schemaName);
  const wasRequired = (node.required ?? []).includes(from);
  node.properties[to] = removeField(s, schemaName, from);
  if (wasRequired) node.required.push(to);
}

function removeOperation(s: Spec, operationId: string): void {
  for (const item of Object.values<Spec>(s.paths)) for (const [method, op] of Object.entries<Spec>(item)) if (op?.operationId === operationId) delete item[method];
}

/** A component schema renamed, every $ref to it with it: the wire is the same, the generated type's name is not. */
function renameSchema(s: Spec, from: string, to: string): void {
  const renamed = JSON.parse(JSON.stringify(s).replaceAll(`"#/components/schemas/${from}"`, `"#/components/schemas/${to}"`));
  renamed.components.schemas[to] = renamed.components.schemas[from];
  delete renamed.components.schemas[from];
  Object.assign(s, renamed);
}

function addRequiredBodyField(s: Spec, operationId: string): void {
  const body = bodySchema(s, operationId);
  body.properties.purpose = { type: "string" };
  body.required = [...(body.required ?? []), "purpose"];
}

interface Edit {
  name: string;
  edit: (s: Spec) => void;
  /** The storefront's uses it breaks, by file and a snippet of the line; none: the storefront does not use it. */
  uses: [file: string, snippet: string][];
}

const edits: Edit[] = [
  // Used by the storefront: fail, naming each use.
  {
    name: "a response field removed (dkimStatus)",
    edit: (s) => removeField(s, "EmailDomain", "dkimStatus"),
    uses: [
      ["src/settings/status-badge.ts", "domain.dkimStatus"],
      ["src/settings/verify-domain.ts", "const { tokenVerificationStatus"],
    ],
  },
  {
    name: "a response field renamed (verificationToken -> txtToken)",
    edit: (s) => renameField(s, "EmailDomain", "verificationToken", "txtToken"),
    uses: [
      ["src/settings/add-domain.ts", "created.verificationToken"],
      ["src/settings/domain-detail.ts", "domain.verificationToken"],
    ],
  },
  {
    name: "a response field's type changed (dkimAttempts: integer -> string)",
    edit: (s) => (schema(s, "EmailDomain").properties.dkimAttempts.type = "string"),
    uses: [["src/settings/verify-domain.ts", "const { tokenVerificationStatus"]],
  },
  {
    name: "a response field made nullable (isDefault)",
    edit: (s) => (schema(s, "EmailDomain").properties.isDefault.type = ["boolean", "null"]),
    uses: [["src/settings/domain-list.ts", "d.isDefault"]],
  },
  {
    name: "an error body field removed (message)",
    edit: (s) => removeField(s, "Error", "message"),
    uses: [["src/settings/domain-list.ts", "error.message"]],
  },
  {
    name: "a status removed (409 of createEmailDomain)",
    edit: (s) => delete operation(s, "createEmailDomain").responses["409"],
    uses: [["src/settings/add-domain.ts", "err.statusCode === 409"]],
  },
  {
    name: "a status removed (404 of getEmailDomain)",
    edit: (s) => delete operation(s, "getEmailDomain").responses["404"],
    uses: [["src/settings/domain-detail.ts", "response.status === 404"]],
  },
  {
    name: "a required request field added (createEmailDomain)",
    edit: (s) => addRequiredBodyField(s, "createEmailDomain"),
    uses: [["src/settings/add-domain.ts", "domains.create("]],
  },
  {
    name: "a request field renamed (description -> note, createEmailDomain)",
    edit: (s) => renameField(s, bodySchemaName(s, "createEmailDomain"), "description", "note"),
    uses: [["src/settings/add-domain.ts", "domains.create("]],
  },
  {
    name: "a query parameter removed (start of listEmailDomains)",
    edit: (s) => {
      const op = operation(s, "listEmailDomains");
      op.parameters = op.parameters.filter((p: Spec) => (p.$ref ? p.$ref.split("/").pop() : p.name) !== "Start");
    },
    uses: [["src/settings/domain-list.ts", "query: { start }"]],
  },
  {
    name: "a generated type renamed (the create body's schema)",
    edit: (s) => renameSchema(s, bodySchemaName(s, "createEmailDomain"), "NewEmailDomain"),
    uses: [["src/settings/add-domain.ts", "domains.create("]],
  },
  {
    name: "an operation removed (checkEmailDomainDkimStatus)",
    edit: (s) => removeOperation(s, "checkEmailDomainDkimStatus"),
    uses: [["src/settings/verify-domain.ts", "domains.checkEmailDomainDkimStatus("]],
  },
  // Not used by the storefront: pass, listed as unused.
  { name: "a response field removed (dmarcStatus)", edit: (s) => removeField(s, "EmailDomain", "dmarcStatus"), uses: [] },
  { name: "a response field renamed (spfCheckAttempts -> spfAttempts)", edit: (s) => renameField(s, "EmailDomain", "spfCheckAttempts", "spfAttempts"), uses: [] },
  { name: "a response field's type changed (dmarcAttempts: integer -> string)", edit: (s) => (schema(s, "EmailDomain").properties.dmarcAttempts.type = "string"), uses: [] },
  { name: "an enum value added to a response field (DnsCheckStatus: expired)", edit: (s) => schema(s, "DnsCheckStatus").enum.push("expired"), uses: [] },
  { name: "an operation removed (deleteEmailDomain)", edit: (s) => removeOperation(s, "deleteEmailDomain"), uses: [] },
  { name: "a status removed (403 of listEmailDomains)", edit: (s) => delete operation(s, "listEmailDomains").responses["403"], uses: [] },
  { name: "a required request field added (updateEmailDomain)", edit: (s) => addRequiredBodyField(s, "updateEmailDomain"), uses: [] },
  { name: "a generated type renamed (the update body's schema)", edit: (s) => renameSchema(s, bodySchemaName(s, "updateEmailDomain"), "EmailDomainChange"), uses: [] },
];

describe("examples/storefront: its usage, from the packed kit", { timeout: 120_000 }, () => {
  it("`npx email-domains-usage` writes a manifest the kit's JSON Schema accepts, naming the consumer from its package.json", () => {
    expect(usageRun.code, usageRun.stderr).toBe(0);
    expect(usageRun.stdout).toMatch(/email-domains-usage: \d+ call\(s\) of \d+ operation\(s\)/);
    const schemaFile = join(project, "node_modules", packed.name, "src", "usage", "usage-manifest.schema.json");
    const validate = new Ajv2020({ strict: true }).compile(JSON.parse(readFileSync(schemaFile, "utf8")) as object);
    expect(validate(manifest), JSON.stringify(validate.errors)).toBe(true);
    expect(manifest.consumer).toEqual({ name: "storefront", version: "2.3.0" });
    expect(manifest.kit).toEqual({ name: packed.name, version: packed.version, apiVersion: bundled.info.version });
    expect(new Set(manifest.calls.map((c) => c.via))).toEqual(new Set(["typed-client", "openapi-fetch"]));
  });

  it("the storefront compiles against the packed kit (so the uses it records are real ones)", async () => {
    const result = await runToEnd("npx", ["tsc", "--noEmit"], project, 60_000);
    expect(result.code, result.stdout + result.stderr).toBe(0);
  });
});

describe("check:breaking --usage on spec edits, with the storefront's manifest", { timeout: 120_000 }, () => {
  it("has at least 10 edits, breaking ones the storefront uses and ones it does not", () => {
    expect(edits.length).toBeGreaterThanOrEqual(10);
    expect(edits.filter((e) => e.uses.length).length).toBeGreaterThanOrEqual(5);
    expect(edits.filter((e) => !e.uses.length).length).toBeGreaterThanOrEqual(5);
  });

  it.concurrent.for(edits)("$name", async (e) => {
    const dir = join(work, e.name.replace(/[^a-z0-9]+/gi, "-"));
    mkdirSync(dir, { recursive: true });
    const revision = structuredClone(bundled);
    e.edit(revision);
    writeFileSync(join(dir, "base.json"), JSON.stringify(bundled));
    writeFileSync(join(dir, "revision.json"), JSON.stringify(revision));
    const label = (version: string) => ({ label: e.name, version });
    const report = await gateReport({ base: join(dir, "base.json"), revision: join(dir, "revision.json") }, { base: label(bundled.info.version), revision: label(revision.info.version) }, dir, {
      manifests: [manifest],
      strict: false,
    });
    const text = renderText(report);
    const breaking = report.changes.filter((c) => c.breaking);
    expect(breaking.length, `the edit is breaking:\n${text}`).toBeGreaterThan(0);

    const named = new Set(breaking.flatMap((c) => c.uses ?? []).map((u) => `${u.file}:${u.line}`));
    const expected = new Set(e.uses.map(([file, snippet]) => lineOf(project, file, snippet)));
    expect(named, text).toEqual(expected);
    if (e.uses.length) {
      expect(report.verdict.pass, report.verdict.reason).toBe(false);
      // Each use is named in the report a person reads, after the consumer's name and version.
      for (const use of expected) expect(text).toContain(`storefront 2.3.0: ${use} `);
    } else {
      expect(report.verdict.pass, report.verdict.reason).toBe(true);
      expect(text).toContain("Breaking, used by no given consumer (not blocking)");
      expect(text).toContain("breaks: nothing the given consumers use");
    }
  });
});
