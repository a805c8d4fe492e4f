// The mock cannot drift from the spec: a response that breaks it is turned into a loud 500 naming the rule,
// never sent as if it were fine. Proved with a store that returns what the spec forbids.
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { createApp } from "../hosts/node/app.js";
import { bundledControlSpecJson } from "../project-paths.js";
import { demoSeedFile, loadSeedFile } from "../seed/load-seed.js";
import { loadBundledSpec } from "../spec/load-spec.js";
import { createSchemaValidators } from "../spec/schema-validator.js";
import { systemEnvironment } from "../storage/environment.js";
import { createMemoryStore } from "../domain/stores.js";
import type { EmailDomain, EmailDomainStore } from "../storage/types.js";
import { API_KEY_HEADER } from "../generated/spec-values.js";
import { DEMO_A } from "../../test-support/demo-api.js";

const spec = loadBundledSpec();
const controlSpec = loadBundledSpec(bundledControlSpecJson);
const seed = loadSeedFile(demoSeedFile, createSchemaValidators(spec));
const ID = "d0000000-0000-4000-8000-00000000a001";
const path = `/api/v1/accounts/${DEMO_A.accountId}/email-domains/${ID}`;

async function getWith(corrupt: (d: EmailDomain) => unknown, responseCheck: boolean) {
  const real = createMemoryStore(seed, systemEnvironment());
  const store: EmailDomainStore = { ...real, get: async (a, i) => corrupt((await real.get(a, i))!) as EmailDomain };
  const server = createServer(createApp({ store, spec, controlSpec, seed, options: { responseCheck } })).listen(0, "127.0.0.1");
  await once(server, "listening");
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`, { headers: { [API_KEY_HEADER]: DEMO_A.apiKey } });
    return { status: res.status, body: await res.json() };
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

describe("the response self-check", () => {
  it.each([
    ["a required field is missing", (d: EmailDomain) => ({ ...d, isVerified: undefined }), "isVerified"],
    ["a field has the wrong type", (d: EmailDomain) => ({ ...d, dkimAttempts: "1" }), "dkimAttempts"],
    ["an enum value is not documented", (d: EmailDomain) => ({ ...d, dkimStatus: "pending" }), "dkimStatus"],
    ["an undocumented field appears", (d: EmailDomain) => ({ ...d, secret: 1 }), "secret"],
  ])("turns a response where %s into a 500 naming the field", async (_name, corrupt, field) => {
    const res = await getWith(corrupt, true);
    expect(res.status).toBe(500);
    expect(res.body.message.join("\n")).toContain("broke its contract");
    expect(res.body.message.join("\n")).toContain(field);
  });

  it("can be switched off, and then sends what the store returned", async () => {
    const res = await getWith((d) => ({ ...d, dkimStatus: "pending" }), false);
    expect(res.status).toBe(200);
    expect(res.body.dkimStatus).toBe("pending");
  });
});
