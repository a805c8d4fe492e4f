// What a host hands the engine and what it gets back: plain data, no transport. A host (the Express
// server, the in-process fetch, MSW) translates its own request into an EngineRequest and the answer back.

/** Header values as Node gives them: lower-case names; a repeated header may arrive as an array. */
export type EngineHeaders = Readonly<Record<string, string | string[] | undefined>>;

export interface EngineRequest {
  method: string;
  /** The request target as sent: path and query, e.g. `/api/v1/accounts/a/email-domains?start=2`. */
  url: string;
  headers: EngineHeaders;
  /** True when a body follows (Node: Content-Length above 0 or a Transfer-Encoding; Fetch: `body !== null`). */
  hasBody: boolean;
  /**
   * Reads the whole body, at most `limitBytes` of it. Called only after the headers announced a body.
   * Throws BodyReadError when the body is larger than the limit or was not completely sent.
   */
  readBody(limitBytes: number): Promise<Uint8Array>;
}

export interface EngineResponse {
  status: number;
  headers: Record<string, string>;
  /** A JSON value to send, or undefined for no body (204, or HEAD). */
  body: unknown;
  /** The operation that answered, for the host's request log. */
  operationId: string | undefined;
}

/** Why a body could not be read; the engine's error-to-response function maps each kind to its status. */
export class BodyReadError extends Error {
  constructor(
    readonly kind: "too-large" | "aborted" | "length-mismatch",
    readonly limitBytes?: number,
  ) {
    super(`request body ${kind}`);
    this.name = "BodyReadError";
  }
}

export interface EngineLogEvent {
  /** What went wrong, for the host's logger; never sent to the client. */
  error: unknown;
  method: string;
  operationId: string | undefined;
  message: "contract violation" | "unexpected error";
}
