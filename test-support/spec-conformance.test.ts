// The spec check that host tests run on every answer must itself refuse what the spec does not document.
import { describe, expect, it } from "vitest";
import { DEMO_A, domainsPath } from "./demo-api.js";
import { createSpecConformance } from "./spec-conformance.js";

const conformance = createSpecConformance();
const list = domainsPath(DEMO_A.accountId);
const json = "application/json; charset=utf-8";

describe("createSpecConformance", () => {
  it("accepts a documented answer", () => {
    expect(conformance.problems({ method: "GET", path: list, status: 200, contentType: json, body: [] })).toEqual([]);
  });

  it.each([
    ["an undocumented status", { status: 418, body: [] }, /not documented/],
    ["a body that breaks the schema", { status: 200, body: [{ id: 1 }] }, /must/],
    ["another media type", { status: 200, contentType: "text/html", body: [] }, /media type "text\/html" is not documented/],
  ])("refuses %s", (_what, change, message) => {
    const documented = { method: "GET", path: list, status: 200, contentType: json as string | null, body: [] as unknown };
    const problems = conformance.problems({ ...documented, ...change });
    expect(problems.join("\n")).toMatch(message);
  });

  it("refuses a path that is no operation", () => {
    expect(conformance.problems({ method: "GET", path: "/api/v1/nothing", status: 200, contentType: json, body: {} })).toHaveLength(1);
  });
});
