// The ceiling for an Express server: a bare Express 5 app on the mock's paths that answers the bodies the
// mock answers (read from a JSON file given as argv[3]), with no validation, store or middleware. Create
// parses the same JSON body with express.json, as any Express app taking JSON must.
// Run as a child: node --import tsx bare-express-server.ts PORT BODIES_FILE
import { readFileSync } from "node:fs";
import express from "express";

interface Bodies {
  one: unknown;
  page: unknown;
  created: Record<string, unknown>;
}

const port = Number(process.argv[2]);
const bodies = JSON.parse(readFileSync(process.argv[3] ?? "", "utf8")) as Bodies;

const app = express();
app.get("/api/v1/accounts/:accountId/email-domains/:id", (_req, res) => {
  res.json(bodies.one);
});
app.get("/api/v1/accounts/:accountId/email-domains", (_req, res) => {
  res.json(bodies.page);
});
app.post("/api/v1/accounts/:accountId/email-domains", express.json(), (req, res) => {
  const input = req.body as { domain?: unknown };
  res.status(201).json({ ...bodies.created, domain: input.domain });
});
app.listen(port, "127.0.0.1");
// A clean exit on a signal (also lets `node --cpu-prof` write its profile when profiling the ceiling).
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(0));
