// Times the concurrent stage's checker (contract-tests/support/concurrent/check-history.ts) on 1,000-call
// histories (issue 25: under 1 s). A history is made by the engine itself: random calls of the six operations
// on two accounts, answered in one random order, then given real-time windows around each call's point in that
// order, wide enough that about `overlap` calls are in flight at once (as K clients would make them). The checker
// must find an order again. `npm run bench:checker [-- calls overlap repeats]`
import { randomUUID } from "node:crypto";
import { DEMO_A, DEMO_B } from "../../contract-tests/support/demo-accounts.js";
import { CHECK, COLLECTION, ITEM } from "../../contract-tests/support/domains.js";
import { checkHistory } from "../../contract-tests/support/concurrent/check-history.js";
import { createCheckerModel } from "../../contract-tests/support/concurrent/checker-model.js";
import type { TimedCall } from "../../contract-tests/support/concurrent/history.js";
import type { ModelAccount } from "../../contract-tests/support/model/oracle.js";
import type { ConcreteCall } from "../../contract-tests/support/model/steps.js";

const [calls = 1000, overlap = 3, repeats = 5] = process.argv.slice(2).map(Number);

/** A small deterministic generator, so every run times the same histories. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

async function makeHistory(seed: number, n: number, inFlight: number): Promise<{ start: ModelAccount[]; history: TimedCall[] }> {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const start: ModelAccount[] = [DEMO_A, DEMO_B].map((c) => ({ ...c, organizationId: randomUUID(), creatorId: randomUUID(), domains: [] }));
  const model = createCheckerModel(start, false);
  const ids: Record<string, string[]> = { [DEMO_A.accountId]: [], [DEMO_B.accountId]: [] };
  const history: TimedCall[] = [];
  for (let i = 0; i < n; i++) {
    const accountId = pick([DEMO_A.accountId, DEMO_A.accountId, DEMO_B.accountId]);
    const account = accountId === DEMO_A.accountId ? "own" : "other";
    const base = { account, who: "owner", path: { accountId } } as const;
    const id = ids[accountId]!.length > 0 && rnd() < 0.9 ? pick(ids[accountId]!) : randomUUID();
    const r = rnd();
    const call: ConcreteCall =
      r < 0.3 ? { ...base, operationId: "createEmailDomain", method: "POST", pathTemplate: COLLECTION, body: { domain: `bench-${Math.floor(rnd() * 40)}.example.com`, description: `d${i}` } }
      : r < 0.45 ? { ...base, operationId: "listEmailDomains", method: "GET", pathTemplate: COLLECTION, query: { start: 0 } }
      : r < 0.6 ? { ...base, operationId: "getEmailDomain", method: "GET", pathTemplate: ITEM, path: { accountId, id } }
      : r < 0.75 ? { ...base, operationId: "updateEmailDomain", method: "PATCH", pathTemplate: ITEM, path: { accountId, id }, body: { description: `u${i}` } }
      : r < 0.87 ? { ...base, operationId: "checkEmailDomainDkimStatus", method: "PATCH", pathTemplate: CHECK, path: { accountId, id } }
      : { ...base, operationId: "deleteEmailDomain", method: "DELETE", pathTemplate: ITEM, path: { accountId, id } };
    const prime = { id: randomUUID(), createdAt: new Date(Date.UTC(2026, 11, 7, 8, 0, 0, i)).toISOString() };
    const answer = JSON.parse(JSON.stringify(await model.apply(call, prime))) as TimedCall["answer"];
    if (call.operationId === "createEmailDomain" && answer?.status === 201) ids[accountId]!.push(prime.id);
    // The call took effect at time i; its window reaches about inFlight/2 calls either side.
    const sentAt = i - rnd() * (inFlight / 2);
    history.push({ id: i, client: i % inFlight, call, sentAt, answeredAt: i + rnd() * (inFlight / 2), ...(answer ? { answer } : {}) });
  }
  return { start, history };
}

const times: number[] = [];
let explored = 0;
for (let r = 0; r < repeats; r++) {
  const { start, history } = await makeHistory(20261207 + r, calls, overlap);
  const t0 = performance.now();
  const verdict = await checkHistory(start, history, { exact: false });
  times.push(performance.now() - t0);
  explored += verdict.explored;
  if (verdict.kind !== "linearizable") throw new Error(`history ${r}: ${verdict.kind}${verdict.kind === "violation" ? `\n${verdict.explanation}` : ` (${verdict.reason})`}`);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)]!;
console.log(`checkHistory, ${calls}-call histories, ~${overlap} in flight, ${repeats} histories: median ${median.toFixed(0)} ms, max ${times.at(-1)!.toFixed(0)} ms, ${Math.round(explored / repeats)} states explored per history (goal: < 1000 ms)`);
