// The error catalogue against the spec: every operation an entry says may answer it documents the entry's
// status, every documented error's examples carry the reason phrase the mock sends, and no error answer is
// built anywhere in src/ but through the catalogue.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { bundledControlSpecJson, packageRoot } from "../project-paths.js";
import { loadBundledSpec } from "../spec/load-spec.js";
import { listOperations, type SpecOperation } from "../spec/operations.js";
import { ERRORS, type CatalogueEntry } from "./error-catalogue.js";
import { reasonPhrase } from "./http-error.js";

const SPECS = [
  ["api", listOperations(loadBundledSpec())],
  ["control", listOperations(loadBundledSpec(bundledControlSpecJson))],
] as const;
const ALL = SPECS.flatMap(([spec, ops]) => ops.map((op) => ({ spec, op })));
const ENTRIES = Object.entries(ERRORS) as Array<[string, CatalogueEntry<never[]>]>;

describe("every catalogue entry", () => {
  it.each(ENTRIES.filter(([, e]) => typeof e.answeredBy === "function"))("%s: its status is documented by every operation that may answer it", (_kind, e) => {
    const answering = ALL.filter(({ spec, op }) => (e.answeredBy as (op: SpecOperation, spec: "api" | "control") => boolean)(op, spec));
    expect(answering.length, "no operation of either spec answers it: a dead entry").toBeGreaterThan(0);
    const undocumented = answering.filter(({ op }) => op.responses[String(e.status)] === undefined).map(({ op }) => op.operationId);
    expect(undocumented, `operations that may answer ${e.status} without documenting it`).toEqual([]);
  });

  it("of the server's own failures (500) has a status no operation documents: a broken server is never part of the contract", () => {
    const statuses = new Set(ENTRIES.filter(([, e]) => e.answeredBy === "undocumented").map(([, e]) => String(e.status)));
    expect(statuses.size).toBeGreaterThan(0);
    expect(ALL.filter(({ op }) => Object.keys(op.responses).some((status) => statuses.has(status))).map(({ op }) => op.operationId)).toEqual([]);
  });

  it("is an error status", () => {
    for (const [kind, e] of ENTRIES) expect(e.status, kind).toBeGreaterThanOrEqual(400);
  });
});

describe("the documented error responses", () => {
  const examples = ALL.flatMap(({ op }) =>
    Object.entries(op.responses)
      .filter(([status]) => Number(status) >= 400)
      .flatMap(([status, response]) => Object.entries(response.content["application/json"]?.examples ?? {}).map(([name, value]) => ({ where: `${op.operationId} ${status} ${name}`, status: Number(status), value }))),
  );

  it("have examples", () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  it.each(examples.map((e) => [e.where, e] as const))("%s: carries the status and the reason phrase the mock sends", (_where, { status, value }) => {
    expect(value).toMatchObject({ statusCode: status, error: reasonPhrase(status) });
  });
});

describe("error answers outside the catalogue", () => {
  // Every non-test source file of src/ but the generated ones and the two files that define errors.
  const DEFINING = new Set(["src/engine/error-catalogue.ts", "src/engine/http-error.ts"]);
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === "generated" ? [] : files(path);
      return /\.ts$/.test(entry.name) && !/\.test(-d)?\.ts$/.test(entry.name) ? [path] : [];
    });
  const sources = files(join(packageRoot, "src"))
    .map((path) => ({ path: relative(packageRoot, path), text: readFileSync(path, "utf8") }))
    .filter(({ path }) => !DEFINING.has(path));
  /** An error built by hand: `new HttpError(`, an error body or status with a literal 4xx/5xx. */
  const HAND_BUILT = [/\bnew HttpError\(/, /\berrorBody\(\s*[45]\d\d\b/, /\bstatus(Code)?\s*[:=]\s*[45]\d\d\b/];

  it("finds the sources it reads", () => {
    expect(sources.map((s) => s.path)).toContain("src/engine/router.ts");
  });

  it("are none: every error comes from the catalogue", () => {
    const found = sources.flatMap(({ path, text }) =>
      text.split("\n").flatMap((line, i) => (HAND_BUILT.some((pattern) => pattern.test(line)) ? [`${path}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(found).toEqual([]);
  });
});
