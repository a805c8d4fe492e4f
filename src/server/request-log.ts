// One structured log line per request: method, path, status and time. Headers are never logged, so an
// API key cannot end up in a log. Mounted only when the logger writes info lines (app.ts).
import type { RequestHandler } from "express";
import type { Logger } from "pino";

import { clip } from "../engine/http-error.js";

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
