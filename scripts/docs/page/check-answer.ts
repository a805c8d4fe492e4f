// Says whether a try-it answer is one the spec documents for the operation, with the engine's one response
// checker and its precompiled validators (no eval under the page's CSP).
import { apiSpec } from "../../../src/generated/embedded.js";
import { precompiledEngineValidators } from "../../../src/engine/precompiled-engine-validators.js";
import { createResponseChecker, type WireAnswer } from "../../../src/engine/response-check.js";
import { listOperations, type SpecOperation } from "../../../src/spec/operations.js";

export const operations: SpecOperation[] = listOperations(apiSpec);
const checker = createResponseChecker(apiSpec, operations, precompiledEngineValidators.api);

export type Verdict = { valid: true } | { valid: false; problems: string[] };

export function checkAnswer(op: SpecOperation, answer: WireAnswer): Verdict {
  const problems = checker.problems(op, answer);
  return problems.length === 0 ? { valid: true } : { valid: false, problems: [...problems] };
}
