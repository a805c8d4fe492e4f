// The one place where anything thrown becomes a response: in the contract's error shape, for every host.
// Nothing internal (stack, file path, exception text) reaches the client. Errors of a documented operation
// pass the response self-check too, so an undocumented status is a loud 500, not a quiet lie.
import type { SpecOperation } from "../spec/operations.js";
import { ApiKeyRevokedError, StoreUnavailableError } from "../storage/store-errors.js";
import { BodyReadError, type EngineLogEvent, type EngineResponse } from "./engine-types.js";
import { httpError } from "./error-catalogue.js";
import { errorBody, HttpError } from "./http-error.js";
import { ContractViolation, type ResponseChecker } from "./response-check.js";

const JSON_TYPE = { "content-type": "application/json; charset=utf-8" };


function asHttpError(error: unknown): HttpError | undefined {
  if (error instanceof HttpError) return error;
  if (error instanceof StoreUnavailableError) return httpError("storeUnavailable");
  if (error instanceof ApiKeyRevokedError) return httpError("unknownApiKey");
  if (error instanceof BodyReadError) {
    switch (error.kind) {
      case "too-large":
        return httpError("bodyTooLarge", error.limitBytes);
      case "length-mismatch":
        return httpError("bodyLengthMismatch");
      case "aborted":
        return httpError("bodyAborted");
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
    problem = violation ? httpError("contractViolation", (error as ContractViolation).message) : httpError("internalError");
  }
  return {
    status: problem.status,
    headers: { ...problem.headers, ...JSON_TYPE },
    body: errorBody(problem.status, problem.detail),
    operationId: op?.operationId,
  };
}
