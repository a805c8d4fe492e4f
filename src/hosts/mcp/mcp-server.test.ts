// The MCP server's tools in-process (the SDK's linked in-memory transports): what the packed-kit test in
// scripts/package/kit-package.test.ts does not reach, such as a server that echoes the key.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { afterEach, describe, expect, it } from "vitest";
import { apiSpec } from "../../generated/embedded.js";
import { precompiledEngineValidators } from "../../engine/precompiled-engine-validators.js";
import { DEMO_A } from "../../../test-support/demo-api.js";
import type { CallTarget } from "./call-operation.js";
import { inProcessTarget } from "./call-targets.js";
import { createMcpServer } from "./mcp-server.js";

let client: Client | undefined;
afterEach(async () => client?.close());

async function connect(target: CallTarget): Promise<Client> {
  const server = createMcpServer({ spec: apiSpec, validators: precompiledEngineValidators.api, target, about: "test", version: "0.0.0" });
  const [serverSide, clientSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  client = new Client({ name: "test", version: "0.0.0" });
  await client.connect(clientSide);
  return client;
}

const text = (result: Awaited<ReturnType<Client["callTool"]>>) => (result.content as Array<{ text: string }>).map((c) => c.text).join("");

describe("email-domains-mcp's tools", () => {
  it("never hands on the key, even from a server that echoes it", async () => {
    const key = "secret-key-of-the-test";
    const echoing: CallTarget = {
      baseUrl: "http://echo.test",
      remote: true,
      keyFor: async () => key,
      send: async (request) => new Response(JSON.stringify({ statusCode: 401, error: "Unauthorized", message: [`bad key ${request.headers.get("x-api-key")}`] }), { status: 401, headers: { "content-type": "application/json", "x-echo": key } }),
    };
    const c = await connect(echoing);
    const result = await c.callTool({ name: "call_operation", arguments: { operationId: "listEmailDomains", path: { accountId: DEMO_A.accountId } } });

    expect(JSON.stringify(result)).not.toContain(key);
    expect(result.structuredContent).toMatchObject({ status: 401, headers: { "x-echo": "[api key]" }, body: { message: ["bad key [api key]"] } });
  });

  it("sends the key of the account in the path, in-process, and the API's own 403 for another account's path with --api-key", async () => {
    const c = await connect(inProcessTarget({ apiKey: DEMO_A.apiKey, onError: () => {} }));
    const other = await c.callTool({ name: "call_operation", arguments: { operationId: "listEmailDomains", path: { accountId: "b0000000-0000-4000-8000-000000000002" } } });
    expect(other.structuredContent).toMatchObject({ status: 403, body: { statusCode: 403 } });
  });

  it("says what cannot become a request as a tool error: a missing path parameter, a body on a GET", async () => {
    const c = await connect(inProcessTarget({ onError: () => {} }));
    const missing = await c.callTool({ name: "call_operation", arguments: { operationId: "getEmailDomain", path: { accountId: DEMO_A.accountId } } });
    const bodyOnGet = await c.callTool({ name: "call_operation", arguments: { operationId: "listEmailDomains", path: { accountId: DEMO_A.accountId }, body: {} } });

    expect(missing.isError).toBe(true);
    expect(text(missing)).toContain("path.id");
    expect(bodyOnGet.isError).toBe(true);
    expect(text(bodyOnGet)).toContain("takes no body");
  });

  it("answers a parameter the spec rejects with the API's own 400", async () => {
    const c = await connect(inProcessTarget({ onError: () => {} }));
    const result = await c.callTool({ name: "call_operation", arguments: { operationId: "listEmailDomains", path: { accountId: DEMO_A.accountId }, query: { start: -1 } } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ status: 400, body: { statusCode: 400, error: "Bad Request" } });
  });
});
