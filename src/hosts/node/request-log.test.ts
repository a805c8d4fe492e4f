// The request log of the one request path (app.ts): exactly one line per request, whichever way it is
// answered (the engine, a static file, a CORS preflight) and however the headers are set (recorded once,
// or helmet and CORS run on the request for --cors-origin).
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { pino } from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { createApp, type AppOptions } from "./app.js";
import { API_KEY_HEADER } from "../../generated/spec-values.js";
import { bundledControlSpecJson } from "../../project-paths.js";
import { demoSeedFile, loadSeedFile } from "../../seed/load-seed.js";
import { loadBundledSpec } from "../../spec/load-spec.js";
import { createSchemaValidators } from "../../spec/schema-validator.js";
import { systemEnvironment } from "../../storage/environment.js";
import { createMemoryStore } from "../../domain/stores.js";
import { DEMO_A, DEMO_A_DEFAULT_ID, domainsPath } from "../../../test-support/demo-api.js";

const spec = loadBundledSpec();
const validators = createSchemaValidators(spec);
const seed = loadSeedFile(demoSeedFile, validators);
const controlSpec = loadBundledSpec(bundledControlSpecJson);
const servers: Server[] = [];
afterAll(() => {
  for (const server of servers) server.close();
});

interface Line {
  method?: string;
  path?: string;
  operationId?: string;
  status?: number;
}

/** A server whose request log lines are collected, parsed. */
async function logged(options: AppOptions): Promise<{ base: string; lines: Line[] }> {
  const lines: Line[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const text of chunk.toString("utf8").split("\n")) if (text) lines.push(JSON.parse(text) as Line);
      done();
    },
  });
  const logger = pino({ level: "info" }, sink);
  const store = createMemoryStore(seed, systemEnvironment());
  const server = createServer(createApp({ store, spec, controlSpec, seed, validators: { api: validators }, options: { ...options, logger } })).listen(0, "127.0.0.1");
  servers.push(server);
  await once(server, "listening");
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, lines };
}

const one = `${domainsPath(DEMO_A.accountId)}/${DEMO_A_DEFAULT_ID}`;
const REQUESTS: Array<{ name: string; method: string; path: string; headers: Record<string, string>; line: Line }> = [
  { name: "an operation", method: "GET", path: one, headers: { [API_KEY_HEADER]: DEMO_A.apiKey }, line: { method: "GET", path: one, operationId: "getEmailDomain", status: 200 } },
  { name: "an error of an operation", method: "GET", path: one, headers: {}, line: { method: "GET", path: one, operationId: "getEmailDomain", status: 401 } },
  { name: "an unknown route", method: "GET", path: "/no/such/route", headers: {}, line: { method: "GET", path: "/no/such/route", status: 404 } },
  { name: "a static file", method: "GET", path: "/openapi.json", headers: {}, line: { method: "GET", path: "/openapi.json", status: 200 } },
  {
    name: "a CORS preflight",
    method: "OPTIONS",
    path: one,
    headers: { origin: "http://frontend.test", "access-control-request-method": "PATCH" },
    line: { method: "OPTIONS", path: one, status: 204 },
  },
];

describe.each([
  ["headers recorded once", {}],
  ["helmet and CORS on each request", { liveHeaders: true }],
  ["--cors-origin", { corsOrigins: ["http://frontend.test"] }],
] as Array<[string, AppOptions]>)("the request log, %s", (_mode, options) => {
  it.each(REQUESTS)("has one line for $name", async ({ method, path, headers, line }) => {
    const { base, lines } = await logged(options);
    const res = await fetch(base + path, { method, headers });
    await res.arrayBuffer();
    // The line is written on `finish`, which may come just after the client has the answer; a second line
    // for the same request would be written in that same event.
    await expect.poll(() => lines.length).toBeGreaterThan(0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject(line);
    if (line.operationId === undefined) expect(lines[0]?.operationId).toBeUndefined();
  });
});
