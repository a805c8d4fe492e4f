// The Redis store's generations (see "Generations" at the top of redis-store.ts): writing a whole world under
// a new generation, finding the current one (seeding an empty Redis, upgrading an older layout), and dropping
// the ones a reset retired.
import { randomUUID } from "node:crypto";
import { listKey } from "./list-order.js";
import type { World } from "./port.js";
import type { RedisConnection } from "./redis-connection.js";
import { keyDigest, type RedisKeys } from "./redis-keys.js";
import { defaultAfterSteps } from "./run-change.js";
import { checkReadable, recordsChangeFrom, upgradeRecord, type StoredLayout } from "./stored-layout.js";
import type { Account, EmailDomain } from "./types.js";

/** Fields per HSET while writing a seed: big seeds go in several commands rather than one huge one. */
const WRITE_CHUNK = 1000;
const WRITES_IN_FLIGHT = 8;

export interface GenerationsContext {
  command: RedisConnection["run"];
  keys: RedisKeys;
  layout: StoredLayout;
  /** Where the data is, for messages: `Redis at <url>, prefix <prefix>`. */
  where: string;
}

export interface Generations {
  /** Writes a whole world under a new generation; nothing reads it until `current` names it. */
  write(next: World): Promise<string>;
  /** The current generation; when Redis holds none under this prefix, `initial()` becomes it. */
  current(): Promise<string>;
  /** Drops every retired generation but the current one (concurrent resets may each retire one). */
  dropRetired(): Promise<void>;
  /** True once this process found no world and wrote `initial()`. */
  readonly initialisedFromSeed: boolean;
}

/** `initial` is built only when Redis holds no world under the prefix. */
export function redisGenerations({ command, keys, layout, where }: GenerationsContext, initial: () => World): Generations {
  const marker = String(layout.version);
  let initialisedFromSeed = false;

  async function write(next: World): Promise<string> {
    // Everything that can fail on bad input is computed before the first write.
    const accounts: Account[] = next.accounts.map(({ domains: _domains, ...account }) => account);
    const built = next.accounts.map(({ domains, ...account }) => ({ account, domains }));
    const defaults = built.map(({ account, domains }) => {
      for (const d of domains) scoreOf(d);
      return defaultAfterSteps(account.accountId, undefined, domains.map((domain) => ({ kind: "put", domain })));
    });
    // Random, not counted: a counter would start again at 1 in a Redis that lost its data, and a process
    // still holding generation 1 would take the new world for its own.
    const g = randomUUID();
    type Write = Parameters<typeof command>[0];
    const writes: Write[] = [];
    for (const [i, { account, domains }] of built.entries()) {
      const k = keys.account(g, account.accountId);
      writes.push((c) => c.set(k.live, "1"));
      const defaultId = defaults[i];
      if (defaultId !== undefined) writes.push((c) => c.set(k.defaultId, defaultId));
      // The account's own key digests, beside its domains: a read checks its caller's key in the same script.
      if (account.apiKeys.length > 0) writes.push((c) => c.sAdd(k.callers, account.apiKeys.map(keyDigest)));
      for (let i = 0; i < domains.length; i += WRITE_CHUNK) {
        const chunk = domains.slice(i, i + WRITE_CHUNK);
        writes.push((c) => c.hSet(k.domains, Object.fromEntries(chunk.map((d) => [d.id, JSON.stringify(d)]))));
        writes.push((c) => c.hSet(k.names, Object.fromEntries(chunk.map((d) => [d.domain, d.id]))));
        writes.push((c) => c.zAdd(k.order, chunk.map((d) => ({ score: scoreOf(d), value: d.id }))));
      }
    }
    const w = keys.world(g);
    writes.push((c) => c.set(w.accounts, JSON.stringify(accounts)));
    const ring = Object.fromEntries(accounts.flatMap((a) => a.apiKeys.map((key) => [keyDigest(key), JSON.stringify(a)])));
    if (Object.keys(ring).length > 0) writes.push((c) => c.hSet(w.apiKeys, ring));
    writes.push((c) => c.set(w.live, marker));
    try {
      // A few commands in flight at a time: each has its own deadline, which a long pipeline would eat up.
      for (let i = 0; i < writes.length; i += WRITES_IN_FLIGHT) await Promise.all(writes.slice(i, i + WRITES_IN_FLIGHT).map((write) => command(write)));
    } catch (error) {
      await drop(g, accounts.map((a) => a.accountId)).catch(() => undefined);
      throw error;
    }
    return g;
  }

  /** Deletes a generation: the world first (its accounts then read as stale), then each account in one UNLINK. */
  async function drop(g: string, accountIds?: string[]): Promise<void> {
    const w = keys.world(g);
    let ids = accountIds;
    if (!ids) {
      const text = await command((client) => client.get(w.accounts));
      ids = text ? (JSON.parse(text) as Account[]).map((a) => a.accountId) : [];
    }
    await command((client) => client.unlink([w.live, w.accounts, w.apiKeys]));
    await command((client) => Promise.all(ids.map((id) => client.unlink(Object.values(keys.account(g, id))))));
  }

  async function dropRetired(): Promise<void> {
    const retired = await command((client) => client.sMembers(keys.retired));
    const current = await command((client) => client.get(keys.current));
    for (const g of retired) {
      if (g === current) continue;
      await drop(g);
      await command((client) => client.sRem(keys.retired, g));
    }
  }

  /**
   * A world written in an older layout (its marker names it) is brought to this one, once, before it is served:
   * layout 1 had no per-account key digests, layout 2 no default id per account, and records change as
   * `layout.upgrades` says. A newer layout is refused (StoredLayoutError). Replicas of an older kit must not
   * keep writing to a prefix once it is upgraded: they would not keep the default id.
   */
  async function upgradeLayout(g: string): Promise<void> {
    const w = keys.world(g);
    const found = await command((c) => c.get(w.live));
    if (found === null || found === marker) return; // null: the generation went meanwhile (the caller re-reads)
    const from = Number(found);
    checkReadable(where, from, layout, "run the kit version that wrote it, or give this mock another --redis-prefix");
    const text = await command((c) => c.get(w.accounts));
    for (const account of text ? (JSON.parse(text) as Account[]) : []) await upgradeAccount(g, account, from);
    await command((c) => c.set(w.live, marker, { condition: "XX" }));
  }

  /** One account of an older layout's world: its key digests (before 2), its records and its default id (before 3). */
  async function upgradeAccount(g: string, account: Account, from: number): Promise<void> {
    const k = keys.account(g, account.accountId);
    if (from < 2 && account.apiKeys.length > 0) await command((c) => c.sAdd(k.callers, account.apiKeys.map(keyDigest)));
    const rewrite = recordsChangeFrom(from, layout);
    if (from >= 3 && !rewrite) return;
    const stored = await command((c) => c.hGetAll(k.domains));
    const records = Object.entries(stored).map(([id, record]) => [id, upgradeRecord(JSON.parse(record), from, layout)] as const);
    if (rewrite && records.length > 0) await command((c) => c.hSet(k.domains, Object.fromEntries(records.map(([id, d]) => [id, JSON.stringify(d)]))));
    const defaultId = records.find(([, d]) => d.isDefault)?.[0];
    if (defaultId !== undefined) await command((c) => c.set(k.defaultId, defaultId));
  }

  async function current(): Promise<string> {
    for (;;) {
      const found = await command((client) => client.get(keys.current));
      if (found) return (await upgradeLayout(found), found);
      const g = await write(initial());
      // Of processes starting together on an empty Redis, one wins; the others drop what they wrote.
      if ((await command((client) => client.set(keys.current, g, { condition: "NX" }))) === "OK") {
        initialisedFromSeed = true;
        return g;
      }
      await drop(g);
    }
  }

  return {
    write,
    current,
    dropRetired,
    get initialisedFromSeed() {
      return initialisedFromSeed;
    },
  };
}

/** The list-order score: createdAt in ms (an exact integer as a double); Redis orders equal scores by member, the id. */
export const scoreOf = (domain: EmailDomain): number => listKey(domain).createdMs;

/** Stale: the generation a script ran on is gone. */
export const STALE = Symbol("stale");
