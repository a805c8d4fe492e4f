// Reads a JSON request body with Express's own parser (size limit, charsets), after checking that the
// request says it is JSON. Each way a body can be wrong maps to the documented status:
// not JSON -> 415, over the limit -> 413, not parseable or not UTF-8 -> 400, absent -> 400.
// The limit of the API's operations comes from the spec (`x-max-body-bytes` of their 413 response).
import { isUtf8 } from "node:buffer";
import express, { type Request, type Response } from "express";
import { clip, HttpError } from "./errors.js";

const hasBody = (req: Request) => req.headers["transfer-encoding"] !== undefined || Number(req.headers["content-length"] ?? 0) > 0;

export type JsonBodyReader = (req: Request, res: Response) => Promise<unknown>;

export function createJsonBodyReader(limitBytes: number): JsonBodyReader {
  const parseJson = express.json({
    limit: limitBytes,
    strict: false, // any JSON value parses; the schema then says why a non-object is wrong
    type: () => true, // the media type was checked before
    verify: (_req, _res, buffer) => {
      if (!isUtf8(buffer)) throw new Error("Request body is not valid UTF-8");
    },
  });
  return (req, res) => readJsonBody(req, res, parseJson, limitBytes);
}

function readJsonBody(req: Request, res: Response, parseJson: ReturnType<typeof express.json>, limitBytes: number): Promise<unknown> {
  if (!hasBody(req)) return Promise.reject(new HttpError(400, "A JSON request body is required"));
  if (!req.is("application/json")) {
    const type = req.headers["content-type"];
    return Promise.reject(new HttpError(415, `Content-Type must be application/json, got ${type ? JSON.stringify(type.slice(0, 100)) : "none"}`));
  }
  // The parser would decode any utf-* charset (UTF-16 too); JSON between systems is UTF-8 (RFC 8259).
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(req.headers["content-type"] ?? "")?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== "utf-8" && charset !== "utf8") {
    return Promise.reject(new HttpError(415, "Request body must be JSON encoded as UTF-8"));
  }
  // Refused before reading: the parser drains a too-large body completely before it answers (10 GB
  // announced means no answer at all), and closing the connection spares reading the rest.
  if (Number(req.headers["content-length"]) > limitBytes) {
    return Promise.reject(new HttpError(413, `Request body is larger than the limit of ${limitBytes} bytes`, { Connection: "close" }));
  }
  return new Promise((resolve, reject) => {
    parseJson(req, res, (error?: unknown) => (error ? reject(toHttpError(error)) : resolve(req.body)));
  });
}

/** Turns a body-parser failure into the contract's status and a message without internals. */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  const e = error as { type?: string; status?: number; message?: string };
  switch (e.type) {
    case "entity.too.large":
      return new HttpError(413, `Request body is larger than the limit of ${String((error as { limit?: number }).limit ?? "the")} bytes`);
    case "entity.parse.failed":
      return new HttpError(400, `Request body is not valid JSON: ${clip(e.message ?? "parse error", 200)}`);
    case "encoding.unsupported":
    case "charset.unsupported":
      return new HttpError(415, "Request body must be JSON encoded as UTF-8");
    case "entity.verify.failed":
      return new HttpError(400, e.message ?? "Request body was rejected");
    case "request.size.invalid":
      return new HttpError(400, "Request body length does not match its Content-Length");
    case "request.aborted":
      return new HttpError(400, "Request body was not completely sent");
    default:
      if (e.status === 400) return new HttpError(400, e.message ?? "Bad request body");
      return new HttpError(400, "Request body could not be read");
  }
}
