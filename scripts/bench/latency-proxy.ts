// A TCP proxy that puts a server "far away": every chunk waits half the round trip on its way in and half on
// its way out, so each request/answer exchange costs at least `roundTripMs` more, as a staging server tens of
// milliseconds away does. Order is kept (one delay per direction, timers of one duration fire in order).
import { createServer, connect, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

export interface LatencyProxy {
  url: string;
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

export async function startLatencyProxy(upstream: string, roundTripMs: number): Promise<LatencyProxy> {
  const target = new URL(upstream);
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const origin = connect(Number(target.port), target.hostname);
    for (const s of [client, origin]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
    }
    delayed(client, origin, roundTripMs / 2);
    delayed(origin, client, roundTripMs / 2);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
