// Serves a built page's directory from 127.0.0.1 on a free port with the headers given (a CSP), standing in
// for a frontend's dev server, and remembers every path asked for.
import { once } from "node:events";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
};

export interface ServedDirectory {
  url: string;
  /** Paths requested from this server, in order. */
  requested: string[];
  close(): Promise<void>;
}

export async function serveDirectory(dir: string, headers: Record<string, string>): Promise<ServedDirectory> {
  const root = normalize(dir + sep);
  const requested: string[] = [];
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    requested.push(path);
    const file = normalize(join(root, path === "/" ? "index.html" : decodeURIComponent(path)));
    try {
      if (!file.startsWith(root)) throw new Error("outside the page");
      const body = await readFile(file);
      res.writeHead(200, { ...headers, "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" }).end(body);
    } catch {
      res.writeHead(404, { ...headers, "content-type": "text/plain" }).end("not found");
    }
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requested,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
