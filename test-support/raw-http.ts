// Raw HTTP/1.1 over a TCP socket, for requests that fetch refuses to send: broken framing, invalid bytes,
// repeated headers, odd methods. The request should carry `Connection: close`; the answer is read to the end.
import { connect } from "node:net";

export interface RawAnswer {
  /** 0 when the server closed the connection without answering. */
  status: number;
  headers: Record<string, string>;
  body: string;
  raw: string;
}

export function rawRequest(port: number, request: string | Buffer, options: { timeoutMs?: number; halfClose?: boolean } = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: "127.0.0.1" });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no complete answer in ${options.timeoutMs ?? 10_000} ms; got: ${Buffer.concat(chunks).toString("latin1").slice(0, 300)}`));
    }, options.timeoutMs ?? 10_000);
    socket.on("connect", () => {
      socket.write(request);
      if (options.halfClose) socket.end();
    });
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(parseAnswer(Buffer.concat(chunks)));
    };
    socket.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      // A complete answer counts even when the server keeps the connection (e.g. draining a body).
      if (isComplete(Buffer.concat(chunks))) finish();
    });
    socket.on("error", () => {}); // a reset after the answer is still an answer; judged by the caller
    socket.on("close", finish);
  });
}

function isComplete(bytes: Buffer): boolean {
  const end = bytes.indexOf("\r\n\r\n");
  if (end < 0) return false;
  const head = bytes.subarray(0, end).toString("latin1");
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  if (length) return bytes.length - end - 4 >= Number(length[1]);
  if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) return bytes.includes("\r\n0\r\n\r\n", end);
  return /^HTTP\/1\.1 (204|304|1\d\d)/.test(head);
}

export function parseAnswer(bytes: Buffer): RawAnswer {
  const raw = bytes.toString("utf8");
  const end = bytes.indexOf("\r\n\r\n");
  if (!raw.startsWith("HTTP/1.1 ") || end < 0) return { status: 0, headers: {}, body: "", raw };
  const [statusLine, ...lines] = bytes.subarray(0, end).toString("latin1").split("\r\n");
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = bytes.subarray(end + 4);
  if (headers["transfer-encoding"] === "chunked") body = unchunk(body);
  return { status: Number(statusLine!.split(" ")[1]), headers, body: body.toString("utf8"), raw };
}

function unchunk(bytes: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = bytes.indexOf("\r\n", at);
    const size = parseInt(bytes.subarray(at, lineEnd).toString("latin1"), 16);
    if (!(size > 0)) return Buffer.concat(parts);
    parts.push(bytes.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}
