// Every failure becomes a response in the contract's error shape; nothing internal (stack, file path,
// exception text) reaches the client. Errors of a documented operation pass the response self-check too.
import type { ErrorRequestHandler } from "express";
import type { Logger } from "pino";
import type { SpecOperation } from "../spec/operations.js";
import { errorBody, HttpError } from "./errors.js";
import { toHttpError } from "./read-json-body.js";
import { ContractViolation, type ResponseChecker } from "./response-check.js";

function asHttpError(error: unknown): HttpError | undefined {
  if (error instanceof HttpError) return error;
  const e = error as { type?: unknown; status?: unknown } | null;
  if (e && typeof e.type === "string") return toHttpError(error); // from Express's body parser
  if (e && typeof e.status === "number" && e.status >= 400 && e.status < 500) {
    return new HttpError(e.status, e.status === 400 ? "The request could not be understood (malformed URL or header)" : "Request rejected");
  }
  return undefined;
}

export function createErrorHandler(checker: ResponseChecker | undefined, logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const op = res.locals["operation"] as SpecOperation | undefined;
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
      logger.error({ err: error, method: req.method, operationId: op?.operationId }, violation ? "contract violation" : "unexpected error");
      res.status(500).json(errorBody(500, violation ? (error as ContractViolation).message : "Internal server error"));
      return;
    }
    res.set(problem.headers).status(problem.status).json(errorBody(problem.status, problem.detail));
  };
}
