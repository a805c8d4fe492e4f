// A lower floor than bare Express: node:http alone on the mock's paths, sending the mock's bodies
// serialised once at start (create parses the JSON body and splices the new name in). The mock sends
// the engine's answers without Express's stack, so this shows how much of Node's own cost is left.
// Run as a child: node --import tsx bare-node-server.ts PORT BODIES_FILE
import { bodies, port } from "./bare-server-args.js";
import { createServer } from "node:http";

const JSON_TYPE = "application/json; charset=utf-8";
const one = Buffer.from(JSON.stringify(bodies.one));
const page = Buffer.from(JSON.stringify(bodies.page));
const marker = "\u0000domain\u0000";
const [before = "", after = ""] = JSON.stringify({ ...bodies.created, domain: marker }).split(JSON.stringify(marker));
const ITEM = /^\/api\/v1\/accounts\/[^/]+\/email-domains\/[^/?]+(\?|$)/;
const COLLECTION = /^\/api\/v1\/accounts\/[^/]+\/email-domains(\?|$)/;

const send = (res: import("node:http").ServerResponse, status: number, body: Buffer | string) =>
  res.writeHead(status, { "Content-Type": JSON_TYPE, "Content-Length": String(Buffer.byteLength(body)) }).end(body);

createServer((req, res) => {
  const url = req.url ?? "/";
  if (req.method === "GET" && ITEM.test(url)) return send(res, 200, one);
  if (req.method === "GET" && COLLECTION.test(url)) return send(res, 200, page);
  if (req.method === "POST" && COLLECTION.test(url)) {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const { domain } = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { domain: string };
      send(res, 201, before + JSON.stringify(domain) + after);
    });
    return;
  }
  send(res, 404, "{}");
}).listen(port, "127.0.0.1");
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(0));
