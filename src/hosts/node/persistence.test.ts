// --state-file: the real CLI is killed with SIGKILL in the middle of a burst of writes, restarted on the same
// file, and must hold every write it acknowledged, and no trace of a write it refused.
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { call, DEMO_A, DEMO_A_DEFAULT_ID, domainsPath, listAll } from "../../../test-support/demo-api.js";
import { spawnServer, type SpawnedServer } from "../../../test-support/spawn-server.js";
import { tempDir } from "../../../test-support/store-fixtures.js";

let tmp: ReturnType<typeof tempDir> | undefined;
const servers: SpawnedServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.kill();
  tmp?.remove();
});

async function start(stateFile: string): Promise<SpawnedServer> {
  const server = await spawnServer(["--state-file", stateFile, "--quiet"]);
  servers.push(server);
  return server;
}

describe("server --state-file", () => {
  it("says in its banner whether the seed was loaded: yes into a new file, no when the file already held data", async () => {
    tmp = tempDir();
    const file = join(tmp.dir, "state.db");
    const seedLine = (server: SpawnedServer) => server.output().split("\n").find((line) => line.trim().startsWith("Seed"));
    const first = await spawnServer(["--state-file", file]);
    servers.push(first);
    expect(seedLine(first)).toMatch(/Seed\s+built-in demo seed$/);
    await first.kill();
    const second = await spawnServer(["--state-file", file]);
    servers.push(second);
    expect(seedLine(second)).toMatch(/Seed\s+not loaded: the state already held data/);
  });

  it("keeps every acknowledged write through kill -9 mid-burst, and no refused write leaves a trace", async () => {
    tmp = tempDir();
    const file = join(tmp.dir, "state.db");
    const first = await start(file);
    const path = domainsPath(DEMO_A.accountId);

    const acknowledged = new Map<string, string>(); // id -> the 201 body, as sent
    const refused: string[] = []; // descriptions of writes answered with an error
    let killed = false;
    let sentAtKill = 0;
    const TOTAL = 600;
    let next = 0;
    // 16 clients send creates; every 4th is a duplicate of a seeded name (409) or an invalid update (400).
    const client = async () => {
      while (next < TOTAL) {
        const i = next++;
        const marker = `burst-${i}`;
        try {
          if (i % 4 === 3) {
            const dup = i % 8 === 3;
            const res = dup
              ? await call(first.url, "POST", path, { key: DEMO_A.apiKey, body: { domain: "ACME-SHOP.com", description: marker } })
              : await call(first.url, "PATCH", `${path}/${DEMO_A_DEFAULT_ID}`, { key: DEMO_A.apiKey, body: { description: marker, extra: 1 } });
            expect(res.status).toBe(dup ? 409 : 400);
            refused.push(marker);
          } else {
            const res = await call(first.url, "POST", path, { key: DEMO_A.apiKey, body: { domain: `n${i}.burst.example.com`, description: marker } });
            expect(res.status).toBe(201);
            acknowledged.set((res.body as { id: string }).id, res.text);
          }
        } catch (error) {
          if (!killed) throw error; // only the kill may break a request
        }
        if (acknowledged.size >= 150 && !killed) {
          killed = true;
          sentAtKill = next;
          first.child.kill("SIGKILL");
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, client));
    const exit = await first.exited;
    expect(exit.signal).toBe("SIGKILL");
    expect(acknowledged.size).toBeGreaterThanOrEqual(150);
    expect(sentAtKill).toBeLessThan(TOTAL); // the kill landed mid-burst

    const second = await start(file);
    const domains = await listAll(second.url, DEMO_A);
    const byId = new Map(domains.map((d) => [d["id"] as string, d]));
    for (const [id, text] of acknowledged) {
      expect(byId.has(id), `acknowledged ${id} is missing`).toBe(true);
      expect(JSON.stringify(byId.get(id))).toBe(text);
    }
    const descriptions = new Set(domains.map((d) => d["description"]));
    for (const marker of refused) expect(descriptions.has(marker), `refused write ${marker} left a trace`).toBe(false);
    expect(byId.get(DEMO_A_DEFAULT_ID)?.["description"]).toBe("Transactional email");
    // Domains that were in flight at the kill may or may not be there, but only whole and only once per name.
    const names = domains.map((d) => d["domain"]);
    expect(new Set(names).size).toBe(names.length);
    const seededIds = new Set(["a001", "a002", "a003", "a004", "a005"].map((n) => `d0000000-0000-4000-8000-00000000${n}`));
    for (const d of domains) {
      if (acknowledged.has(d["id"] as string) || seededIds.has(d["id"] as string)) continue;
      // Not acknowledged: a create that was in flight at the kill; it may have committed, but only as a whole.
      const i = Number(/^burst-(\d+)$/.exec(String(d["description"]))?.[1]);
      expect(d["domain"]).toBe(`n${i}.burst.example.com`);
    }
  }, 60_000);

  it("starts a new file from the seed, keeps an existing one, and /__mock/reset reloads the seed into it", async () => {
    tmp = tempDir();
    const file = join(tmp.dir, "state.db");
    const first = await start(file);
    const path = domainsPath(DEMO_A.accountId);
    const seeded = await listAll(first.url, DEMO_A);
    expect(seeded).toHaveLength(5);
    const created = await call(first.url, "POST", path, { key: DEMO_A.apiKey, body: { domain: "kept.example.com" } });
    expect(created.status).toBe(201);
    await call(first.url, "DELETE", `${path}/${DEMO_A_DEFAULT_ID}`, { key: DEMO_A.apiKey });
    first.child.kill("SIGTERM");
    expect((await first.exited).code).toBe(0);

    const second = await start(file);
    const kept = await listAll(second.url, DEMO_A);
    expect(kept.map((d) => d["domain"])).toEqual([...seeded.slice(1).map((d) => d["domain"]), "kept.example.com"]);
    expect(kept[0]?.["isDefault"]).toBe(true);
    expect((await call(second.url, "POST", "/__mock/reset")).status).toBe(204);
    second.child.kill("SIGTERM");
    expect((await second.exited).code).toBe(0);

    const third = await start(file);
    expect((await listAll(third.url, DEMO_A)).map((d) => d["domain"])).toEqual(seeded.map((d) => d["domain"]));
  }, 60_000);

  it("refuses to start on a file another mock holds, with a message naming the file", async () => {
    tmp = tempDir();
    const file = join(tmp.dir, "state.db");
    await start(file);
    await expect(spawnServer(["--state-file", file, "--quiet"])).rejects.toThrow(/State file .*state\.db: is in use by another running mock/);
  }, 30_000);

  it("starts on a file the previous release wrote, and refuses one of a newer layout with one line naming the file and what to do", async () => {
    tmp = tempDir();
    const file = join(tmp.dir, "state.db");
    copyFileSync(join(import.meta.dirname, "..", "..", "..", "test-support", "fixtures", "stored-layout-2", "state.db"), file);
    const old = await start(file);
    expect((await call(old.url, "GET", domainsPath("a0000000-0000-4000-8000-000000000001"), { key: "test-key-account-a" })).status).toBe(200);
    await old.kill();
    const db = new Database(file);
    db.pragma("user_version = 99");
    db.close();
    const refused = await spawnServer(["--state-file", file, "--quiet"]).then(
      () => "started",
      (error: Error) => error.message,
    );
    const line = refused.split("\n").find((l) => l.startsWith("Cannot start the mock:"));
    expect(line).toMatch(/^Cannot start the mock: State file .*state\.db holds stored layout 99, written by a newer kit .*start the mock with a new --state-file$/);
  }, 30_000);
});
