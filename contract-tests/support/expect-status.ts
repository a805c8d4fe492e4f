// The one way a contract test asserts a status: it fails like expect(...).toBe(...), and when the status holds
// it counts the answer's documented (operationId, status) pair as judged, which the coverage gate requires
// (coverage.test.ts): a pair the suite only saw, never expected, is not covered.
import { expect } from "vitest";
import { recordJudged } from "./observations.js";
import { operationOfAnswer } from "./response-check.js";

export function expectStatus(response: Response, status: number, message?: string): void {
  expect(response.status, message).toBe(status);
  const operationId = operationOfAnswer(response);
  if (operationId !== undefined) recordJudged(operationId, status);
}
