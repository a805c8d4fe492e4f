// The ceiling for an Express server: a bare Express 5 app on the mock's paths that answers the bodies the
// mock answers (read from a JSON file given as argv[3]), with no validation, store or middleware. Create
// parses the same JSON body with express.json, as any Express app taking JSON must.
// Two variants (argv[4]):
//   res.json        serialises the body on every request with res.json (Express defaults)
//   pre-serialised  serialises each body once at start and sends the bytes (create splices the new name
//                   into a body serialised once), so no ceiling does less per request than this one
// Run as a child: node --import tsx bare-express-server.ts PORT BODIES_FILE [res.json|pre-serialised]
import { bodies, port } from "./bare-server-args.js";
import express from "express";

const preSerialised = process.argv[4] === "pre-serialised";

const app = express();
if (preSerialised) {
  const JSON_TYPE = "application/json; charset=utf-8";
  const one = Buffer.from(JSON.stringify(bodies.one));
  const page = Buffer.from(JSON.stringify(bodies.page));
  // The created body around its `domain` value: everything else is serialised once.
  const marker = "\u0000domain\u0000";
  const [before = "", after = ""] = JSON.stringify({ ...bodies.created, domain: marker }).split(JSON.stringify(marker));
  app.get("/api/v1/accounts/:accountId/email-domains/:id", (_req, res) => {
    res.type(JSON_TYPE).send(one);
  });
  app.get("/api/v1/accounts/:accountId/email-domains", (_req, res) => {
    res.type(JSON_TYPE).send(page);
  });
  app.post("/api/v1/accounts/:accountId/email-domains", express.json(), (req, res) => {
    const input = req.body as { domain?: unknown };
    res.status(201).type(JSON_TYPE).send(before + JSON.stringify(input.domain) + after);
  });
} else {
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
}
app.listen(port, "127.0.0.1");
// A clean exit on a signal (also lets `node --cpu-prof` write its profile when profiling the ceiling).
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(0));
