// The coverage gate counts a documented pair only when its status was judged, never when it was merely seen.
import { describe, expect, it } from "vitest";
import { coverageRows, coverageTable } from "./coverage-pairs.js";

const operations = [
  { operationId: "createEmailDomain", responses: { "201": {}, "409": {} } },
  { operationId: "deleteEmailDomain", responses: { "204": {} } },
];

describe("the coverage table", () => {
  it("a pair seen but never judged is missing, and is named as seen", () => {
    const table = coverageTable(operations, { seen: ["createEmailDomain 201", "createEmailDomain 409", "deleteEmailDomain 204"], judged: ["createEmailDomain 201", "deleteEmailDomain 204"] });
    expect(table.missing).toEqual(["createEmailDomain 409"]);
    expect(table.seenNotJudged).toEqual(["createEmailDomain 409"]);
    expect(coverageRows(table)[0]).toMatch(/createEmailDomain\s+201 409 \(seen, not judged\)$/);
  });

  it("a pair neither seen nor judged is missing; every pair judged leaves nothing missing", () => {
    expect(coverageTable(operations, { seen: [], judged: [] }).missing).toEqual(["createEmailDomain 201", "createEmailDomain 409", "deleteEmailDomain 204"]);
    expect(coverageRows(coverageTable(operations, { seen: [], judged: [] }))[1]).toMatch(/\(204 missing\)$/);
    const all = ["createEmailDomain 201", "createEmailDomain 409", "deleteEmailDomain 204"];
    expect(coverageTable(operations, { seen: all, judged: all })).toMatchObject({ missing: [], seenNotJudged: [] });
  });
});
