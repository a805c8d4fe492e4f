// The one place where anything thrown becomes a response: in the contract's error shape, for every host.
// Nothing internal (stack, file path, exception text) reaches the client. Errors of a documented operation
// pass the response self-check too, so an undocumented status is a loud 500, not a quiet lie.
import type { SpecOperation } from "../spec/operations.js";
import { ApiKeyRevokedError, StoreUnavailableError } from "../storage/store-errors.js";
import { BodyReadError, type EngineLogEvent, type EngineResponse } from "./engine-types.js";
import { UNKNOWN_API_KEY_MESSAGE } from "./authenticate.js";
import { bodyTooLarge, storeUnavailable } from "./error-catalogue.js";
import { errorBody, HttpError } from "./http-error.js";
import { ContractViolation, type ResponseChecker } from "./response-check.js";

const JSON_TYPE = { "content-type": "application/json; charset=utf-8" };


function asHttpError(error: unknown): HttpError | undefined {
  if (error instanceof HttpError) return error;
  if (error instanceof StoreUnavailableError) return storeUnavailable();
  if (error instanceof ApiKeyRevokedError) return new HttpError(401, UNKNOWN_API_KEY_MESSAGE);
  if (error instanceof BodyReadError) {
    switch (error.kind) {
      case "too-large":
        return bodyTooLarge(error.limitBytes);
      case "length-mismatch":
        return new HttpError(400, "Request body length does not match its Content-Length");
      case "aborted":
        return new HttpError(400, "Request body was not completely sent");
    }
  }
  return undefined;
}

export function errorResponse(
  error: unknown,
  context: { method: string; op: SpecOperation | undefined; checker: ResponseChecker | undefined; log: ((event: EngineLogEvent) => void) | undefined },
): EngineResponse {
  const { op, checker } = context;
  let problem = asHttpError(error);
  if (problem && op && checker) {
    try {
      checker.assertDocumented(op, problem.status, errorBody(problem.status, problem.detail));
    } catch (violation) {
      error = violation;
      problem = undefined;
    }
  }
  if (!problem) {
    const violation = error instanceof ContractViolation;
    context.log?.({ error, method: context.method, operationId: op?.operationId, message: violation ? "contract violation" : "unexpected error" });
    return {
      status: 500,
      headers: JSON_TYPE,
      body: errorBody(500, violation ? (error as ContractViolation).message : "Internal server error"),
      operationId: op?.operationId,
    };
  }
  return {
    status: problem.status,
    headers: { ...problem.headers, ...JSON_TYPE },
    body: errorBody(problem.status, problem.detail),
    operationId: op?.operationId,
  };
}
