// The mutant proxy without a socket: the same Mutation (mutant-proxy.ts) in front of the in-process host
// (src/hosts/fetch.ts), as a function with fetch's signature. The requests and answers a mutation sees are the
// ones it sees over HTTP (method, path and query, headers without the hop-by-hop ones, body bytes), so a break
// that needs no socket is caught the same way here, without a server and a proxy to start per mutant.
import { answerThrough, HOP_BY_HOP, plainHeaders, type Mutation, type ProxyContext, type ProxyRequest, type ProxyResponse } from "./mutant-proxy.js";

type Fetch = (request: Request) => Promise<Response>;

/** The bytes and headers of a Fetch request, as the HTTP proxy reads them from its socket. */
async function proxyRequestOf(request: Request): Promise<ProxyRequest> {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((v, k) => {
    if (!HOP_BY_HOP.has(k)) headers[k] = v;
  });
  return { method: request.method, url: url.pathname + url.search, headers, body: Buffer.from(await request.arrayBuffer()) };
}

/** A status that carries no body (Fetch refuses one). */
const NULL_BODY = new Set([101, 204, 205, 304]);

const responseOf = (answer: ProxyResponse): Response =>
  new Response(NULL_BODY.has(answer.status) ? null : new Uint8Array(answer.body), { status: answer.status, headers: answer.headers });

/** `upstream` (the in-process host) behind `mutation`, answering requests to any origin. */
export function mutantFetch(upstream: Fetch, mutation: Mutation, origin: string): Fetch {
  const ctx: ProxyContext = {
    async upstream(request) {
      const response = await upstream(
        new Request(origin + request.url, { method: request.method, headers: request.headers, ...(request.body.length > 0 ? { body: new Uint8Array(request.body) } : {}) }),
      );
      return { status: response.status, headers: plainHeaders(response.headers), body: Buffer.from(await response.arrayBuffer()) };
    },
  };
  return async (request) => {
    try {
      return responseOf(await answerThrough(mutation, await proxyRequestOf(request), ctx));
    } catch (error) {
      return new Response(`mutant proxy failed: ${String(error)}`, { status: 502, headers: { "content-type": "text/plain" } });
    }
  };
}
