// Requests that Node's HTTP parser rejects before Express sees them (broken Content-Length or chunked
// framing, unknown methods, oversized headers, timeouts) get the contract's error shape too, instead of
// Node's bare "400 Bad Request" without a body. Never the parser's own message: it names internals.
import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import { errorBody } from "../../engine/http-error.js";

const MESSAGES: Record<string, string> = {
  HPE_INVALID_METHOD: "Unknown HTTP method",
  HPE_INVALID_CONTENT_LENGTH: "Invalid Content-Length header",
  HPE_UNEXPECTED_CONTENT_LENGTH: "Conflicting Content-Length or Transfer-Encoding headers",
  HPE_INVALID_CHUNK_SIZE: "Invalid chunked transfer encoding",
  HPE_INVALID_TRANSFER_ENCODING: "Invalid Transfer-Encoding header",
  HPE_HEADER_OVERFLOW: "Request headers are too large",
  ERR_HTTP_REQUEST_TIMEOUT: "The request was not completely sent in time",
};

function statusFor(code: string | undefined): number {
  if (code === "HPE_HEADER_OVERFLOW") return 431;
  if (code === "ERR_HTTP_REQUEST_TIMEOUT") return 408;
  return 400;
}

export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  // As Node does: answer only when no response of this connection has started.
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (error.code === "ECONNRESET" || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const status = statusFor(error.code);
  const body = JSON.stringify(errorBody(status, MESSAGES[error.code ?? ""] ?? "Malformed HTTP request"));
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
