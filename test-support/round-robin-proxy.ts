// A small load balancer for tests and the bench: each request goes to the next upstream in turn, so two
// requests in a row never reach the same mock (with two upstreams). Bodies and headers pass through as they
// are; an upstream that cannot be reached answers 502. Listens on 127.0.0.1, an ephemeral port.
import { once } from "node:events";
import { Agent, createServer, request, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RoundRobinProxy {
  url: string;
  /** How many requests each upstream got, in the order given. */
  counts(): number[];
  close(): Promise<void>;
}

export async function startRoundRobinProxy(upstreams: string[], port = 0): Promise<RoundRobinProxy> {
  const targets = upstreams.map((u) => new URL(u));
  const counts = targets.map(() => 0);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  let next = 0;

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const index = next++ % targets.length;
    counts[index]!++;
    const target = targets[index]!;
    const upstream = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.rawHeaders as unknown as Record<string, string>);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => {
      if (res.headersSent) return void res.destroy();
      res.writeHead(502, { "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify({ statusCode: 502, error: "Bad Gateway", message: `upstream ${index} cannot be reached` }));
    });
    req.pipe(upstream);
  });
  server.listen(port, "127.0.0.1");
  await once(server, "listening");
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}`,
    counts: () => [...counts],
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      agent.destroy();
    },
  };
}
