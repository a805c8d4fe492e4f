// One structured log line per request: method, path, operationId, status and time. Headers are never logged,
// so an API key cannot end up in a log. Used only when the logger writes info lines (app.ts), for every request.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";

import { clip } from "../../engine/http-error.js";
import { splitTarget } from "../../engine/request-target.js";

/** Writes the line once the response has been handed to the OS. */
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
