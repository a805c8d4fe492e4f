// The error every client method throws for a non-2xx answer, carrying the contract's error body.
import type { ErrorBody } from "../api-types.js";

/**
 * One brand for every copy of this class: the client package (its ESM and its CommonJS build) and the kit's
 * "/client" each hold their own copy, so `instanceof` asks for the brand (a registered symbol, the same in
 * every module and realm) rather than for one copy's prototype.
 */
const BRAND = Symbol.for("@vortex/email-domains:EmailDomainsApiError");

export class EmailDomainsApiError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    // A subclass keeps the ordinary prototype check; the class itself recognises any copy's errors.
    if (this !== EmailDomainsApiError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === "object" && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
  }

  readonly [BRAND] = true;
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
  const parsed = asErrorBody(body);
  if (parsed) return new EmailDomainsApiError(response.status, parsed.error, parsed.message, parsed);
  const text = typeof body === "string" && body.length > 0 ? body.slice(0, 200) : `HTTP ${response.status}`;
  return new EmailDomainsApiError(response.status, response.statusText || "Error", [text]);
}

/**
 * The contract's error body. `message` is documented as a list; a bare string (what NestJS sends outside its
 * ValidationPipe) is read as a list of one, so `messages` and `body.message` are always arrays.
 */
function asErrorBody(value: unknown): ErrorBody | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const message = v["message"];
  const messages = typeof message === "string" ? [message] : message;
  if (typeof v["statusCode"] !== "number" || typeof v["error"] !== "string") return undefined;
  if (!Array.isArray(messages) || messages.length === 0 || !messages.every((m) => typeof m === "string")) return undefined;
  return { ...v, statusCode: v["statusCode"], error: v["error"], message: messages } as ErrorBody;
}
