// The one error shape of the contract ({statusCode, error, message}) and the error every stage throws.
// Transport-neutral: the reason phrases are those of RFC 9110 for the statuses this mock can answer.
import type { ErrorBody } from "../api-types.js";

export type { ErrorBody };

const REASONS: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  408: "Request Timeout",
  409: "Conflict",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  431: "Request Header Fields Too Large",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

export const reasonPhrase = (status: number): string => REASONS[status] ?? "Error";

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string | string[],
    /** Extra response headers, such as `Allow` on a 405. */
    readonly headers: Record<string, string> = {},
  ) {
    super(Array.isArray(detail) ? detail.join("; ") : detail);
    this.name = "HttpError";
  }
}

export function errorBody(status: number, message: string | string[]): ErrorBody {
  // `message` is always a list (the spec's Error schema), one item per problem.
  return { statusCode: status, error: reasonPhrase(status), message: Array.isArray(message) ? message : [message] };
}

/** Keeps request-controlled text (a path, a header) short in messages and logs. */
export function clip(text: string, max = 120): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
