// Proof that the gate judges right: each row edits a copy of the bundled spec (openapi/, bundled by
// redocly as the gate does) and asserts the verdict and that the report names where the change is.
// Names of paths, operations, schemas and fields are read from the spec, not retyped.
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packageRoot } from "../../src/project-paths.js";
import { diffSpecs, judge, type Change } from "./gate.js";
import { renderMarkdown, renderText, type GateReport } from "./report.js";
import { bundleSpec, SPEC_ROOT } from "./spec-sources.js";

// The edits poke at a JSON copy of the spec: typed loosely on purpose.
type Spec = any;

let work: string;
let bundled: Spec;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "breaking-gate-test-"));
  const file = join(work, "bundled.json");
  await bundleSpec(join(packageRoot, SPEC_ROOT), file, packageRoot);
  bundled = JSON.parse(await readFile(file, "utf8"));
}, 60_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

// Addressing the spec copy: the paths from shortest (the list) to longest (the action).
const paths = (s: Spec): string[] => Object.keys(s.paths).sort((a, b) => a.length - b.length);
const collection = (s: Spec): string => paths(s)[0]!;
const item = (s: Spec): string => paths(s)[1]!;
const action = (s: Spec): string => paths(s)[2]!;
const schemas = (s: Spec): Record<string, Spec> => s.components.schemas;
/** The schema a $ref points at, in the copy. */
const target = (s: Spec, node: Spec): Spec => (node.$ref ? schemas(s)[node.$ref.split("/").pop()] : node);
const listOp = (s: Spec): Spec => s.paths[collection(s)].get;
const createOp = (s: Spec): Spec => s.paths[collection(s)].post;
/** The schema of one listed domain (the list answers a bare array of them). */
const domainSchema = (s: Spec): Spec => target(s, target(s, listOp(s).responses["200"].content["application/json"].schema).items);
const createBody = (s: Spec): Spec => target(s, createOp(s).requestBody.content["application/json"].schema);
/** A required integer-like field of the domain: the first required one whose type is a single number type. */
const numberField = (s: Spec): string =>
  domainSchema(s).required.find((n: string) => ["integer", "number"].includes(domainSchema(s).properties[n]?.type))!;
/** The first property of the create body with a maxLength (on it, or on the schema it refers to). */
const limitedField = (s: Spec): { name: string; schema: Spec; ref?: string } => {
  const body = createBody(s);
  for (const [name, node] of Object.entries<Spec>(body.properties)) {
    const schema = target(s, node);
    if (typeof schema.maxLength === "number") return { name, schema, ref: node.$ref };
  }
  throw new Error("no request property with maxLength");
};
const securityScheme = (s: Spec): Spec => s.components.securitySchemes[Object.keys(s.security[0])[0]!];
/** The name of the first named example of the create body. */
const firstBodyExample = (s: Spec): string =>
  Object.values<Spec>(createOp(s).requestBody.content["application/json"].examples)[0].$ref.split("/").pop();
const successStatus = (op: Spec): string => Object.keys(op.responses).find((c) => c.startsWith("2"))!;

interface Case {
  name: string;
  breaking: boolean;
  /** Run on the base copy first (e.g. give a request an enum to remove a value from). */
  prepare?: (s: Spec) => void;
  edit: (s: Spec) => void;
  /** Pieces of the readable location the report must name for this change. */
  where: (base: Spec) => string[];
  /** Operations a shared component's change must be reported as used by. */
  usedBy?: (base: Spec) => string[];
}

const PURPOSES = ["marketing", "transactional", "both"];

const cases: Case[] = [
  // Breaking
  {
    name: "a response field removed",
    breaking: true,
    edit: (s) => {
      const d = domainSchema(s);
      const f = numberField(s);
      delete d.properties[f];
      d.required = d.required.filter((n: string) => n !== f);
    },
    where: (b) => [`GET ${collection(b)}`, "response 200", numberField(b)],
  },
  {
    name: "a response field made optional",
    breaking: true,
    edit: (s) => {
      const f = numberField(s);
      domainSchema(s).required = domainSchema(s).required.filter((n: string) => n !== f);
    },
    where: (b) => [`GET ${collection(b)}`, "response 200"],
  },
  {
    name: "a response field made nullable",
    breaking: true,
    edit: (s) => {
      const p = domainSchema(s).properties[numberField(s)];
      p.type = [p.type, "null"];
    },
    where: (b) => [`GET ${collection(b)}`, "response 200", numberField(b)],
  },
  {
    name: "a request property added as required",
    breaking: true,
    edit: (s) => {
      createBody(s).properties.purpose = { type: "string" };
      createBody(s).required.push("purpose");
    },
    where: (b) => [`POST ${collection(b)}`, "request body"],
  },
  {
    name: "a request constraint tightened (maxLength lower)",
    breaking: true,
    edit: (s) => {
      const { schema } = limitedField(s);
      schema.maxLength = Math.floor(schema.maxLength / 2);
    },
    where: (b) => [`POST ${collection(b)}`, "request body", limitedField(b).name],
    // The limit lives in a shared schema: every operation whose body refers to it is named.
    usedBy: (b) =>
      Object.values<Spec>(b.paths)
        .flatMap((p) => Object.values<Spec>(p))
        .filter((op) => op.requestBody)
        .filter((op) => Object.values<Spec>(target(b, op.requestBody.content["application/json"].schema).properties).some((p) => p.$ref === limitedField(b).ref))
        .map((op) => op.operationId),
  },
  {
    name: "a required query parameter added",
    breaking: true,
    edit: (s) => {
      listOp(s).parameters.push({ name: "region", in: "query", required: true, schema: { type: "string" } });
    },
    where: (b) => [`GET ${collection(b)}`, "parameter `region` (query, required)"],
  },
  {
    name: "an enum value removed from a request",
    breaking: true,
    prepare: (s) => {
      createBody(s).properties.purpose = { type: "string", enum: PURPOSES };
    },
    edit: (s) => {
      createBody(s).properties.purpose.enum = PURPOSES.slice(0, -1);
    },
    where: (b) => [`POST ${collection(b)}`, "request body", "purpose"],
  },
  {
    name: "an operation removed",
    breaking: true,
    edit: (s) => {
      delete s.paths[item(s)].delete;
    },
    where: (b) => [`DELETE ${item(b)}`, b.paths[item(b)].delete.operationId],
  },
  {
    name: "a path removed",
    breaking: true,
    edit: (s) => {
      delete s.paths[action(s)];
    },
    where: (b) => [action(b)],
  },
  {
    name: "an operationId renamed",
    breaking: true,
    edit: (s) => {
      listOp(s).operationId += "V2";
    },
    where: (b) => [`GET ${collection(b)} (${listOp(b).operationId})`],
  },
  {
    name: "the documented success status changed (201 -> 200)",
    breaking: true,
    edit: (s) => {
      const responses = createOp(s).responses;
      const status = successStatus(createOp(s));
      responses["200"] = responses[status];
      delete responses[status];
    },
    where: (b) => [`POST ${collection(b)}`, createOp(b).operationId],
  },
  {
    name: "the security scheme's header renamed",
    breaking: true,
    edit: (s) => {
      securityScheme(s).name = "x-vortex-key";
    },
    where: (b) => [`security scheme \`${Object.keys(b.security[0])[0]}\``],
  },
  {
    name: "an enum value added to a response",
    breaking: true,
    edit: (s) => {
      const status = Object.values<Spec>(domainSchema(s).properties).map((p) => target(s, p)).find((p) => Array.isArray(p.enum));
      status.enum.unshift("expired");
    },
    where: (b) => [`GET ${collection(b)}`, "response 200"],
  },
  {
    name: "a schema component renamed (kit rule: generated type renamed)",
    breaking: true,
    edit: (s) => {
      const name = Object.keys(schemas(s)).find((n) => schemas(s)[n] === domainSchema(s))!;
      const json = JSON.stringify(s).replaceAll(`"#/components/schemas/${name}"`, `"#/components/schemas/${name}V2"`);
      const renamed = JSON.parse(json);
      renamed.components.schemas[`${name}V2`] = renamed.components.schemas[name];
      delete renamed.components.schemas[name];
      for (const key of Object.keys(s)) delete s[key];
      Object.assign(s, renamed);
    },
    where: (b) => [`schema \`${Object.keys(schemas(b)).find((n) => schemas(b)[n] === domainSchema(b))}\``],
  },
  {
    name: "a path parameter renamed (kit rule: path template renamed)",
    breaking: true,
    edit: (s) => {
      const old = action(s);
      s.paths[old.replace("{id}", "{domainId}")] = s.paths[old];
      delete s.paths[old];
    },
    where: (b) => [`path ${action(b)}`],
  },
  // Non-breaking
  {
    name: "an optional request property added",
    breaking: false,
    edit: (s) => {
      createBody(s).properties.purpose = { type: "string" };
    },
    where: (b) => [`POST ${collection(b)}`, "request body"],
  },
  {
    name: "a request constraint loosened (maxLength higher)",
    breaking: false,
    edit: (s) => {
      limitedField(s).schema.maxLength *= 2;
    },
    where: (b) => [`POST ${collection(b)}`, limitedField(b).name],
  },
  {
    name: "a new operation",
    breaking: false,
    edit: (s) => {
      s.paths[item(s)].put = { operationId: "replaceEmailDomain", responses: { "204": { description: "Replaced." } } };
    },
    where: (b) => [`PUT ${item(b)}`, "replaceEmailDomain"],
  },
  {
    name: "a description changed",
    breaking: false,
    edit: (s) => {
      listOp(s).description = "Lists the account's email domains, in other words.";
    },
    where: (b) => [`GET ${collection(b)}`, listOp(b).operationId],
  },
  {
    name: "an example changed (kit rule: redocly diff ignores example values)",
    breaking: false,
    edit: (s) => {
      const example = s.components.examples[firstBodyExample(s)];
      example.value.domain = `changed.${example.value.domain}`;
    },
    where: (b) => [`example \`${firstBodyExample(b)}\``],
    usedBy: (b) => [createOp(b).operationId],
  },
  {
    name: "a new optional query parameter",
    breaking: false,
    edit: (s) => {
      listOp(s).parameters.push({ name: "q", in: "query", required: false, schema: { type: "string" } });
    },
    where: (b) => [`GET ${collection(b)}`, "parameter `q` (query)"],
  },
  {
    name: "a response field added",
    breaking: false,
    edit: (s) => {
      domainSchema(s).properties.region = { type: "string" };
      domainSchema(s).required.push("region");
    },
    where: (b) => [`GET ${collection(b)}`, "response 200", "region"],
  },
  {
    name: "a new documented error status",
    breaking: false,
    edit: (s) => {
      const r = listOp(s).responses;
      r["429"] = r[Object.keys(r).find((c) => c.startsWith("4"))!];
    },
    where: (b) => [`GET ${collection(b)}`, "response 429"],
  },
];

interface Outcome {
  changes: Change[];
  report: GateReport;
}

async function runCase(name: string, prepare: ((s: Spec) => void) | undefined, edit: (s: Spec) => void, version?: string): Promise<Outcome> {
  const dir = join(work, name.replace(/[^a-z0-9]+/gi, "-"));
  await mkdir(dir, { recursive: true });
  const base = structuredClone(bundled);
  prepare?.(base);
  const revision = structuredClone(base);
  edit(revision);
  if (version) revision.info.version = version;
  const baseFile = join(dir, "base.json");
  const revisionFile = join(dir, "revision.json");
  await writeFile(baseFile, JSON.stringify(base, null, 2));
  await writeFile(revisionFile, JSON.stringify(revision, null, 2));
  const changes = await diffSpecs(baseFile, revisionFile, dir);
  const report: GateReport = {
    base: { label: "base", version: base.info.version },
    revision: { label: "revision", version: revision.info.version },
    verdict: judge(changes, base.info.version, revision.info.version),
    changes,
  };
  return { changes, report };
}

describe("the breaking-change gate", { timeout: 60_000 }, () => {
  it("has at least 12 breaking and 6 non-breaking edits in its table", () => {
    expect(cases.filter((c) => c.breaking).length).toBeGreaterThanOrEqual(12);
    expect(cases.filter((c) => !c.breaking).length).toBeGreaterThanOrEqual(6);
  });

  it.concurrent.for(cases)("$name: breaking = $breaking, and the report names where", async (c) => {
    const { changes, report } = await runCase(c.name, c.prepare, c.edit);
    const base = structuredClone(bundled);
    c.prepare?.(base);
    const pieces = c.where(base);

    expect(report.verdict.pass, report.verdict.reason).toBe(!c.breaking);
    if (!c.breaking) expect(changes.filter((ch) => ch.breaking), renderText(report)).toEqual([]);
    // The change itself is listed with the expected verdict, at the expected location.
    const named = changes.filter((ch) => ch.breaking === c.breaking && pieces.every((p) => ch.where.includes(p)));
    expect(named, `no ${c.breaking ? "breaking" : "non-breaking"} change at ${pieces.join(" › ")} in:\n${renderText(report)}`).not.toEqual([]);
    // Both reports a person reads carry that location.
    const text = renderText(report);
    const markdown = renderMarkdown(report);
    for (const p of pieces) {
      expect(text).toContain(p);
      expect(markdown).toContain(p.replace(/\|/g, "\\|"));
    }
    if (c.usedBy) {
      const users = named.flatMap((ch) => ch.usedBy ?? []);
      for (const op of c.usedBy(base)) expect(users).toContain(op);
    }
  });

  it.concurrent("a breaking change passes when info.version raises the major", async () => {
    const removeField = cases[0]!;
    const base = Number(bundled.info.version.split(".")[0]);
    const bumped = await runCase("major bump", undefined, removeField.edit, `${base + 1}.0.0`);
    expect(bumped.report.verdict.breaking).toBeGreaterThan(0);
    expect(bumped.report.verdict.pass, bumped.report.verdict.reason).toBe(true);
    const minor = await runCase("minor bump", undefined, removeField.edit, `${base}.99.0`);
    expect(minor.report.verdict.pass, minor.report.verdict.reason).toBe(false);
  });
});
