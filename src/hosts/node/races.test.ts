// Concurrent requests over HTTP, with the memory store and with a state file: the store's atomic rules
// must hold when requests interleave in the server, not only when store calls do.
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startMock, type RunningMock } from "./start-mock.js";
import { call, DEMO_A, DEMO_A_DEFAULT_ID, domainsPath, listAll } from "../../../test-support/demo-api.js";
import { tempDir } from "../../../test-support/store-fixtures.js";

const backends = [
  { name: "memory", stateFile: false },
  { name: "state file", stateFile: true },
] as const;

describe.each(backends)("races ($name)", ({ stateFile }) => {
  let mock: RunningMock;
  let tmp: ReturnType<typeof tempDir> | undefined;
  const path = domainsPath(DEMO_A.accountId);

  beforeAll(async () => {
    tmp = stateFile ? tempDir() : undefined;
    mock = await startMock({ port: 0, ...(tmp ? { stateFile: join(tmp.dir, "state.db") } : {}) });
  });
  afterAll(async () => {
    await mock.close();
    tmp?.remove();
  });
  beforeEach(async () => {
    await fetch(`${mock.url}/__mock/reset`, { method: "POST" });
  });

  it("50 concurrent creates of one domain: exactly one 201 and 49 409s, and one stored domain", async () => {
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        call(mock.url, "POST", path, { key: DEMO_A.apiKey, body: { domain: i % 2 ? "race.example.com" : "RACE.Example.com", description: `try ${i}` } }),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const stored = (await listAll(mock.url, DEMO_A)).filter((d) => d["domain"] === "race.example.com");
    expect(stored).toHaveLength(1);
    expect(stored[0]).toEqual(answers.find((a) => a.status === 201)!.body);
  });

  it("concurrent updates and a delete of one domain: it ends updated or gone, never half of both", async () => {
    for (let round = 0; round < 5; round++) {
      const created = await call(mock.url, "POST", path, { key: DEMO_A.apiKey, body: { domain: `contested${round}.example.com` } });
      const id = (created.body as { id: string }).id;
      const one = `${path}/${id}`;
      const requests = Array.from({ length: 21 }, (_, i) =>
        i === 10 + (round % 5)
          ? call(mock.url, "DELETE", one, { key: DEMO_A.apiKey })
          : i % 3 === 0
            ? call(mock.url, "PATCH", `${one}/checkDkimStatus`, { key: DEMO_A.apiKey })
            : call(mock.url, "PATCH", one, { key: DEMO_A.apiKey, body: { description: `update ${i}` } }),
      );
      const answers = await Promise.all(requests);
      for (const a of answers) expect([200, 204, 404]).toContain(a.status);
      expect(answers.filter((a) => a.status === 204)).toHaveLength(1);
      // Every 200 is a whole domain carrying its own update; after the delete everything else is a 404.
      for (const [i, a] of answers.entries()) {
        if (a.status === 200 && i % 3 !== 0) expect((a.body as { description: string }).description).toBe(`update ${i}`);
      }
      expect((await call(mock.url, "GET", one, { key: DEMO_A.apiKey })).status).toBe(404);
      expect((await listAll(mock.url, DEMO_A)).some((d) => d["id"] === id)).toBe(false);
    }
  });

  it("deleting the default while its heir is updated keeps both writes: the heir is default and updated", async () => {
    const [, heir] = await listAll(mock.url, DEMO_A);
    const answers = await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => call(mock.url, "PATCH", `${path}/${heir!["id"]}`, { key: DEMO_A.apiKey, body: { description: `heir ${i}` } })),
      call(mock.url, "DELETE", `${path}/${DEMO_A_DEFAULT_ID}`, { key: DEMO_A.apiKey }),
      ...Array.from({ length: 10 }, (_, i) => call(mock.url, "PATCH", `${path}/${heir!["id"]}`, { key: DEMO_A.apiKey, body: { description: `heir ${i + 10}` } })),
    ]);
    expect(answers.map((a) => a.status)).toEqual([...Array(10).fill(200), 204, ...Array(10).fill(200)]);
    const after = (await call(mock.url, "GET", `${path}/${heir!["id"]}`, { key: DEMO_A.apiKey })).body as { isDefault: boolean; description: string };
    expect(after.isDefault).toBe(true);
    expect(after.description).toMatch(/^heir \d+$/);
    expect((await listAll(mock.url, DEMO_A)).filter((d) => d["isDefault"])).toHaveLength(1);
  });
});
