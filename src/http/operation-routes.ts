// Mounts every operation of the spec on its path, and answers 405 (with `Allow`) for the methods a path
// does not document. The stages of a request run in this order:
//   Prefer + delay -> key (401) -> parameters (400) -> account (403) -> Prefer example -> body (415/413/400)
//   -> handler (404/409/2xx) -> response self-check -> send
import { setTimeout as sleep } from "node:timers/promises";
import type { Request, RequestHandler, Response, Router } from "express";
import type { OperationId, SpecOperation } from "../spec/operations.js";
import type { EmailDomainStore } from "../store/types.js";
import { authenticate, authorize } from "./authenticate.js";
import { HttpError } from "./errors.js";
import type { HandlerInput, HandlerTable } from "./handlers.js";
import { parsePrefer, preferredResponse } from "./prefer.js";
import { createJsonBodyReader } from "./read-json-body.js";
import type { RequestValidator } from "./request-validator.js";
import type { ResponseChecker } from "./response-check.js";

export interface OperationRouteDeps {
  operations: SpecOperation[];
  validators: Map<OperationId, RequestValidator>;
  handlers: HandlerTable;
  store: EmailDomainStore;
  /** Present when responses are checked against the spec before they are sent. */
  checker: ResponseChecker | undefined;
  /** Latency added to every request unless `Prefer: delay=` says otherwise. */
  delayMs: number;
}

/** `/a/{id}/b` -> `/a/:id/b` */
export const toExpressPath = (template: string) => template.replace(/\{([^}]+)\}/g, ":$1");

export function sendResponse(res: Response, op: SpecOperation, status: number, body: unknown, checker: ResponseChecker | undefined): void {
  checker?.assertDocumented(op, status, body);
  if (body === undefined) res.status(status).end();
  else res.status(status).json(body);
}

type AnyHandler = (input: HandlerInput<OperationId>) => Promise<{ status: number; body: unknown }>;

function operationHandler(op: SpecOperation, deps: OperationRouteDeps): RequestHandler {
  const validator = deps.validators.get(op.operationId)!;
  const handler = deps.handlers[op.operationId] as unknown as AnyHandler;
  // Every operation of this API requires a key; an operation without one would need an anonymous account.
  const keyHeader = op.apiKeyHeader;
  if (!keyHeader) throw new Error(`${op.operationId} has no apiKey security scheme in the spec`);
  if (op.requestBody && op.maxBodyBytes === undefined) throw new Error(`${op.operationId} takes a body but documents no 413 with x-max-body-bytes`);
  const readJsonBody = createJsonBodyReader(op.maxBodyBytes ?? 0);
  return async (req: Request, res: Response, next) => {
    res.locals["operation"] = op;
    try {
      const prefs = parsePrefer(req.get("prefer"));
      const delay = prefs.delayMs ?? deps.delayMs;
      if (delay > 0) await sleep(delay);
      const account = await authenticate(req, deps.store, keyHeader);
      const { path, query } = validator.parameters(req.params as Record<string, string>, req.query as Record<string, unknown>);
      authorize(account, path["accountId"]);
      const preferred = preferredResponse(op, prefs);
      if (preferred) return sendResponse(res, op, preferred.status, preferred.body, deps.checker);
      let body: unknown;
      if (op.requestBody) {
        body = await readJsonBody(req, res);
        validator.body(body);
      }
      const result = await handler({ account, path, query, body } as HandlerInput<OperationId>);
      sendResponse(res, op, result.status, result.body, deps.checker);
    } catch (error) {
      next(error);
    }
  };
}

export function mountOperations(router: Router, deps: OperationRouteDeps): void {
  const byPath = new Map<string, SpecOperation[]>();
  for (const op of deps.operations) byPath.set(op.path, [...(byPath.get(op.path) ?? []), op]);
  for (const [path, ops] of byPath) {
    const expressPath = toExpressPath(path);
    for (const op of ops) router[op.method](expressPath, operationHandler(op, deps));
    const methods = ops.map((op) => op.method.toUpperCase());
    // Express answers HEAD with the GET route, so HEAD is allowed wherever GET is.
    const allow = [...methods, ...(methods.includes("GET") ? ["HEAD"] : [])].join(", ");
    router.all(expressPath, (req, _res, next) => {
      next(new HttpError(405, `Method ${req.method} is not allowed here; allowed: ${allow}`, { Allow: allow }));
    });
  }
}
