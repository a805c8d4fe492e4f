// A 413 sent before the body was read reaches a Node fetch client (which keeps sending), and an upload that
// never ends is still cut off: by time, and by size.
import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_A, domainsPath } from "../../../test-support/demo-api.js";
import { spawnServer, type SpawnedServer } from "../../../test-support/spawn-server.js";
import { startMock, type RunningMock } from "./start-mock.js";
import { LINGER_LIMITS } from "./lingering-close.js";

const LIST = domainsPath(DEMO_A.accountId);

describe("a body too large for the API, from a Node fetch client", () => {
  // A server in its own process: in one process the client's writes and the server's close never race.
  let server: SpawnedServer;
  beforeAll(async () => {
    server = await spawnServer(["--quiet"]);
  }, 60_000);
  afterAll(() => server.kill());

  it("gets the 413 for a 5 MB upload, every time (not EPIPE)", async () => {
    const body = JSON.stringify({ domain: "big.example.com", description: "x".repeat(5_000_000) });
    for (let i = 0; i < 5; i++) {
      const response = await fetch(server.url + LIST, { method: "POST", headers: { "x-api-key": DEMO_A.apiKey, "content-type": "application/json" }, body });
      expect(response.status).toBe(413);
      expect(((await response.json()) as { statusCode: number }).statusCode).toBe(413);
    }
  }, 60_000);
});

describe("an upload that never ends", () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock({ port: 0 });
  });
  afterAll(() => mock.close());

  /** Opens a chunked POST; resolves when the server closes, with what it sent and how long it kept the socket after answering. */
  function endlessUpload(chunk: Buffer, everyMs: number): Promise<{ answer: string; ms: number }> {
    return new Promise((resolve) => {
      let answered = 0;
      const socket: Socket = connect({ port: mock.port, host: "127.0.0.1" });
      let answer = "";
      let timer: NodeJS.Timeout | undefined;
      const send = () => {
        if (socket.destroyed) return;
        socket.write(`${chunk.length.toString(16)}\r\n`);
        socket.write(chunk);
        socket.write("\r\n", () => (timer = setTimeout(send, everyMs)));
      };
      socket.on("connect", () => {
        socket.write(`POST ${LIST} HTTP/1.1\r\nhost: x\r\nx-api-key: ${DEMO_A.apiKey}\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n`);
        send();
      });
      socket.on("data", (data: Buffer) => {
        answered ||= Date.now();
        answer += data.toString("latin1");
      });
      socket.on("error", () => {});
      socket.on("close", () => {
        clearTimeout(timer);
        resolve({ answer, ms: Date.now() - answered });
      });
    });
  }

  // The 413 comes once 100 kB arrived (about 5 s at this rate); the linger time counts from there.
  it("is answered 413 and cut off after the linger time when it trickles", async () => {
    const { answer, ms } = await endlessUpload(Buffer.alloc(1024, 0x20), 50);
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(ms).toBeGreaterThanOrEqual(LINGER_LIMITS.maxMs - 500);
    expect(ms).toBeLessThan(LINGER_LIMITS.maxMs + 3_000);
  }, 30_000);

  it("is answered 413 and cut off once the discarded bytes pass the size limit when it floods", async () => {
    const { answer, ms } = await endlessUpload(Buffer.alloc(256 * 1024, 0x20), 0);
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(ms).toBeLessThan(LINGER_LIMITS.maxMs);
  }, 20_000);
});
