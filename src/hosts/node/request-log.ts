// One structured log line per request: method, path, status and time. Headers are never logged, so an
// API key cannot end up in a log. Used only when the logger writes info lines (app.ts): as Express
// middleware, and by the fast path for the engine's requests.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestHandler } from "express";
import type { Logger } from "pino";

import { clip } from "../../engine/http-error.js";
import { splitTarget } from "../../engine/request-target.js";

/** Writes the line once the response has been handed to the OS, as the middleware below does. */
export function logWhenFinished(logger: Logger, req: IncomingMessage, res: ServerResponse, operationId: () => string | undefined): void {
  const started = performance.now();
  res.once("finish", () => {
    logger.info({
      method: req.method,
      path: clip(splitTarget(req.url ?? "/").path, 200),
      operationId: operationId(),
      status: res.statusCode,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  });
}

export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    res.on("finish", () => {
      const operationId = res.locals["operationId"] as string | undefined;
      logger.info({
        method: req.method,
        path: clip(req.path, 200),
        operationId,
        status: res.statusCode,
        ms: Math.round((performance.now() - started) * 10) / 10,
      });
    });
    next();
  };
}
