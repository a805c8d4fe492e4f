// One structured log line per request: method, path, status and time. Headers are never logged, so an
// API key cannot end up in a log. Mounted only when the logger writes info lines (app.ts).
import type { RequestHandler } from "express";
import type { Logger } from "pino";
import type { SpecOperation } from "../spec/operations.js";
import { clip } from "./errors.js";

export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    res.on("finish", () => {
      const op = res.locals["operation"] as SpecOperation | undefined;
      logger.info({
        method: req.method,
        path: clip(req.path, 200),
        operationId: op?.operationId,
        status: res.statusCode,
        ms: Math.round((performance.now() - started) * 10) / 10,
      });
    });
    next();
  };
}
