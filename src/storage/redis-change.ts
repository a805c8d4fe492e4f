// One attempt of a Redis store transaction on one generation: read what the change declared (one script),
// run the pure change here, then compare-and-set (a second script writes only if nothing it saw changed).
import type { Change, RawAccountReads } from "./port.js";
import type { RedisConnection } from "./redis-connection.js";
import type { DecodedDomains } from "./redis-decoded.js";
import { scoreOf, STALE } from "./redis-generations.js";
import { accountKeyList, type AccountKeys } from "./redis-keys.js";
import { COMMIT_CHANGE, READ_FOR_CHANGE } from "./redis-scripts.js";
import { runChange, TwoDefaultsError, type WriteStep } from "./run-change.js";
import { ApiKeyRevokedError } from "./store-errors.js";
import type { EmailDomain } from "./types.js";

/** What one attempt needs: the connection's scripts, the memo of decoded domains, and the account it changes. */
export interface ChangeContext {
  script: RedisConnection["script"];
  memo: DecodedDomains;
  accountId: string;
  /** Forgets what was kept of the account's reads (redis-tracked-reads.ts): a commit may have written. */
  forgetKept(): void;
}

/** What READ_FOR_CHANGE saw of an account: the texts by id, the ids by name, and what else the change declared. */
export interface SeenReads {
  texts: Map<string, string | null>;
  idByName: Map<string, string | null>;
  empty: boolean;
  headIds: string[];
  headTexts: string[];
  defaultId: string | null;
}

/** Nothing of the account: what a change reads on an account the current world does not have. */
export const emptyAccount = (): SeenReads => ({ texts: new Map(), idByName: new Map(), empty: true, headIds: [], headTexts: [], defaultId: null });

/**
 * One attempt of a transaction on the account keys `k`. With `guess`, the read is skipped: the change
 * decides on "none of it exists, the account is not empty", and the commit checks exactly that. A create of a
 * new name thus costs one round trip; when the guess is wrong (or decides no write) the attempt reports a
 * conflict and the caller reads.
 */
export async function attemptChange<T>(ctx: ChangeContext, k: AccountKeys, caller: string, change: Change<T>, guess: boolean): Promise<{ value: T } | typeof STALE | "conflict"> {
  const seen = guess ? guessedReads(change) : await readForChange(ctx, k, caller, change);
  if (seen === STALE) return STALE;
  const { result, steps, wrote } = runChange(change, rawReads(seen, ctx.memo.decode));
  if (!wrote) return guess ? "conflict" : { value: result };
  const outcome = await commit(ctx, k, caller, change, seen, steps);
  return outcome === "written" ? { value: result } : outcome;
}

/** The guess: none of the ids and names exists, the account is not empty. */
function guessedReads<T>(change: Change<T>): SeenReads {
  const seen = emptyAccount();
  seen.empty = false;
  for (const id of change.reads.ids ?? []) seen.texts.set(id, null);
  for (const name of change.reads.names ?? []) seen.idByName.set(name, null);
  return seen;
}

/** READ_FOR_CHANGE: what the change declared, in one script that also checks the generation and the caller's key. */
async function readForChange<T>(ctx: ChangeContext, k: AccountKeys, caller: string, change: Change<T>): Promise<SeenReads | typeof STALE> {
  const ids = change.reads.ids ?? [];
  const names = change.reads.names ?? [];
  const readDefault = change.reads.default === true;
  const args = [caller, String(ids.length), ...ids, String(names.length), ...names, change.reads.empty ? "1" : "0", String(change.reads.head ?? 0), readDefault ? "1" : "0"];
  const reply = (await ctx.script(READ_FOR_CHANGE, accountKeyList(k), args)) as Array<string | number | null>;
  if (!reply[0]) return STALE;
  if (reply[0] === 2) throw new ApiKeyRevokedError();
  const seen = emptyAccount();
  let at = 1;
  for (const id of ids) seen.texts.set(id, reply[at++] as string | null);
  for (const name of names) seen.idByName.set(name, reply[at++] as string | null);
  seen.empty = reply[at++] === 1;
  const count = reply[at++] as number;
  seen.headIds = reply.slice(at, at + count) as string[];
  seen.headTexts = reply.slice(at + count, at + 2 * count) as string[];
  seen.headIds.forEach((id, i) => seen.texts.set(id, seen.headTexts[i]!));
  at += 2 * count;
  seen.defaultId = (reply[at] as string | null) || null;
  if (seen.defaultId !== null) seen.texts.set(seen.defaultId, reply[at + 1] as string | null);
  return seen;
}

/** COMMIT_CHANGE: the steps, written only if everything `seen` is still so. */
async function commit<T>(ctx: ChangeContext, k: AccountKeys, caller: string, change: Change<T>, seen: SeenReads, steps: readonly WriteStep[]): Promise<"written" | typeof STALE | "conflict"> {
  const readDefault = change.reads.default === true;
  const args = [
    caller,
    String(seen.texts.size), ...[...seen.texts].flatMap(([id, text]) => [id, text ?? ""]),
    String(seen.idByName.size), ...[...seen.idByName].flatMap(([name, id]) => [name, id ?? ""]),
    change.reads.empty ? (seen.empty ? "1" : "0") : "",
    String(change.reads.head ?? 0), String(seen.headIds.length), ...seen.headIds,
    readDefault ? "1" : "0", seen.defaultId ?? "",
    String(steps.length), ...steps.flatMap((step) => stepArgs(step, ctx.memo.encode)),
  ];
  let written: number;
  try {
    written = (await ctx.script(COMMIT_CHANGE, accountKeyList(k), args)) as number;
  } catch (error) {
    ctx.forgetKept(); // it may have written before failing
    throw error;
  }
  if (written === 0) return STALE;
  if (written === 4) throw new ApiKeyRevokedError();
  if (written === 5) throw new TwoDefaultsError(ctx.accountId, "the stored default", steps.find((s) => s.kind === "put" && s.domain.isDefault)?.domain.id ?? "?");
  if (written !== 3) return "conflict";
  ctx.forgetKept();
  return "written";
}

/** The raw reads a change gets of what READ_FOR_CHANGE returned (run-change.ts refuses what was not declared). */
export function rawReads(seen: SeenReads, decode: DecodedDomains["decode"]): RawAccountReads {
  const domain = (id: string) => {
    const text = seen.texts.get(id);
    return text ? decode(id, text) : undefined;
  };
  return {
    domain,
    idOfName: (name) => seen.idByName.get(name) ?? undefined,
    isEmpty: () => seen.empty,
    head: () => seen.headTexts.map((text, i) => decode(seen.headIds[i]!, text)),
    defaultDomain: () => (seen.defaultId === null ? undefined : domain(seen.defaultId)),
  };
}

/** One write step as COMMIT_CHANGE reads it: kind, id, name, score, record, isDefault. */
function stepArgs(step: WriteStep, encode: DecodedDomains["encode"]): string[] {
  const d = step.domain;
  return step.kind === "remove" ? ["r", d.id, d.domain, "", "", "0"] : ["p", d.id, d.domain, String(scoreOf(d)), encode(d), d.isDefault ? "1" : "0"];
}
