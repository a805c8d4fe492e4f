// One model run's world: the target and the model side by side, started from what the target shows (both
// accounts listed in full), the domains this run created and saw, and the steps so far. `execute` turns a
// step spec into a call, sends it to the target and then to the model, judges the answer, records the
// step, and throws a ModelMismatch naming the problems when they differ. `finish` deletes what the run created
// as judged steps and lists each account once more (so a deletion that does not hold fails this run, not a
// later one); `cleanup` deletes whatever is left, whatever happened.
// Only with deleteExisting (CONTRACT_MODEL_DELETE_EXISTING=1) may a step name a domain the accounts held before
// the run (or an account's default, whichever it is), so that the run can delete a default and empty an account.
import { randomUUID } from "node:crypto";
import { DEFAULT_PAGE_SIZE } from "../../../src/engine/create-engine.js";
import { contractClient } from "../client.js";
import { ITEM, type EmailDomain } from "../domains.js";
import { completeList, listAccount } from "../look-around.js";
import { randomToken } from "../names.js";
import { observations } from "../observations.js";
import type { Credentials } from "../target.js";
import type { Domain } from "./compare.js";
import { judge, type JudgeContext } from "./judge.js";
import { createOracle, type ModelAccount } from "./oracle.js";
import { modelSide, runKeys, targetSide } from "./sides.js";
import { createCallResolver, otherSlot, type Known } from "./call-resolver.js";
import { readAfterWrite } from "./read-after-write.js";
import { isWrite, roles } from "../spec-roles.js";
import { describeCall, describeSpec, namesExisting, type AccountSlot, type Answer, type ConcreteCall, type RecordedStep, type StepSpec } from "./steps.js";

export interface WorldSettings {
  own: Credentials;
  other: Credentials | undefined;
  /** Against the mock itself: no room for the server's choices (page size, DNS outcomes, error phrases). */
  exact: boolean;
  /** Steps may delete the accounts' pre-existing domains (never otherwise: the run only touches what it made). */
  deleteExisting: boolean;
}

/** How often a run reached the default rules: a create the model made the default, a delete that handed the default on. */
export interface Reached {
  firstDefaults: number;
  heirs: number;
}

export class ModelMismatch extends Error {
  constructor(readonly step: RecordedStep) {
    super(`${describeCall(step.call)}\n    ${step.problems.join("\n    ")}`);
    this.name = "ModelMismatch";
  }
}

export interface World {
  readonly steps: RecordedStep[];
  /** The token in the names this run creates (a reproduction replaces it with its own). */
  readonly runToken: string;
  /** How many check outcomes of the target the model took over (where the spec leaves room). */
  readonly adopted: number;
  readonly reached: Reached;
  /** What the accounts held when the run started: `A held 5 domain(s), B held 1`. */
  readonly startedFrom: string;
  /** The ids each account held when the run started (a reproduction of a run that deleted them starts there). */
  readonly startIds: Partial<Record<AccountSlot, string[]>>;
  /** Whether the step can pick what it names (a domain created in this run, in the account it asks for). */
  canRun(spec: StepSpec): boolean;
  execute(spec: StepSpec): Promise<void>;
  finish(): Promise<void>;
  cleanup(): Promise<void>;
}

const MODEL_BASE = "http://model.invalid";

/**
 * An account as the target lists it in full, as the model starts from it. When paging is broken: an error, or
 * with `skipOnBrokenPaging` the running test skipped with the paging note (look-around.ts: one break, one story).
 */
export async function visibleAccount(who: Credentials, options: { skipOnBrokenPaging?: boolean } = {}): Promise<ModelAccount> {
  const listing = await listAccount(contractClient(who.apiKey), who);
  if (listing.broken !== undefined && !options.skipOnBrokenPaging) throw new Error(`the model cannot start: ${listing.broken}`);
  const domains = completeList(listing);
  const first = domains[0];
  return {
    accountId: who.accountId,
    apiKey: who.apiKey,
    // The account's ids as its domains show them; made up when it has none (opaque fields: only their presence is compared).
    organizationId: first?.organizationId ?? randomUUID(),
    creatorId: first?.creatorId ?? randomUUID(),
    domains,
  };
}

export async function startWorld(settings: WorldSettings): Promise<World> {
  const creds: Record<AccountSlot, Credentials | undefined> = { own: settings.own, other: settings.other };
  const accounts = await Promise.all([settings.own, ...(settings.other ? [settings.other] : [])].map((who) => visibleAccount(who)));
  const oracle = createOracle(accounts, { pageSize: settings.exact ? DEFAULT_PAGE_SIZE : Number.MAX_SAFE_INTEGER });
  const runToken = randomToken();
  const keyFor = runKeys(creds, runToken);
  const target = targetSide(keyFor);
  const model = modelSide(oracle.fetch, MODEL_BASE, keyFor);

  const seen: Known[] = accounts.flatMap((a, i) => a.domains.map((d) => ({ id: d.id, name: d.domain, account: (i === 0 ? "own" : "other") as AccountSlot })));
  const created: Known[] = [];
  const preexisting = new Set(seen.map((k) => k.id));
  const reached: Reached = { firstDefaults: 0, heirs: 0 };
  const startedFrom = accounts.map((a, i) => `${i === 0 ? "A" : "B"} held ${a.domains.length} domain(s)`).join(", ");
  /** The model's domains of an account now (its store read directly: nothing sent, nothing counted). */
  const modelDomains = (account: AccountSlot) => oracle.domainsOf(creds[account]!.accountId);
  const existingIn = (account: AccountSlot) => modelDomains(account).filter((d) => preexisting.has(d.id));
  const defaultOf = (account: AccountSlot) => modelDomains(account).find((d) => d.isDefault);
  const ctx: JudgeContext = {
    exact: settings.exact,
    previousTarget: new Map(accounts.flatMap((a) => a.domains.map((d): [string, Domain] => [d.id, d as unknown as Domain]))),
    previousModel: new Map(accounts.flatMap((a) => a.domains.map((d): [string, Domain] => [d.id, d as unknown as Domain]))),
    adopt: async (accountId, id, patch) => {
      adopted++;
      return (await oracle.adopt(accountId, id, patch)) as unknown as Domain;
    },
  };
  const steps: RecordedStep[] = [];
  let adopted = 0;

  /** A new domain the model made the default; a default the model removed that another domain inherited. */
  function countReached(before: readonly EmailDomain[], expected: Answer, account: AccountSlot): void {
    if (expected.status === 201 && (expected.body as EmailDomain).isDefault) reached.firstDefaults++;
    const wasDefault = before.find((d) => d.isDefault);
    if (wasDefault && expected.status < 300 && !modelDomains(account).some((d) => d.id === wasDefault.id) && defaultOf(account) !== undefined) reached.heirs++;
  }

  const resolve = createCallResolver({ creds, runToken, created: () => created, seen: () => seen, existingIn, defaultOf });

  /** Sends one call to the target and the model, judges and records it; throws ModelMismatch when they differ. */
  async function send(spec: string, call: ConcreteCall): Promise<Answer> {
    let actual;
    try {
      actual = await target.send(call);
    } catch (error) {
      // The suite's client refused the answer (it broke a rule every answer keeps): what the model answers
      // is still what a reproduction must expect.
      const expected = await model.send(call);
      const step: RecordedStep = { spec, call, expected, actual: { error: String(error) }, problems: [error instanceof Error ? error.message : String(error)] };
      steps.push(step);
      throw new ModelMismatch(step);
    }
    const body = actual.body as Partial<EmailDomain> | undefined;
    // A new domain's id and createdAt are the server's: the model's clock takes them over for its create.
    if (actual.status === 201 && typeof body?.id === "string" && typeof body.createdAt === "string") oracle.clock.primeCreate(body.id, body.createdAt);
    const write = isWrite(call.operationId);
    const before = write ? modelDomains(call.account) : [];
    const expected = await model.send(call);
    if (write) countReached(before, expected, call.account);
    const problems = await judge(call, actual, expected, ctx);
    const step: RecordedStep = { spec, call, expected, actual, problems };
    steps.push(step);
    const made = expected.body as EmailDomain;
    if (expected.status === 201 && problems.length === 0 && typeof made?.id === "string") {
      created.push({ id: made.id, name: made.domain, account: call.account });
      seen.push({ id: made.id, name: made.domain, account: call.account });
    }
    if (problems.length > 0) throw new ModelMismatch(step);
    return actual;
  }

  /** A drawn step; with `readBack`, a write the target answered 2xx is read right away (read-your-writes). */
  async function step(spec: StepSpec, readBack: boolean): Promise<void> {
    if (namesExisting(spec) && !settings.deleteExisting) throw new Error(`${describeSpec(spec)} names a domain the run did not create, and deleting those is off`);
    const call = resolve(spec);
    const actual = await send(describeSpec(spec), call);
    const read = readBack ? readAfterWrite(call, actual) : undefined;
    if (read) await send(`read-your-writes after ${describeSpec(spec)}`, read);
  }

  const world: World = {
    steps,
    runToken,
    get adopted() {
      return adopted;
    },
    get reached() {
      return reached;
    },
    startedFrom,
    startIds: Object.fromEntries(accounts.map((a, i) => [i === 0 ? "own" : "other", a.domains.map((d) => d.id)])),
    canRun(spec) {
      if (spec.id === undefined) return true;
      switch (spec.id.kind) {
        case "created": {
          const account = spec.id.foreign ? otherSlot(spec.account) : spec.account;
          return created.some((k) => k.account === account);
        }
        case "existing":
          return settings.deleteExisting && existingIn(spec.account).length > 0;
        case "default":
          return settings.deleteExisting && defaultOf(spec.account) !== undefined;
        default:
          return true;
      }
    },
    execute: (spec) => step(spec, true),
    async finish() {
      const slots: AccountSlot[] = creds.other ? ["own", "other"] : ["own"];
      for (const account of slots) {
        const mine = created.filter((k) => k.account === account);
        // No read after each of these deletes: the list that follows reads them all.
        for (let index = 0; index < mine.length; index++) await step({ op: roles.remove, account, who: "owner", id: { kind: "created", index, foreign: false } }, false);
        await world.execute({ op: roles.list, account, who: "owner" });
      }
    },
    async cleanup() {
      // Everything the target created in this run, whatever the model thought: ids from the target's own answers.
      const ids = new Map<string, AccountSlot>();
      for (const s of steps) {
        const body = "status" in s.actual ? (s.actual.body as Partial<EmailDomain> | undefined) : undefined;
        if ("status" in s.actual && s.actual.status === 201 && typeof body?.id === "string") ids.set(body.id, s.call.account);
      }
      const failures: string[] = [];
      for (const [id, account] of ids) {
        const who = creds[account]!;
        const { response } = await contractClient(who.apiKey, { check: false }).DELETE(ITEM, { params: { path: { accountId: who.accountId, id } } });
        if (response.status !== 204 && response.status !== 404) failures.push(`${id}: ${response.status}`);
        observations.created.delete(id);
      }
      if (failures.length > 0) throw new Error(`the model run could not delete what it created: ${failures.join(", ")}`);
    },
  };
  return world;
}
