// The error every client method throws for a non-2xx answer, carrying the contract's error body.
import type { ErrorBody } from "../api-types.js";

export class EmailDomainsApiError extends Error {
  override readonly name = "EmailDomainsApiError";
  /** The HTTP status (equals the body's `statusCode` for a conforming server). */
  readonly statusCode: number;
  /** The reason phrase, for example `Conflict`. */
  readonly error: string;
  /** Every problem the server listed; `message` is these joined with "; ". */
  readonly messages: string[];
  /** The parsed body, or undefined when the server did not send the documented error shape. */
  readonly body: ErrorBody | undefined;

  constructor(statusCode: number, error: string, messages: string[], body?: ErrorBody) {
    super(messages.join("; "));
    this.statusCode = statusCode;
    this.error = error;
    this.messages = messages;
    this.body = body;
  }
}

/** Builds the error from a response; a proxy's HTML page or an empty body still gives a useful error. */
export function toApiError(response: Response, body: unknown): EmailDomainsApiError {
  if (isErrorBody(body)) {
    const messages = Array.isArray(body.message) ? body.message : [body.message];
    return new EmailDomainsApiError(response.status, body.error, messages, body);
  }
  const text = typeof body === "string" && body.length > 0 ? body.slice(0, 200) : `HTTP ${response.status}`;
  return new EmailDomainsApiError(response.status, response.statusText || "Error", [text]);
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  const message = v["message"];
  return (
    typeof v["statusCode"] === "number" &&
    typeof v["error"] === "string" &&
    (typeof message === "string" || (Array.isArray(message) && message.every((m) => typeof m === "string")))
  );
}
