// SIGTERM: the request in flight finishes, new connections are refused, the state file is closed cleanly,
// and the process exits 0 within 5 s (the one timed promise of the CLI, checked with its own bound).
import { existsSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { call, DEMO_A, domainsPath } from "../../../test-support/demo-api.js";
import { spawnServer, type SpawnedServer } from "../../../test-support/spawn-server.js";
import { tempDir } from "../../../test-support/store-fixtures.js";

let tmp: ReturnType<typeof tempDir> | undefined;
let server: SpawnedServer | undefined;
afterEach(async () => {
  await server?.kill();
  tmp?.remove();
});

describe("server shutdown on SIGTERM", () => {
  it("finishes the request in flight, refuses new ones, closes the state file and exits 0 within 5 s", async () => {
    tmp = tempDir();
    const file = join(tmp.dir, "state.db");
    server = await spawnServer(["--state-file", file, "--quiet"]);
    const path = domainsPath(DEMO_A.accountId);
    const created = await call(server.url, "POST", path, { key: DEMO_A.apiKey, body: { domain: "before-stop.example.com" } });
    expect(created.status).toBe(201);

    // A slow request (1 s) on a keep-alive connection, then the signal while it is in flight.
    const slow = call(server.url, "GET", path, { key: DEMO_A.apiKey, headers: { prefer: "delay=1000" } });
    await new Promise((resolve) => setTimeout(resolve, 250));
    const signalledAt = performance.now();
    server.child.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 150));
    // The listening socket is closed: a new connection is refused.
    await expect(fetch(`${server.url}${path}`, { headers: { "x-api-key": DEMO_A.apiKey }, signal: AbortSignal.timeout(3_000) })).rejects.toThrow();

    const answer = await slow;
    expect(answer.status).toBe(200);
    expect((answer.body as Array<{ domain: string }>).map((d) => d.domain)).toContain("before-stop.example.com");

    const exit = await server.exited;
    const tookMs = performance.now() - signalledAt;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(tookMs).toBeLessThan(5_000);
    if (process.env["SHUTDOWN_REPORT"]) console.log(`exit ${Math.round(tookMs)} ms after SIGTERM`);

    // Closed cleanly: the WAL was folded into the file and removed, and the file is sound.
    expect(existsSync(`${file}-wal`)).toBe(false);
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(db.prepare("SELECT count(*) AS n FROM domains WHERE name = ?").get("before-stop.example.com")).toEqual({ n: 1 });
    } finally {
      db.close();
    }
  }, 30_000);
});
