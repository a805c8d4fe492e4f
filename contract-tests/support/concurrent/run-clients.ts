// Runs one concurrent plan against the target and records its history: both accounts listed in full (the state
// the checker starts from), the sequential prefix, then K clients released together, then both accounts listed
// in full again (sequential calls, part of the history: the state afterwards is judged too), and finally what
// the run made deleted (not part of the history). Every answer goes through the suite's checked client (the
// spec's schemas, the invariants), as in the model stage.
// Really overlapping: against a server each client gets a connection of its own (an undici Agent with one
// connection), opened and warmed with a read before the barrier, so that releasing the clients sends their
// first requests at once instead of queueing them behind connection setup. Each call's window is measured with
// performance.now(): sentAt before the request is built, answeredAt after its body was read and checked, so a
// window is never narrower than the request's real one (a wider window only allows more orders).
import { Agent } from "undici";
import { contractClient } from "../client.js";
import type { EmailDomain } from "../domains.js";
import { randomToken } from "../names.js";
import { observations } from "../observations.js";
import { ContractViolation } from "../response-check.js";
import type { Credentials } from "../target.js";
import { createCallResolver, type Known } from "../model/call-resolver.js";
import type { ModelAccount } from "../model/oracle.js";
import { runKeys, targetSide, type Side } from "../model/sides.js";
import type { AccountSlot, ConcreteCall, StepSpec } from "../model/steps.js";
import { visibleAccount } from "../model/world.js";
import type { History, TimedCall } from "./history.js";
import { measureOverlap, type Overlap } from "./overlap.js";
import type { ParallelPlan } from "./plan.js";
import { roles } from "../spec-roles.js";

export interface RunClientsSettings {
  own: Credentials;
  other: Credentials | undefined;
  /** Open one warm connection per client (a server over HTTP); the in-process hosts have none to open. */
  connections: boolean;
}

export interface ClientsRun {
  runToken: string;
  /** The accounts as listed before the first call. */
  start: ModelAccount[];
  history: History;
  overlap: Overlap;
  /** An answer the suite's client refused (it broke a rule every answer keeps): the run fails with it. */
  refused: { call: TimedCall; message: string } | undefined;
  /**
   * The accounts after the cleanup, when the final lists and the cleanup tell it for sure (every page read to
   * its empty end, every cleanup delete answered 204, none of a default, whose heir would change): the next
   * run may start from it instead of listing again. undefined: the next run lists.
   */
  after: ModelAccount[] | undefined;
}

/** Pages of a final listing at most (the suite's look-around reads give up there too). */
const MAX_PAGES = 200;

/** `known`: the accounts as the previous run left them (its `after`), else listed here. */
export async function runClients(plan: ParallelPlan, settings: RunClientsSettings, known?: ModelAccount[]): Promise<ClientsRun> {
  const creds: Record<AccountSlot, Credentials | undefined> = { own: settings.own, other: settings.other };
  const slots: AccountSlot[] = settings.other ? ["own", "other"] : ["own"];
  const runToken = randomToken();
  const keyFor = runKeys(creds, runToken);
  const start: ModelAccount[] = known ? [...known] : [];
  // Paging broken: the stage is skipped with the paging note (the paging tests report the break).
  if (!known) for (const slot of slots) start.push(await visibleAccount(creds[slot]!, { skipOnBrokenPaging: true }));

  const seen: Known[] = start.flatMap((a, i) => a.domains.map((d) => ({ id: d.id, name: d.domain, account: slots[i]! })));
  const created: Known[] = [];
  const deleted = new Set<string>();
  const existingIn = (slot: AccountSlot) => (start[slots.indexOf(slot)]?.domains ?? []).filter((d) => !deleted.has(d.id));
  const resolve = createCallResolver({
    creds,
    runToken,
    created: () => created,
    seen: () => seen,
    existingIn,
    // The default the accounts showed, else the oldest remaining one (the heir); enough to name a domain.
    defaultOf: (slot) => existingIn(slot).find((d) => d.isDefault) ?? existingIn(slot)[0],
  });

  const history: TimedCall[] = [];
  let refused: ClientsRun["refused"];
  const learn = (call: ConcreteCall, status: number, body: unknown) => {
    const d = body as Partial<EmailDomain> | undefined;
    if (call.operationId === roles.create && status === 201 && typeof d?.id === "string" && typeof d.domain === "string") {
      created.push({ id: d.id, name: d.domain, account: call.account });
      seen.push({ id: d.id, name: d.domain, account: call.account });
    }
    if (call.operationId === roles.remove && status === 204 && call.path.id) deleted.add(call.path.id);
  };
  let nextId = 0;
  async function send(side: Side, call: ConcreteCall, client: number): Promise<TimedCall> {
    const id = nextId++; // when sent: calls in flight together get ids of their own
    const sentAt = performance.now();
    let timed: TimedCall;
    try {
      const answer = await side.send(call);
      timed = { id, client, call, sentAt, answeredAt: performance.now(), answer };
      learn(call, answer.status, answer.body);
    } catch (error) {
      // No answer (timeout, reset): it may have taken effect at any time after it was sent, or never.
      timed = { id, client, call, sentAt };
      if (error instanceof ContractViolation) refused ??= { call: timed, message: error.message };
    }
    history.push(timed);
    return timed;
  }

  const main = targetSide(keyFor);
  const listed = new Map<AccountSlot, ModelAccount>();
  let cleaned: { deleted: Set<string>; all204: boolean } = { deleted: new Set(), all204: false };
  const agents: Agent[] = [];
  try {
    if (plan.emptyFirst) {
      for (let n = existingIn("own").length; n > 0; n--) await send(main, resolve({ op: roles.remove, account: "own", who: "owner", id: { kind: "existing", index: 0 } }), -1);
    }
    for (const spec of plan.prefix) await send(main, resolve(spec), -1);

    // Every client's calls are resolved now, against the domains known after the prefix: they race on those.
    const calls = plan.clients.map((specs) => specs.map((s: StepSpec) => resolve(s)));
    const sides = await Promise.all(
      calls.map(async () => {
        if (!settings.connections) return main;
        const agent = new Agent({ connections: 1 });
        agents.push(agent);
        const side = targetSide(keyFor, { dispatcher: agent });
        // Opens the client's connection: a read, outside the history (it changes nothing).
        await side.send(resolve({ op: roles.list, account: "own", who: "owner", query: { start: 0 } }));
        return side;
      }),
    );
    let release!: () => void;
    const barrier = new Promise<void>((r) => (release = r));
    const clients = calls.map(async (list, k) => {
      await barrier;
      for (const call of list) await send(sides[k]!, call, k);
    });
    release();
    await Promise.all(clients);

    // The state afterwards, as sequential reads.
    for (const [i, slot] of slots.entries()) {
      const domains: EmailDomain[] = [];
      for (let page = 0; page < MAX_PAGES; page++) {
        const read = await send(main, resolve({ op: roles.list, account: slot, who: "owner", query: { start: domains.length } }), -1);
        const body = read.answer?.body;
        if (read.answer?.status !== 200 || !Array.isArray(body)) break;
        if (body.length === 0) {
          listed.set(slot, { ...start[i]!, domains });
          break;
        }
        domains.push(...(body as EmailDomain[]));
      }
    }
  } finally {
    await Promise.all(agents.map((a) => a.close()));
    cleaned = await cleanup(history, creds, runToken);
  }
  const final = slots.map((slot) => listed.get(slot));
  const defaultGone = final.some((a) => a?.domains.some((d) => d.isDefault && cleaned.deleted.has(d.id)));
  const after = cleaned.all204 && !defaultGone && final.every((a) => a !== undefined) ? final.map((a) => ({ ...a!, domains: a!.domains.filter((d) => !cleaned.deleted.has(d.id)) })) : undefined;
  return { runToken, start, history, overlap: measureOverlap(history), refused, after };
}

/**
 * Deletes what the run made, all at once: every domain a 201 named, and every listed domain with the run's
 * token in its name. Says which ids it deleted, and whether every delete was answered 204.
 */
async function cleanup(history: History, creds: Record<AccountSlot, Credentials | undefined>, runToken: string): Promise<{ deleted: Set<string>; all204: boolean }> {
  const ids = new Map<string, AccountSlot>();
  for (const c of history) {
    const body = c.answer?.body;
    const domains = (Array.isArray(body) ? body : [body]) as Array<Partial<EmailDomain> | undefined>;
    for (const d of domains) {
      const made = c.call.operationId === roles.create && c.answer?.status === 201;
      if (typeof d?.id === "string" && (made || (typeof d.domain === "string" && d.domain.toLowerCase().includes(runToken.toLowerCase())))) ids.set(d.id, c.call.account);
    }
  }
  const statuses = await Promise.all(
    [...ids].map(async ([id, account]) => {
      const who = creds[account]!;
      const { response } = await contractClient(who.apiKey, { check: false }).DELETE("/api/v1/accounts/{accountId}/email-domains/{id}", { params: { path: { accountId: who.accountId, id } } });
      observations.created.delete(id);
      return response.status;
    }),
  );
  return { deleted: new Set(ids.keys()), all204: statuses.every((s) => s === 204) };
}
