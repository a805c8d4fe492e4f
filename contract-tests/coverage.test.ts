// Runs last (support/coverage-last.ts): which documented (operationId, status) pairs the run judged (an
// assertion or the model stage compared the status with what it expected) and which it only saw.
// Writes reports/contract-coverage.json, prints it, and against the in-process mock requires every pair judged.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { coverageRows, coverageTable } from "./support/coverage-pairs.js";
import { readRunState } from "./support/run-state.js";
import { operations } from "./support/spec.js";
import { target } from "./support/target.js";

const required = target.inProcessMock || process.env["CONTRACT_REQUIRE_FULL_COVERAGE"] === "1";

describe("coverage of the documented responses", () => {
  const table = coverageTable(operations, readRunState(inject("contractRunStateDir")));
  const { pairs, missing, seenNotJudged } = table;
  const seenCount = pairs.filter((p) => p.seen).length;

  it("is written to contract-coverage.json and printed", () => {
    mkdirSync(target.reportsDir, { recursive: true });
    const file = join(target.reportsDir, "contract-coverage.json");
    const report = { target: target.baseUrl, inProcessMock: target.inProcessMock, covered: pairs.length - missing.length, seen: seenCount, total: pairs.length, pairs, missing, seenNotJudged };
    writeFileSync(file, JSON.stringify(report, null, 2) + "\n");
    console.log(`contract coverage: ${pairs.length - missing.length}/${pairs.length} documented responses judged (${seenCount} seen) -> ${file}\n${coverageRows(table).join("\n")}`);
    expect(pairs.length).toBeGreaterThan(0);
  });

  it("every documented (operation, status) pair was judged, not only seen", ({ skip }) => {
    if (!required) skip("required only against the in-process mock, or with CONTRACT_REQUIRE_FULL_COVERAGE=1");
    expect(missing, seenNotJudged.length > 0 ? `seen but never judged: ${seenNotJudged.join(", ")}` : undefined).toEqual([]);
  });
});
