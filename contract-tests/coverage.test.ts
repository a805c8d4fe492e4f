// Runs last (support/coverage-last.ts): which documented (operationId, status) pairs the run exercised.
// Writes reports/contract-coverage.json, prints it, and against the in-process mock requires every pair.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { pairKey } from "./support/observations.js";
import { readRunState } from "./support/run-state.js";
import { operations } from "./support/spec.js";
import { target } from "./support/target.js";

const required = target.inProcessMock || process.env["CONTRACT_REQUIRE_FULL_COVERAGE"] === "1";

describe("coverage of the documented responses", () => {
  const seen = new Set(readRunState(inject("contractRunStateDir")).seen);
  const pairs = operations.flatMap((op) => Object.keys(op.responses).map((status) => ({ operationId: op.operationId, status, seen: seen.has(pairKey(op.operationId, status)) })));
  const missing = pairs.filter((p) => !p.seen).map((p) => `${p.operationId} ${p.status}`);

  it("is written to contract-coverage.json and printed", () => {
    mkdirSync(target.reportsDir, { recursive: true });
    const file = join(target.reportsDir, "contract-coverage.json");
    writeFileSync(file, JSON.stringify({ target: target.baseUrl, inProcessMock: target.inProcessMock, covered: pairs.length - missing.length, total: pairs.length, pairs, missing }, null, 2) + "\n");
    const rows = operations.map((op) => `  ${op.operationId.padEnd(28)} ${Object.keys(op.responses).map((s) => (seen.has(pairKey(op.operationId, s)) ? s : `(${s} missing)`)).join(" ")}`);
    console.log(`contract coverage: ${pairs.length - missing.length}/${pairs.length} documented responses seen -> ${file}\n${rows.join("\n")}`);
    expect(pairs.length).toBeGreaterThan(0);
  });

  it("every documented (operation, status) pair was exercised", ({ skip }) => {
    if (!required) skip("required only against the in-process mock, or with CONTRACT_REQUIRE_FULL_COVERAGE=1");
    expect(missing).toEqual([]);
  });
});
