// The request log as `npm start` writes it (asynchronously): one line per request, and none lost when the
// process is stopped with SIGTERM right after a burst of requests.
import { afterEach, describe, expect, it } from "vitest";
import { call, DEMO_A, DEMO_A_DEFAULT_ID, domainsPath } from "../../../test-support/demo-api.js";
import { spawnServer, type SpawnedServer } from "../../../test-support/spawn-server.js";

let server: SpawnedServer | undefined;
afterEach(async () => {
  await server?.kill();
});

describe("request log", () => {
  it("has one line per request, all of them written before the process exits on SIGTERM", async () => {
    server = await spawnServer([]);
    const path = `${domainsPath(DEMO_A.accountId)}/${DEMO_A_DEFAULT_ID}`;
    const requests = 400;
    let sent = 0;
    const worker = async () => {
      while (sent < requests) {
        sent++;
        expect((await call(server!.url, "GET", path, { key: DEMO_A.apiKey })).status).toBe(200);
      }
    };
    await Promise.all(Array.from({ length: 10 }, worker));
    server.child.kill("SIGTERM");
    expect(await server.exited).toEqual({ code: 0, signal: null });
    const lines = server
      .output()
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as { operationId?: string; status?: number; path?: string; signal?: string });
    const logged = lines.filter((l) => l.operationId === "getEmailDomain");
    expect(logged).toHaveLength(requests);
    expect(logged.every((l) => l.status === 200 && l.path === path)).toBe(true);
    // "shutting down" is there too (a request's line may still follow it: its `finish` can come after the signal).
    expect(lines.filter((l) => l.signal === "SIGTERM")).toHaveLength(1);
  }, 30_000);
});
