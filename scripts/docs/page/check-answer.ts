// Says whether an answer is one the spec documents for the operation: its status is documented, and its
// body is valid against that status's schema (the precompiled validators: no eval under the page's CSP).
import { apiSpec } from "../../../src/generated/embedded.js";
import { precompiledEngineValidators } from "../../../src/engine/precompiled-engine-validators.js";
import { createResponseChecker, ContractViolation } from "../../../src/engine/response-check.js";
import { listOperations, type SpecOperation } from "../../../src/spec/operations.js";

export const operations: SpecOperation[] = listOperations(apiSpec);
const checker = createResponseChecker(apiSpec, operations, precompiledEngineValidators.api);

export type Verdict = { valid: true } | { valid: false; problems: string[] };

export function checkAnswer(op: SpecOperation, status: number, text: string): Verdict {
  let body: unknown;
  if (text !== "") {
    try {
      body = JSON.parse(text);
    } catch {
      return { valid: false, problems: ["the body is not JSON"] };
    }
  }
  try {
    checker.assertDocumented(op, status, body);
    return { valid: true };
  } catch (error) {
    if (error instanceof ContractViolation) return { valid: false, problems: error.problems };
    throw error;
  }
}
