// The MSW host in Node (setupServer), where msw's interceptor stands between fetch and the handlers.
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_A, domainsPath } from "../../test-support/demo-api.js";
import { createEmailDomainsClient } from "../client/index.js";
import { createEmailDomainsHandlers } from "./msw.js";

const BASE = "http://email-domains.mock.invalid";
// Made before listen() patched fetch (msw issue 2180's trap): the client must still be answered by the handlers.
const clientBeforeListen = createEmailDomainsClient({ baseUrl: BASE, apiKey: DEMO_A.apiKey });
const server = setupServer(...createEmailDomainsHandlers().handlers);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

describe("the typed client under MSW in Node", () => {
  it("is answered by the handlers although it was created before server.listen()", async () => {
    const created = await clientBeforeListen.create(DEMO_A.accountId, { domain: "made-before-listen.example.com" });
    const page = await clientBeforeListen.list(DEMO_A.accountId);

    expect(created.domain).toBe("made-before-listen.example.com");
    expect(page.map((d) => d.domain)).toContain("made-before-listen.example.com");
  });
});

describe("the MSW host in Node, bodies over the limit", () => {
  // Past the limit the body reader stops; awaiting reader.cancel() there never settled under msw's interceptor.
  it.each([110_000, 200_000, 2_000_000])("answers a %i-byte POST with 413", async (size) => {
    const body = JSON.stringify({ domain: "big.example.com", description: "x".repeat(size) });
    const response = await fetch(BASE + domainsPath(DEMO_A.accountId), {
      method: "POST",
      headers: { "x-api-key": DEMO_A.apiKey, "content-type": "application/json" },
      body,
      signal: AbortSignal.timeout(4_000),
    });
    expect(response.status).toBe(413);
  });
});
