// The one error shape of the contract ({statusCode, error, message}) and the error the HTTP layer throws.
import { STATUS_CODES } from "node:http";
import type { ErrorBody } from "../api-types.js";

export type { ErrorBody };

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
  return { statusCode: status, error: STATUS_CODES[status] ?? "Error", message: Array.isArray(message) ? message : [message] };
}

/** Keeps request-controlled text (a path, a header) short in messages and logs. */
export function clip(text: string, max = 120): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
