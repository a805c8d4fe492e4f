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
import { observations, recordJudged } from "../observations.js";
import type { Credentials } from "../target.js";
import type { Domain } from "./compare.js";
import { judge, type JudgeContext } from "./judge.js";
import { createOracle, type ModelAccount, type Oracle } from "./oracle.js";
import { modelSide, runKeys, targetSide, type Side } from "./sides.js";
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
  const accounts = await Promise.all([settings.own, ...(settings.other ? [settings.other] : [])].map((who) => visibleAccount(who)));
  return new ModelWorld(settings, accounts);
}

/** The records each side last showed of a domain, from the start: what later answers are compared with. */
const recordsOf = (accounts: readonly ModelAccount[]) => new Map(accounts.flatMap((a) => a.domains.map((d): [string, Domain] => [d.id, d as unknown as Domain])));

/** The calls of the run that got a 201 from the target, with the account they were made in (what cleanup deletes). */
function madeByTarget(steps: readonly RecordedStep[]): Map<string, AccountSlot> {
  const ids = new Map<string, AccountSlot>();
  for (const s of steps) {
    const body = "status" in s.actual ? (s.actual.body as Partial<EmailDomain> | undefined) : undefined;
    if ("status" in s.actual && s.actual.status === 201 && typeof body?.id === "string") ids.set(body.id, s.call.account);
  }
  return ids;
}

class ModelWorld implements World {
  readonly steps: RecordedStep[] = [];
  readonly runToken = randomToken();
  readonly reached: Reached = { firstDefaults: 0, heirs: 0 };
  readonly startedFrom: string;
  readonly startIds: Partial<Record<AccountSlot, string[]>>;
  adopted = 0;
  private readonly creds: Record<AccountSlot, Credentials | undefined>;
  private readonly oracle: Oracle;
  private readonly target: Side;
  private readonly model: Side;
  private readonly ctx: JudgeContext;
  private readonly resolve: (spec: StepSpec) => ConcreteCall;
  /** The domains this run created, and every domain it saw (at the start or created since), in either account. */
  private readonly created: Known[] = [];
  private readonly seen: Known[];
  private readonly preexisting: Set<string>;

  constructor(
    private readonly settings: WorldSettings,
    accounts: readonly ModelAccount[],
  ) {
    this.creds = { own: settings.own, other: settings.other };
    this.oracle = createOracle([...accounts], { pageSize: settings.exact ? DEFAULT_PAGE_SIZE : Number.MAX_SAFE_INTEGER });
    const keyFor = runKeys(this.creds, this.runToken);
    this.target = targetSide(keyFor);
    this.model = modelSide(this.oracle.fetch, MODEL_BASE, keyFor);
    this.seen = accounts.flatMap((a, i) => a.domains.map((d) => ({ id: d.id, name: d.domain, account: (i === 0 ? "own" : "other") as AccountSlot })));
    this.preexisting = new Set(this.seen.map((k) => k.id));
    this.startedFrom = accounts.map((a, i) => `${i === 0 ? "A" : "B"} held ${a.domains.length} domain(s)`).join(", ");
    this.startIds = Object.fromEntries(accounts.map((a, i) => [i === 0 ? "own" : "other", a.domains.map((d) => d.id)]));
    this.ctx = {
      exact: settings.exact,
      previousTarget: recordsOf(accounts),
      previousModel: recordsOf(accounts),
      adopt: async (accountId, id, patch) => {
        this.adopted++;
        return (await this.oracle.adopt(accountId, id, patch)) as unknown as Domain;
      },
    };
    this.resolve = createCallResolver({
      creds: this.creds,
      runToken: this.runToken,
      created: () => this.created,
      seen: () => this.seen,
      existingIn: (account) => this.existingIn(account),
      defaultOf: (account) => this.defaultOf(account),
    });
  }

  /** The model's domains of an account now (its store read directly: nothing sent, nothing counted). */
  private modelDomains(account: AccountSlot): readonly EmailDomain[] {
    return this.oracle.domainsOf(this.creds[account]!.accountId);
  }
  private existingIn(account: AccountSlot): readonly EmailDomain[] {
    return this.modelDomains(account).filter((d) => this.preexisting.has(d.id));
  }
  private defaultOf(account: AccountSlot): EmailDomain | undefined {
    return this.modelDomains(account).find((d) => d.isDefault);
  }

  canRun(spec: StepSpec): boolean {
    switch (spec.id?.kind) {
      case undefined:
        return true;
      case "created": {
        const account = spec.id.foreign ? otherSlot(spec.account) : spec.account;
        return this.created.some((k) => k.account === account);
      }
      case "existing":
        return this.settings.deleteExisting && this.existingIn(spec.account).length > 0;
      case "default":
        return this.settings.deleteExisting && this.defaultOf(spec.account) !== undefined;
      default:
        return true;
    }
  }

  execute(spec: StepSpec): Promise<void> {
    return this.step(spec, true);
  }

  /** A drawn step; with `readBack`, a write the target answered 2xx is read right away (read-your-writes). */
  private async step(spec: StepSpec, readBack: boolean): Promise<void> {
    if (namesExisting(spec) && !this.settings.deleteExisting) throw new Error(`${describeSpec(spec)} names a domain the run did not create, and deleting those is off`);
    const call = this.resolve(spec);
    const actual = await this.send(describeSpec(spec), call);
    const read = readBack ? readAfterWrite(call, actual) : undefined;
    if (read) await this.send(`read-your-writes after ${describeSpec(spec)}`, read);
  }

  /** Sends one call to the target and the model, judges and records it; throws ModelMismatch when they differ. */
  private async send(spec: string, call: ConcreteCall): Promise<Answer> {
    let actual: Answer;
    try {
      actual = await this.target.send(call);
    } catch (error) {
      // The suite's client refused the answer (it broke a rule every answer keeps): what the model answers
      // is still what a reproduction must expect.
      const expected = await this.model.send(call);
      throw this.mismatch({ spec, call, expected, actual: { error: String(error) }, problems: [error instanceof Error ? error.message : String(error)] });
    }
    const body = actual.body as Partial<EmailDomain> | undefined;
    // A new domain's id and createdAt are the server's: the model's clock takes them over for its create.
    if (actual.status === 201 && typeof body?.id === "string" && typeof body.createdAt === "string") this.oracle.clock.primeCreate(body.id, body.createdAt);
    const write = isWrite(call.operationId);
    const before = write ? this.defaultOf(call.account) : undefined;
    const expected = await this.model.send(call);
    if (write) this.countReached(before, expected, call.account);
    const problems = await judge(call, actual, expected, this.ctx);
    const step: RecordedStep = { spec, call, expected, actual, problems };
    if (problems.length > 0) throw this.mismatch(step);
    recordJudged(call.operationId, actual.status);
    this.steps.push(step);
    const made = expected.body as EmailDomain | undefined;
    if (expected.status === 201 && typeof made?.id === "string") {
      this.created.push({ id: made.id, name: made.domain, account: call.account });
      this.seen.push({ id: made.id, name: made.domain, account: call.account });
    }
    return actual;
  }

  private mismatch(step: RecordedStep): ModelMismatch {
    this.steps.push(step);
    return new ModelMismatch(step);
  }

  /** A new domain the model made the default; a default the model removed that another domain inherited. */
  private countReached(wasDefault: EmailDomain | undefined, expected: Answer, account: AccountSlot): void {
    if (expected.status === 201 && (expected.body as EmailDomain).isDefault) this.reached.firstDefaults++;
    if (wasDefault && expected.status < 300 && !this.modelDomains(account).some((d) => d.id === wasDefault.id) && this.defaultOf(account) !== undefined) this.reached.heirs++;
  }

  async finish(): Promise<void> {
    const slots: AccountSlot[] = this.creds.other ? ["own", "other"] : ["own"];
    for (const account of slots) {
      const mine = this.created.filter((k) => k.account === account);
      // No read after each of these deletes: the list that follows reads them all.
      for (let index = 0; index < mine.length; index++) await this.step({ op: roles.remove, account, who: "owner", id: { kind: "created", index, foreign: false } }, false);
      await this.execute({ op: roles.list, account, who: "owner" });
    }
  }

  async cleanup(): Promise<void> {
    // Everything the target created in this run, whatever the model thought: ids from the target's own answers.
    const failures: string[] = [];
    for (const [id, account] of madeByTarget(this.steps)) {
      const who = this.creds[account]!;
      const { response } = await contractClient(who.apiKey, { check: false }).DELETE(ITEM, { params: { path: { accountId: who.accountId, id } } });
      if (response.status !== 204 && response.status !== 404) failures.push(`${id}: ${response.status}`);
      observations.created.delete(id);
    }
    if (failures.length > 0) throw new Error(`the model run could not delete what it created: ${failures.join(", ")}`);
  }
}
