// An answer sent before the request's body was read (a 413, say) must not be followed at once by closing
// the socket: unread bytes make the kernel reset the connection, and a client still sending (Node's fetch)
// gets EPIPE instead of the answer. As nginx's lingering close does, the rest of the body is read and
// discarded for a bounded time and size, then the connection closes; an endless upload is still cut off.
import type { IncomingMessage, ServerResponse } from "node:http";

export interface LingerLimits {
  /** Discard at most this many more bytes; a body announced larger is not waited for at all. */
  maxBytes: number;
  /** Wait at most this long for the rest of the body. */
  maxMs: number;
}

export const LINGER_LIMITS: LingerLimits = { maxBytes: 16 * 1024 * 1024, maxMs: 5_000 };

/** True when the answer closes the connection while the request still has body bytes to come. */
export function needsLinger(req: IncomingMessage, headers: Record<string, string>): boolean {
  return !req.complete && Object.keys(headers).some((name) => name.toLowerCase() === "connection" && headers[name]!.toLowerCase() === "close");
}

/**
 * Ends `res` (whose head and body are written already) once the request's body has been read to its end;
 * past either limit, or when the announced length is over the byte limit, the socket is destroyed instead.
 */
export function endAfterBody(req: IncomingMessage, res: ServerResponse, limits: LingerLimits = LINGER_LIMITS): void {
  const announced = Number(req.headers["content-length"] ?? 0);
  if (announced > limits.maxBytes) return void res.end(); // closed at once, as before: nothing to wait for
  const cut = () => {
    clearTimeout(timer);
    req.socket.destroy();
  };
  let discarded = 0;
  const timer = setTimeout(cut, limits.maxMs);
  timer.unref();
  req.on("data", (chunk: Buffer) => {
    discarded += chunk.byteLength;
    if (discarded > limits.maxBytes) cut();
  });
  req.once("end", () => {
    clearTimeout(timer);
    res.end();
  });
  req.once("error", cut);
  req.once("close", () => clearTimeout(timer));
  req.resume();
}
