// The checker on hand-made histories: answers come from the engine itself (a reference run in one order), then
// get real-time windows, and some are altered to what a broken server would answer.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { COLLECTION, ITEM, CHECK, type EmailDomain } from "../domains.js";
import { DEMO_A, DEMO_B } from "../demo-accounts.js";
import type { ModelAccount } from "../model/oracle.js";
import type { Answer, ConcreteCall } from "../model/steps.js";
import { allowedOutcomes, checkHistory } from "./check-history.js";
import { createCheckerModel } from "./checker-model.js";
import type { TimedCall } from "./history.js";

const A: ModelAccount = { ...DEMO_A, organizationId: randomUUID(), creatorId: randomUUID(), domains: [] };
const B: ModelAccount = { ...DEMO_B, organizationId: randomUUID(), creatorId: randomUUID(), domains: [] };

const create = (domain: string, description?: string): ConcreteCall => ({
  operationId: "createEmailDomain", method: "POST", pathTemplate: COLLECTION, path: { accountId: A.accountId }, account: "own", who: "owner", body: { domain, ...(description === undefined ? {} : { description }) },
});
const list = (start = 0, accountId = A.accountId): ConcreteCall => ({ operationId: "listEmailDomains", method: "GET", pathTemplate: COLLECTION, path: { accountId }, query: { start }, account: accountId === A.accountId ? "own" : "other", who: "owner" });
const get = (id: string): ConcreteCall => ({ operationId: "getEmailDomain", method: "GET", pathTemplate: ITEM, path: { accountId: A.accountId, id }, account: "own", who: "owner" });
const del = (id: string): ConcreteCall => ({ operationId: "deleteEmailDomain", method: "DELETE", pathTemplate: ITEM, path: { accountId: A.accountId, id }, account: "own", who: "owner" });
const update = (id: string, description: string | null): ConcreteCall => ({ operationId: "updateEmailDomain", method: "PATCH", pathTemplate: ITEM, path: { accountId: A.accountId, id }, account: "own", who: "owner", body: { description } });
const check = (id: string): ConcreteCall => ({ operationId: "checkEmailDomainDkimStatus", method: "PATCH", pathTemplate: CHECK, path: { accountId: A.accountId, id }, account: "own", who: "owner" });

/** A reference server: the engine from `start`, answering in the order asked; creates take the ids given. */
function reference(start: ModelAccount[] = [A, B]) {
  const model = createCheckerModel(start, true);
  let n = 0;
  return async (call: ConcreteCall, id?: string): Promise<Answer> => {
    n++;
    const prime = call.operationId === "createEmailDomain" ? { id: id ?? randomUUID(), createdAt: new Date(Date.UTC(2026, 11, 7, 8, 0, 0, n)).toISOString() } : undefined;
    const answer = await model.apply(call, prime);
    return JSON.parse(JSON.stringify(answer)) as Answer; // as a server's bytes would be read
  };
}

let nextId = 0;
const timed = (client: number, call: ConcreteCall, sentAt: number, answeredAt: number | undefined, answer: Answer | undefined): TimedCall => ({
  id: nextId++, client, call, sentAt, ...(answeredAt === undefined ? {} : { answeredAt }), ...(answer === undefined ? {} : { answer }),
});

describe("checkHistory: linearizable histories", () => {
  it("two overlapping creates of one name: one 201 and one 409, whichever came first", async () => {
    for (const firstWins of [true, false]) {
      const ref = reference();
      const won = await ref(create("race.example.com", "one"), "11111111-1111-4111-8111-111111111111");
      const lost = await ref(create("race.example.com", "two"));
      const after = await ref(list());
      // Client 1's create (sent first) lost in one history, won in the other: both orders are allowed.
      const history = [
        timed(0, create("race.example.com", firstWins ? "one" : "two"), 0, 10, firstWins ? won : lost),
        timed(1, create("race.example.com", firstWins ? "two" : "one"), 1, 9, firstWins ? lost : won),
        timed(-1, list(), 11, 12, after),
      ];
      const verdict = await checkHistory([A, B], history, { exact: false });
      expect(verdict.kind).toBe("linearizable");
    }
  });

  it("a delete and a get that overlap: the get may see the domain or a 404", async () => {
    const ref = reference();
    const made = await ref(create("gone.example.com"));
    const id = (made.body as EmailDomain).id;
    const seen = await ref(get(id));
    const deleted = await ref(del(id));
    const missing = await ref(get(id));
    for (const got of [seen, missing]) {
      const history = [timed(-1, create("gone.example.com"), 0, 1, made), timed(0, del(id), 2, 10, deleted), timed(1, get(id), 3, 9, got)];
      expect((await checkHistory([A, B], history, { exact: true })).kind).toBe("linearizable");
    }
  });

  it("a create that got no answer may have been applied or not", async () => {
    const ref = reference();
    const made = await ref(create("lost.example.com"));
    const shown = await ref(list());
    const empty = (await reference()(list())) as Answer;
    for (const after of [shown, empty]) {
      const history = [timed(0, create("lost.example.com"), 0, undefined, undefined), timed(-1, list(), 20, 21, after)];
      expect((await checkHistory([A, B], history, { exact: false })).kind).toBe("linearizable");
    }
    expect(made.status).toBe(201);
  });

  it("a delete answered 503 may or may not have been applied, but only before its answer", async () => {
    const ref = reference();
    const made = await ref(create("busy.example.com"));
    const id = (made.body as EmailDomain).id;
    const kept = await ref(list());
    await ref(del(id));
    const gone = await ref(list());
    const busy: Answer = { status: 503, body: { statusCode: 503, error: "Service Unavailable", message: "busy" } };
    for (const after of [kept, gone]) {
      const history = [timed(-1, create("busy.example.com"), 0, 1, made), timed(0, del(id), 2, 5, busy), timed(-1, list(), 6, 7, after)];
      expect((await checkHistory([A, B], history, { exact: false })).kind).toBe("linearizable");
    }
    // Seen after the 503 was answered, then gone: the delete would have been applied after its own answer.
    const late = [timed(-1, create("busy.example.com"), 0, 1, made), timed(0, del(id), 2, 5, busy), timed(-1, list(), 6, 7, kept), timed(-1, list(), 8, 9, gone)];
    expect((await checkHistory([A, B], late, { exact: false })).kind).toBe("violation");
  });

  it("a check whose DNS outcome differs where the spec leaves room is taken over, against a server", async () => {
    const ref = reference();
    const made = await ref(create("dns.example.com"));
    const id = (made.body as EmailDomain).id;
    const checked = (await ref(check(id))) as { status: number; body: EmailDomain };
    // The server's DNS found nothing new: the statuses stay where they were (the attempt still counts).
    const stayed = { ...checked, body: { ...checked.body } as Record<string, unknown> };
    for (const [field, value] of Object.entries(made.body as Record<string, unknown>)) if (field.endsWith("Status") || field.endsWith("Error") || field === "isVerified") stayed.body[field] = value;
    // A get afterwards shows the server's outcome (its errors and completion times too), not the engine's.
    const history = [timed(-1, create("dns.example.com"), 0, 1, made), timed(0, check(id), 2, 3, stayed), timed(1, get(id), 4, 5, { status: 200, body: stayed.body })];
    expect((await checkHistory([A, B], history, { exact: false })).kind).toBe("linearizable");
    // Against the mock itself there is no such room.
    expect((await checkHistory([A, B], history, { exact: true })).kind).toBe("violation");
  });
});

describe("checkHistory: violations", () => {
  it("two 201 for one name: no order explains the second", async () => {
    const ref = reference();
    const first = await ref(create("twice.example.com"));
    const second = { status: 201, body: { ...(first.body as EmailDomain), id: randomUUID(), isDefault: false } };
    const history = [timed(0, create("twice.example.com"), 0, 10, first), timed(1, create("twice.example.com"), 1, 9, second)];
    const verdict = await checkHistory([A, B], history, { exact: false });
    expect(verdict.kind).toBe("violation");
    if (verdict.kind !== "violation") return;
    expect(verdict.partition).toBe(`account ${A.accountId}`);
    expect(verdict.explanation).toMatch(/answered 201, the model answers 409/);
  });

  it("a lost update: a check and an update overlap, and the state afterwards keeps only the check", async () => {
    const ref = reference();
    const made = await ref(create("lost-update.example.com", "before"));
    const id = (made.body as EmailDomain).id;
    const checked = await ref(check(id)); // the check first: it answers the description "before"
    const updated = await ref(update(id, "after"));
    // The server's final state: the check's record written back over the update (read-modify-write).
    const finalList = { status: 200, body: [checked.body] };
    const history = [timed(-1, create("lost-update.example.com", "before"), 0, 1, made), timed(0, check(id), 2, 10, checked), timed(1, update(id, "after"), 3, 9, updated), timed(-1, list(), 11, 12, finalList)];
    const verdict = await checkHistory([A, B], history, { exact: false });
    expect(verdict.kind).toBe("violation");
    if (verdict.kind === "violation") expect(verdict.explanation).toMatch(/description is "before", the model says "after"/);
  });

  it("two defaults: two overlapping first creates in an empty account both answered as the default", async () => {
    const ref = reference();
    const one = await ref(create("one.example.com"));
    const two = (await ref(create("two.example.com"))) as { status: number; body: EmailDomain };
    expect(two.body.isDefault).toBe(false);
    const broken = { ...two, body: { ...two.body, isDefault: true } };
    const history = [timed(0, create("one.example.com"), 0, 10, one), timed(1, create("two.example.com"), 1, 9, broken)];
    const verdict = await checkHistory([A, B], history, { exact: false });
    expect(verdict.kind).toBe("violation");
    if (verdict.kind === "violation") expect(verdict.explanation).toMatch(/isDefault is true, the model says false/);
  });

  it("a read sent after a delete was answered still sees the domain (a stale replica)", async () => {
    const ref = reference();
    const made = await ref(create("stale.example.com"));
    const id = (made.body as EmailDomain).id;
    const seen = await ref(get(id));
    const deleted = await ref(del(id));
    const history = [timed(-1, create("stale.example.com"), 0, 1, made), timed(0, del(id), 2, 3, deleted), timed(1, get(id), 4, 5, seen)];
    const verdict = await checkHistory([A, B], history, { exact: true });
    expect(verdict.kind).toBe("violation");
  });
});

describe("checkHistory: bounded", () => {
  it("says undecided, not violation, when the budget runs out", async () => {
    const ref = reference();
    const calls = await Promise.all(["a", "b", "c", "d"].map(async (n, i) => timed(i, create(`${n}.example.com`), i, 100, await ref(create(`${n}.example.com`)))));
    const verdict = await checkHistory([A, B], calls, { exact: false, budget: { maxStates: 2 } });
    expect(verdict.kind).toBe("undecided");
    expect((await checkHistory([A, B], calls, { exact: false })).kind).toBe("linearizable");
  });

  it("checks each account on its own: a violation in B is reported as B's", async () => {
    const refB = reference();
    const bCreate = { ...create("b.example.com"), path: { accountId: B.accountId }, account: "other" as const };
    const made = await refB(bCreate);
    const wrongList = { status: 200, body: [] };
    const history = [timed(0, create("a.example.com"), 0, 1, await reference()(create("a.example.com"))), timed(1, bCreate, 0, 1, made), timed(-1, list(0, B.accountId), 2, 3, wrongList)];
    const verdict = await checkHistory([A, B], history, { exact: false });
    expect(verdict.kind === "violation" && verdict.partition).toBe(`account ${B.accountId}`);
  });
});

describe("allowedOutcomes", () => {
  it("lists what each order gives two overlapping creates of one name: client 1 wins or client 2 wins", async () => {
    const calls = [timed(0, create("race.example.com", "one"), 0, undefined, undefined), timed(1, create("race.example.com", "two"), 0, undefined, undefined)];
    const outcomes = await allowedOutcomes([A, B], calls, { exact: true });
    const statuses = outcomes.map((o) => calls.map((c) => o.answers[c.id]!.status).join(",")).sort();
    expect(statuses).toEqual(["201,409", "409,201"]);
    for (const o of outcomes) expect(o.final[A.accountId]).toHaveLength(1);
  });
});
