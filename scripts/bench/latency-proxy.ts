// A TCP proxy that puts a server "far away": every chunk waits half the round trip on its way in and half on
// its way out, so each request/answer exchange costs at least `roundTripMs` more, as a staging server tens of
// milliseconds away does. Order is kept (one delay per direction, timers of one duration fire in order).
import { createServer, connect, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

export interface LatencyProxy {
  url: string;
  /** Requests seen so far (chunks from a client that start with a request line). */
  requests(): number;
  close(): Promise<void>;
}

function delayed(from: Socket, to: Socket, ms: number): void {
  from.on("data", (chunk) => {
    if (ms === 0) to.write(chunk);
    else setTimeout(() => to.writable && to.write(chunk), ms);
  });
  from.on("end", () => setTimeout(() => to.end(), ms));
  from.on("error", () => to.destroy());
}

const REQUEST_LINE = /^[A-Z]{3,7} \//;

export async function startLatencyProxy(upstream: string, roundTripMs: number): Promise<LatencyProxy> {
  const target = new URL(upstream);
  const sockets = new Set<Socket>();
  let requests = 0;
  const server: Server = createServer((client) => {
    const origin = connect(Number(target.port), target.hostname);
    for (const s of [client, origin]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
    }
    client.on("data", (chunk: Buffer) => {
      if (REQUEST_LINE.test(chunk.subarray(0, 16).toString("latin1"))) requests++;
    });
    delayed(client, origin, roundTripMs / 2);
    delayed(origin, client, roundTripMs / 2);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => requests,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
