// Each concurrency mutant breaks the rule its name says when requests overlap (or when a read follows a write
// at once), and keeps it when the same calls come one at a time: proof, without the concurrent stage, that
// the bug is real and that it needs the overlap. Plain fetch against the mock behind the mutant proxy.
import { afterEach, describe, expect, it } from "vitest";
import { startMock, type RunningMock } from "../../src/hosts/node/start-mock.js";
import { DEMO_A } from "../support/demo-accounts.js";
import { API_KEY_HEADER } from "../support/spec.js";
import { LAG_MS, concurrencyMutants } from "./concurrency-mutations.js";
import { startMutantProxy, type Mutation } from "./mutant-proxy.js";
import { sleep } from "./proxy-calls.js";

type Body = Record<string, unknown>;
interface Api {
  create(name: string, description?: string): Promise<{ status: number; body: Body }>;
  call(method: string, id: string, suffix?: string, body?: unknown): Promise<{ status: number; body: Body }>;
  list(): Promise<Body[]>;
}

let servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const s of servers.reverse()) await s.close();
  servers = [];
});

const mutationNamed = (part: string): Mutation => {
  const found = concurrencyMutants().find((m) => m.name.includes(part));
  if (!found) throw new Error(`no concurrency mutant named like ${part}`);
  return found.mutation;
};

let names = 0;
const fresh = () => `race-${process.pid}-${++names}.example.com`;

async function behind(part: string): Promise<Api> {
  const mock: RunningMock = await startMock({ port: 0, host: "127.0.0.1" });
  const proxy = await startMutantProxy(mock.url, mutationNamed(part));
  servers.push({ close: () => mock.close(200) }, proxy);
  const collection = `${proxy.url}/api/v1/accounts/${DEMO_A.accountId}/email-domains`;
  const send = async (method: string, url: string, body?: unknown) => {
    const res = await fetch(url, { method, headers: { [API_KEY_HEADER]: DEMO_A.apiKey, ...(body === undefined ? {} : { "content-type": "application/json" }) }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as Body };
  };
  return {
    create: (name, description) => send("POST", collection, { domain: name, ...(description === undefined ? {} : { description }) }),
    call: (method, id, suffix = "", body) => send(method, `${collection}/${id}${suffix}`, body),
    list: async () => {
      const all: Body[] = [];
      for (;;) {
        const page = (await send("GET", `${collection}?start=${all.length}`)).body as unknown as Body[];
        if (page.length === 0) return all;
        all.push(...page);
      }
    },
  };
}

/** A race does not show every time: true when it showed within a few tries. */
async function showsWithin(tries: number, attempt: () => Promise<boolean>): Promise<boolean> {
  for (let i = 0; i < tries; i++) if (await attempt()) return true;
  return false;
}
const TRIES = 5;
const idOf = (r: { body: Body }) => String(r.body["id"]);
const check = (api: Api, id: string) => api.call("PATCH", id, "/checkDkimStatus");

describe("concurrency mutants: each breaks its rule only when requests overlap", () => {
  it("two overlapping creates of one name are both answered 201; one at a time, the second is 409", async () => {
    const api = await behind("two overlapping creates");
    expect(await showsWithin(TRIES, async () => {
      const name = fresh();
      return (await Promise.all([api.create(name), api.create(name)])).every((r) => r.status === 201);
    })).toBe(true);
    const name = fresh();
    expect([(await api.create(name)).status, (await api.create(name)).status]).toEqual([201, 409]);
  });

  it("two overlapping deletes of one domain are both answered 204; one at a time, the second is 404", async () => {
    const api = await behind("two overlapping deletes");
    expect(await showsWithin(TRIES, async () => {
      const id = idOf(await api.create(fresh()));
      return (await Promise.all([api.call("DELETE", id), api.call("DELETE", id)])).every((r) => r.status === 204);
    })).toBe(true);
    const id = idOf(await api.create(fresh()));
    expect([(await api.call("DELETE", id)).status, (await api.call("DELETE", id)).status]).toEqual([204, 404]);
  });

  it("overlapping checks of one domain count one DKIM attempt; one at a time, two", async () => {
    const api = await behind("overlapping checks");
    expect(await showsWithin(TRIES, async () => {
      const id = idOf(await api.create(fresh()));
      await Promise.all([check(api, id), check(api, id)]);
      return (await api.call("GET", id)).body["dkimAttempts"] === 1;
    })).toBe(true);
    const id = idOf(await api.create(fresh()));
    await check(api, id);
    await check(api, id);
    expect((await api.call("GET", id)).body["dkimAttempts"]).toBe(2);
  });

  it("an update answered during a check is lost (the check writes back the old description); one at a time, it stays", async () => {
    const api = await behind("a check writes back the description");
    expect(await showsWithin(TRIES, async () => {
      const id = idOf(await api.create(fresh(), "old"));
      const updated = sleep(10).then(() => api.call("PATCH", id, "", { description: "new" }));
      const [, update] = await Promise.all([check(api, id), updated]);
      return update.status === 200 && (await api.call("GET", id)).body["description"] === "old";
    })).toBe(true);
    const id = idOf(await api.create(fresh(), "old"));
    await check(api, id);
    await api.call("PATCH", id, "", { description: "new" });
    expect((await api.call("GET", id)).body["description"]).toBe("new");
  });

  it("a check answered during an update is undone (the update writes back the old statuses); one at a time, it stays", async () => {
    const api = await behind("an update writes back the statuses");
    expect(await showsWithin(TRIES, async () => {
      const id = idOf(await api.create(fresh()));
      const checked = sleep(10).then(() => check(api, id));
      const [, checkAnswer] = await Promise.all([api.call("PATCH", id, "", { description: "x" }), checked]);
      const after = (await api.call("GET", id)).body;
      return checkAnswer.status === 200 && after["dkimStatus"] !== checkAnswer.body["dkimStatus"] && after["dkimAttempts"] === 1;
    })).toBe(true);
    const id = idOf(await api.create(fresh()));
    await api.call("PATCH", id, "", { description: "x" });
    const checked = await check(api, id);
    await api.call("PATCH", id, "", { description: "y" });
    expect((await api.call("GET", id)).body["dkimStatus"]).toBe(checked.body["dkimStatus"]);
  });

  it("overlapping first creates of an empty account both become its default; one at a time, only the first", async () => {
    const api = await behind("both become its default");
    const empty = async () => {
      for (const d of await api.list()) await api.call("DELETE", String(d["id"]));
    };
    expect(await showsWithin(TRIES, async () => {
      await empty();
      await Promise.all([api.create(fresh()), api.create(fresh())]);
      return (await api.list()).filter((d) => d["isDefault"] === true).length === 2;
    })).toBe(true);
    await empty();
    await api.create(fresh());
    await api.create(fresh());
    expect((await api.list()).filter((d) => d["isDefault"] === true)).toHaveLength(1);
  });

  it("an answer shows the domain of another request in flight; one at a time, each answer is its own", async () => {
    const api = await behind("the domain of another request");
    const [a, b] = [idOf(await api.create(fresh())), idOf(await api.create(fresh()))];
    expect(await showsWithin(TRIES, async () => {
      const answers = await Promise.all([api.call("GET", a), api.call("GET", b)]);
      return answers[0].body["id"] !== a || answers[1].body["id"] !== b;
    })).toBe(true);
    expect([idOf(await api.call("GET", a)), idOf(await api.call("GET", b))]).toEqual([a, b]);
  });

  it("a write while another write of the account runs gets an undocumented 429; one at a time, none", async () => {
    const api = await behind("undocumented 429");
    expect(await showsWithin(TRIES, async () => (await Promise.all([api.create(fresh()), api.create(fresh())])).some((r) => r.status === 429))).toBe(true);
    expect([(await api.create(fresh())).status, (await api.create(fresh())).status]).toEqual([201, 201]);
  });
});

describe("read-after-write mutants: a read right after a write misses it, a read after the lag sees it", () => {
  it("a get right after an update answers the old description", async () => {
    const api = await behind("a get right after a write");
    const id = idOf(await api.create(fresh(), "old"));
    await api.call("PATCH", id, "", { description: "new" });
    expect((await api.call("GET", id)).body["description"]).toBe("old");
    await sleep(LAG_MS + 50);
    expect((await api.call("GET", id)).body["description"]).toBe("new");
  });

  it("a list right after a create does not show it", async () => {
    const api = await behind("a list right after a write");
    await api.list();
    const id = idOf(await api.create(fresh()));
    expect((await api.list()).map((d) => d["id"])).not.toContain(id);
    await sleep(LAG_MS + 50);
    expect((await api.list()).map((d) => d["id"])).toContain(id);
  });

  it("a get right after a delete answered 204 still finds the domain", async () => {
    const api = await behind("a delete is answered 204 before");
    const id = idOf(await api.create(fresh()));
    expect((await api.call("DELETE", id)).status).toBe(204);
    expect((await api.call("GET", id)).status).toBe(200);
    await sleep(LAG_MS + 50);
    expect((await api.call("GET", id)).status).toBe(404);
  });
});
