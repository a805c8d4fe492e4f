// The errors that more than one stage answers, each written once (as Fastify keeps one catalogue of errors):
// the 413 of a body over the limit, whether refused by its Content-Length or while it was read, and the
// 503 of a store that cannot answer, on every operation and on the health check.
import { HttpError } from "./http-error.js";

export const STORE_UNAVAILABLE_MESSAGE = "The data store is unavailable; try again shortly";

/** 503, with when to try again; the cause (a Redis address) stays in the log. */
export const storeUnavailable = (): HttpError => new HttpError(503, STORE_UNAVAILABLE_MESSAGE, { "Retry-After": "1" });

/** 413; the connection closes, since the rest of the body is not read (the server host lingers first). */
export const bodyTooLarge = (limitBytes: number | undefined): HttpError =>
  new HttpError(413, `Request body is larger than the limit of ${limitBytes ?? "the"} bytes`, { Connection: "close" });
