// The in-process host: `createMockFetch()` is a function with fetch's signature that answers the API's and
// /__mock's paths of any absolute URL from a mock world of its own, with no port and no socket.
//   const client = createEmailDomainsClient({ baseUrl: "http://mock.test", apiKey, fetch: createMockFetch() });
import { BodyReadError, type EngineRequest } from "./engine/engine-types.js";
import { createInProcessMock, type InProcessMock, type InProcessMockOptions } from "./engine/in-process-mock.js";

export type MockFetchOptions = Omit<InProcessMockOptions, "createStore">;

export type MockFetch = ((input: string | URL | Request, init?: RequestInit) => Promise<Response>) & {
  /** The world behind this function: reset it, or load another seed. */
  mock: Pick<InProcessMock, "reset" | "loadSeed">;
};

/** Reads a Fetch body, at most `limitBytes` of it: a stream longer than the limit is cancelled, not buffered. */
export async function readFetchBody(request: Request, limitBytes: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let next: ReadableStreamReadResult<Uint8Array>;
    try {
      next = await reader.read();
    } catch {
      throw new BodyReadError("aborted");
    }
    if (next.done) break;
    total += next.value.byteLength;
    if (total > limitBytes) {
      await reader.cancel().catch(() => {});
      throw new BodyReadError("too-large", limitBytes);
    }
    chunks.push(next.value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/** The engine's view of a Fetch request. */
export function fromFetchRequest(request: Request): EngineRequest {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => (headers[name] = value));
  return {
    method: request.method,
    url: url.pathname + url.search,
    headers,
    hasBody: request.body !== null,
    readBody: (limit) => readFetchBody(request, limit),
  };
}

/** Answers one Fetch request from the world's engine. */
export async function answerFetchRequest(mock: Pick<InProcessMock, "engine">, request: Request): Promise<Response> {
  const answer = await mock.engine.handle(fromFetchRequest(request));
  const body = answer.body === undefined ? null : JSON.stringify(answer.body);
  return new Response(body, { status: answer.status, headers: answer.headers });
}

export function createMockFetch(options: MockFetchOptions = {}): MockFetch {
  const mock = createInProcessMock(options);
  const mockFetch = async (input: string | URL | Request, init?: RequestInit) => answerFetchRequest(mock, new Request(input, init));
  return Object.assign(mockFetch, { mock: { reset: mock.reset, loadSeed: mock.loadSeed } });
}
