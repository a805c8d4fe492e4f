// A small HTTP proxy in front of the mock that breaks the contract in one way (a Mutation): it may rewrite
// the request, answer by itself, or rewrite the upstream's answer. Used only by the test of the tests.
import { once } from "node:events";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export interface ProxyRequest {
  method: string;
  /** Path and query, e.g. `/api/v1/accounts/.../email-domains?start=1`. */
  url: string;
  headers: Record<string, string>;
  body: Buffer;
}

export interface ProxyResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface ProxyContext {
  /** Sends a request to the unbroken upstream. */
  upstream(request: ProxyRequest): Promise<ProxyResponse>;
}

export interface Mutation {
  /** Rewrites the request, or answers it without asking the upstream. */
  request?(request: ProxyRequest, ctx: ProxyContext): ProxyRequest | ProxyResponse | Promise<ProxyRequest | ProxyResponse>;
  /** Rewrites the upstream's answer. */
  response?(response: ProxyResponse, request: ProxyRequest, ctx: ProxyContext): ProxyResponse | Promise<ProxyResponse>;
  /**
   * A bug that shows only once an account loses its default or empties: the model stage, run alone against it,
   * may delete the accounts' pre-existing domains (CONTRACT_MODEL_DELETE_EXISTING=1).
   */
  modelDeletesExisting?: boolean;
}

export const HOP_BY_HOP = new Set(["host", "connection", "content-length", "transfer-encoding", "keep-alive", "content-encoding"]);

export const plainHeaders = (headers: Headers) => {
  const out: Record<string, string> = {};
  headers.forEach((v, k) => {
    if (!HOP_BY_HOP.has(k.toLowerCase())) out[k.toLowerCase()] = v;
  });
  return out;
};

async function readRequest(req: IncomingMessage): Promise<ProxyRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string" && !HOP_BY_HOP.has(k)) headers[k] = v;
  return { method: req.method ?? "GET", url: req.url ?? "/", headers, body: Buffer.concat(chunks) };
}

/** One request through a mutation: its rewrite of the request (or its own answer), the upstream's answer, its rewrite of that. */
export async function answerThrough(mutation: Mutation, incoming: ProxyRequest, ctx: ProxyContext): Promise<ProxyResponse> {
  const rewritten = (await mutation.request?.(incoming, ctx)) ?? incoming;
  if ("status" in rewritten) return rewritten;
  const answer = await ctx.upstream(rewritten);
  return mutation.response ? mutation.response(answer, rewritten, ctx) : answer;
}

export async function startMutantProxy(upstreamUrl: string, mutation: Mutation): Promise<{ url: string; close(): Promise<void> }> {
  const ctx: ProxyContext = {
    async upstream(request) {
      const response = await fetch(upstreamUrl + request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body.length > 0 ? new Uint8Array(request.body) : undefined,
        signal: AbortSignal.timeout(10_000),
      });
      return { status: response.status, headers: plainHeaders(response.headers), body: Buffer.from(await response.arrayBuffer()) };
    },
  };
  const server = createServer(async (req, res) => {
    try {
      const answer = await answerThrough(mutation, await readRequest(req), ctx);
      res.writeHead(answer.status, { ...answer.headers, "content-length": String(answer.body.length) });
      res.end(answer.body);
    } catch (error) {
      res.writeHead(502, { "content-type": "text/plain" });
      res.end(`mutant proxy failed: ${String(error)}`);
    }
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// Helpers for mutations that work on JSON.
export const jsonOf = (message: { body: Buffer }): unknown => {
  try {
    return JSON.parse(message.body.toString("utf8")) as unknown;
  } catch {
    return undefined;
  }
};

export const withJson = <T extends ProxyRequest | ProxyResponse>(message: T, value: unknown): T => ({
  ...message,
  headers: { ...message.headers, "content-type": message.headers["content-type"] ?? "application/json" },
  body: Buffer.from(JSON.stringify(value)),
});
