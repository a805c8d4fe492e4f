// Which documented (operationId, status) pairs a run covered. A pair is covered when it was judged: its status
// compared with an expectation that could have been different (an assertion, or the model stage's engine). A
// pair only seen (the server gave it, nothing expected it) is listed apart, and is not covered.
import { pairKey } from "./pair-key.js";

export interface CoveragePair {
  operationId: string;
  status: string;
  seen: boolean;
  judged: boolean;
}

export interface CoverageTable {
  pairs: CoveragePair[];
  /** Documented pairs not judged (the gate fails on any). */
  missing: string[];
  /** Of those, the ones seen: answered, never checked against an expectation. */
  seenNotJudged: string[];
}

export function coverageTable(operations: ReadonlyArray<{ operationId: string; responses: Record<string, unknown> }>, run: { seen: Iterable<string>; judged: Iterable<string> }): CoverageTable {
  const seen = new Set(run.seen);
  const judged = new Set(run.judged);
  const pairs = operations.flatMap((op) =>
    Object.keys(op.responses).map((status) => ({ operationId: op.operationId, status, seen: seen.has(pairKey(op.operationId, status)), judged: judged.has(pairKey(op.operationId, status)) })),
  );
  const missing = pairs.filter((p) => !p.judged);
  return { pairs, missing: missing.map((p) => pairKey(p.operationId, p.status)), seenNotJudged: missing.filter((p) => p.seen).map((p) => pairKey(p.operationId, p.status)) };
}

/** One line per operation: `201` judged, `201 (seen, not judged)`, `(201 missing)`. */
export function coverageRows(table: CoverageTable): string[] {
  const ops = [...new Set(table.pairs.map((p) => p.operationId))];
  return ops.map((op) => {
    const cells = table.pairs.filter((p) => p.operationId === op).map((p) => (p.judged ? p.status : p.seen ? `${p.status} (seen, not judged)` : `(${p.status} missing)`));
    return `  ${op.padEnd(28)} ${cells.join(" ")}`;
  });
}
