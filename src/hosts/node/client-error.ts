// Requests that Node's HTTP parser rejects before Express sees them (broken Content-Length or chunked
// framing, unknown methods, oversized headers, timeouts) get the contract's error shape too, instead of
// Node's bare "400 Bad Request" without a body. Never the parser's own message: it names internals.
import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import { httpError, type PlainErrorKind } from "../../engine/error-catalogue.js";
import { errorBody } from "../../engine/http-error.js";

/** The parser's error codes, each with its kind in the error catalogue; any other code is malformedHttp. */
const KINDS: Record<string, PlainErrorKind> = {
  HPE_INVALID_METHOD: "unknownMethod",
  HPE_INVALID_CONTENT_LENGTH: "invalidContentLength",
  HPE_UNEXPECTED_CONTENT_LENGTH: "conflictingFraming",
  HPE_INVALID_CHUNK_SIZE: "invalidChunkedEncoding",
  HPE_INVALID_TRANSFER_ENCODING: "invalidTransferEncoding",
  HPE_HEADER_OVERFLOW: "headersTooLarge",
  ERR_HTTP_REQUEST_TIMEOUT: "requestTimeout",
};

export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  // As Node does: answer only when no response of this connection has started.
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (error.code === "ECONNRESET" || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const { status, detail } = httpError(KINDS[error.code ?? ""] ?? "malformedHttp");
  const body = JSON.stringify(errorBody(status, detail));
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
    "Content-Type: application/json; charset=utf-8",
    `Content-Length: ${Buffer.byteLength(body)}`,
    "Connection: close",
  ];
  socket.end(`${head.join("\r\n")}\r\n\r\n${body}`);
  // Give the answer a moment to leave, then free the connection whatever the peer does.
  setTimeout(() => socket.destroy(), 1_000).unref();
}
