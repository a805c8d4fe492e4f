// check:breaking --usage: a consumer whose results escape (spread into a component's props, JSON.stringify)
// is broken by the removal of a field it never names; --strict blocks an unused breaking change; the command
// reads manifests given on its line and stops with one line on a file that is not one. (The example
// storefront's edit table, from the packed kit, is scripts/package/storefront-usage.test.ts.)
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import * as ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packageRoot } from "../../src/project-paths.js";
import { analyzeProject, openProject } from "../../src/usage/analyze-project.js";
import type { UsageManifest } from "../../src/usage/usage-manifest.js";
import { lineOf } from "../../test-support/source-lines.js";
import { gateReport } from "./gate-report.js";
import { renderMarkdown, renderText, type GateReport } from "./report.js";
import { bundleSpec, SPEC_ROOT } from "./spec-sources.js";
import { useText } from "./usage-impact.js";

// The edits poke at a JSON copy of the spec: typed loosely on purpose.
type Spec = any;

const run = promisify(execFile);
const fixture = join(packageRoot, "test-support", "usage-fixtures", "escapes");
const kit = JSON.parse(await readFile(join(packageRoot, "package.json"), "utf8")) as { name: string; version: string };
let work: string;
let bundled: Spec;
let manifest: UsageManifest;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "usage-gate-test-"));
  await bundleSpec(join(packageRoot, SPEC_ROOT), join(work, "bundled.json"), packageRoot);
  bundled = JSON.parse(await readFile(join(work, "bundled.json"), "utf8"));
  const { name, version } = JSON.parse(await readFile(join(fixture, "package.json"), "utf8")) as { name: string; version: string };
  const consumer = { name, version };
  const calls = analyzeProject(openProject(ts, join(fixture, "tsconfig.json"), fixture, new Set([kit.name])));
  manifest = { manifestVersion: 1, consumer, kit: { name: kit.name, version: kit.version, apiVersion: bundled.info.version }, calls };
}, 60_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** The domain schema's name and a required field of it that the fixture never names in its code. */
function unnamedField(s: Spec): { schema: Spec; field: string } {
  const source = JSON.stringify(manifest.calls);
  const schema = Object.values<Spec>(s.components.schemas).find((x) => x.properties?.isDefault && x.properties?.domain);
  const field = (schema.required as string[]).find((n) => !source.includes(`"${n}"`) && n !== "domain" && n !== "isDefault")!;
  return { schema, field };
}

async function gate(name: string, edit: (s: Spec) => void, strict = false): Promise<GateReport> {
  const dir = join(work, name);
  await mkdir(dir, { recursive: true });
  const revision = structuredClone(bundled);
  edit(revision);
  await writeFile(join(dir, "base.json"), JSON.stringify(bundled));
  await writeFile(join(dir, "revision.json"), JSON.stringify(revision));
  const label = (version: string) => ({ label: name, version });
  return gateReport({ base: join(dir, "base.json"), revision: join(dir, "revision.json") }, { base: label(bundled.info.version), revision: label(revision.info.version) }, dir, { manifests: [manifest], strict });
}

describe("check:breaking --usage with a consumer whose results escape", { timeout: 60_000 }, () => {
  it.concurrent("a field the code never names is used wherever a result escapes: spread into props, JSON.stringify, returned to other code", async () => {
    const report = await gate("removed-unnamed-field", (s) => {
      const { schema, field } = unnamedField(s);
      delete schema.properties[field];
      schema.required = schema.required.filter((n: string) => n !== field);
    });
    const removed = report.changes.find((c) => c.rule === "redocly/property-removed")!;
    const label = `${manifest.consumer.name} ${manifest.consumer.version}`;
    const file = "src/domain-card.ts";
    expect(report.verdict.pass, renderText(report)).toBe(false);
    expect(removed.uses!.map(useText)).toEqual([
      `${label}: ${lineOf(fixture, file, "...domain")} uses every field (spread)`,
      `${label}: ${lineOf(fixture, file, "JSON.stringify(page)")} uses every field (passed to JSON.stringify)`,
      `${label}: ${lineOf(fixture, file, "return client.get(")} uses every field (returned by \`loadDomain\` that nothing in the project calls)`,
    ]);
    expect(renderMarkdown(report)).toContain(`${lineOf(fixture, file, "...domain")} uses every field (spread)`);
  });

  it.concurrent("a breaking change no given consumer uses passes and is listed as unused, unless --strict", async () => {
    // The fixture never deletes a domain.
    const removeDelete = (s: Spec) => {
      for (const item of Object.values<Spec>(s.paths)) delete item.delete;
    };
    const lenient = await gate("unused-operation", removeDelete);
    const strict = await gate("unused-operation-strict", removeDelete, true);
    const removed = lenient.changes.filter((c) => c.breaking);
    expect(removed.length).toBeGreaterThan(0);
    expect(removed.every((c) => c.uses?.length === 0)).toBe(true);
    expect(lenient.verdict.pass, lenient.verdict.reason).toBe(true);
    expect(renderText(lenient)).toMatch(/Breaking, used by no given consumer \(not blocking\)/);
    expect(strict.verdict.pass, strict.verdict.reason).toBe(false);
  });

  it.concurrent("lists what no given consumer uses: operations never called, fields never read", async () => {
    const report = await gate("no-change", () => {});
    expect(report.verdict.pass).toBe(true);
    const called = new Set(manifest.calls.map((c) => c.operationId));
    const documented = Object.values<Spec>(bundled.paths).flatMap((item) => Object.values<Spec>(item).map((op) => op.operationId)).filter(Boolean);
    expect(report.usage!.unused.operations.sort()).toEqual(documented.filter((id) => !called.has(id)).sort());
    // Every result of the fixture escapes whole, so every field of what it calls counts as read.
    expect(report.usage!.unused.responseFields).toEqual([]);
  });
});

describe("npm run check:breaking -- --usage", { timeout: 60_000 }, () => {
  async function checkBreaking(args: string[]) {
    return run(process.execPath, ["--import", "tsx", join(packageRoot, "scripts", "breaking", "check-breaking.ts"), ...args], { cwd: packageRoot, env: { ...process.env, GITHUB_STEP_SUMMARY: "" } }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
  }

  it.concurrent("reads the manifests and writes their consumers and unused parts into breaking-changes.json", async () => {
    const file = join(work, "escapes-usage.json");
    await writeFile(file, JSON.stringify(manifest));
    const reports = join(work, "reports-usage");
    const r = await checkBreaking(["--usage", file, "--reports-dir", reports]);
    expect(r.stderr).toBe("");
    const json = JSON.parse(await readFile(join(reports, "breaking-changes.json"), "utf8"));
    expect(r.code).toBe(json.verdict.pass ? 0 : 1);
    expect(json.usage.consumers).toEqual([`${manifest.consumer.name} ${manifest.consumer.version}`]);
    expect(r.stdout).toContain(`Uses read from: ${manifest.consumer.name} ${manifest.consumer.version}`);
    expect(Array.isArray(json.usage.unused.operations)).toBe(true);
  });

  it.concurrent("exits 2 with one line when a --usage file is not a usage manifest", async () => {
    const file = join(work, "not-a-manifest.json");
    await writeFile(file, JSON.stringify({ calls: [] }));
    const r = await checkBreaking(["--usage", file]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain(`--usage ${file} is not a usage manifest`);
  });
});
