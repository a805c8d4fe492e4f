// The Lua scripts of the Redis backend. Each one touches the keys of one account (or of the world) only, all
// sharing one hash tag, so each runs atomically on one node, also on Redis Cluster. They decide nothing about
// email domains: the records are computed in TypeScript (domain-rules.ts, verification-simulation.ts) and the
// scripts only insert-if-unique or compare-and-set, so no rule is written twice.
//
// Every script first checks its generation's `live` marker (see redis-store.ts): 0 as the first reply means
// "this generation is gone", and the caller re-reads the current generation and tries again.
import { createHash } from "node:crypto";

export interface Script {
  source: string;
  sha: string;
}

const script = (source: string): Script => ({ source, sha: createHash("sha1").update(source).digest("hex") });

/** KEYS live, hash; ARGV field -> {1, value} | {1} when absent | {0} stale. */
export const READ_FIELD = script(`
if redis.call('EXISTS', KEYS[1]) == 0 then return {0} end
local value = redis.call('HGET', KEYS[2], ARGV[1])
if not value then return {1} end
return {1, value}
`);

/** KEYS live, string -> {1, value} | {1} | {0}. */
export const READ_STRING = script(`
if redis.call('EXISTS', KEYS[1]) == 0 then return {0} end
local value = redis.call('GET', KEYS[2])
if not value then return {1} end
return {1, value}
`);

/** KEYS live, domains, order; ARGV first, last (ZRANGE indexes) -> {1, record...} | {0}. O(log n + page). */
export const LIST_PAGE = script(`
if redis.call('EXISTS', KEYS[1]) == 0 then return {0} end
local ids = redis.call('ZRANGE', KEYS[3], ARGV[1], ARGV[2])
local out = {1}
for i = 1, #ids, 500 do
  local chunk = redis.call('HMGET', KEYS[2], unpack(ids, i, math.min(i + 499, #ids)))
  for _, record in ipairs(chunk) do out[#out + 1] = record end
end
return out
`);

/**
 * KEYS live, domains, names, order; ARGV name, id, score, record-if-first, record-otherwise.
 * -> 0 stale | 1 name taken | 2 created | 3 created as the account's first (default) domain | 4 id taken (a bug).
 * The name check, the "first domain" decision and the three writes are one atomic step.
 */
export const CREATE = script(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if redis.call('HEXISTS', KEYS[2], ARGV[2]) == 1 then return 4 end
if redis.call('HSETNX', KEYS[3], ARGV[1], ARGV[2]) == 0 then return 1 end
local first = redis.call('HLEN', KEYS[2]) == 0
redis.call('HSET', KEYS[2], ARGV[2], first and ARGV[4] or ARGV[5])
redis.call('ZADD', KEYS[4], ARGV[3], ARGV[2])
if first then return 3 end
return 2
`);

/** KEYS live, domains; ARGV id, expected record, next record -> 0 stale | 1 gone | 2 changed meanwhile | 3 written. */
export const COMPARE_AND_SET = script(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local current = redis.call('HGET', KEYS[2], ARGV[1])
if not current then return 1 end
if current ~= ARGV[2] then return 2 end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
return 3
`);

// The heir of a removed domain: the first in list order other than the removed one.
const HEIR = `
local firsts = redis.call('ZRANGE', KEYS[3], 0, 1)
local heir = firsts[1]
if heir == ARGV[1] then heir = firsts[2] end
`;

/** KEYS live, domains, order; ARGV id -> {0} stale | {1} gone | {1, record} | {1, record, heir id, heir record}. */
export const READ_FOR_REMOVE = script(`
if redis.call('EXISTS', KEYS[1]) == 0 then return {0} end
local current = redis.call('HGET', KEYS[2], ARGV[1])
if not current then return {1} end
${HEIR}
if not heir then return {1, current} end
return {1, current, heir, redis.call('HGET', KEYS[2], heir)}
`);

/**
 * KEYS live, domains, order, names; ARGV id, expected record, name, moves-default ('1' or '0'),
 * expected heir id ('' for none), expected heir record, next heir record.
 * -> 0 stale | 1 gone | 2 changed meanwhile | 3 removed. When the removed domain is the default, the heir
 * seen by READ_FOR_REMOVE must still be the heir, unchanged, or nothing is written.
 */
export const REMOVE = script(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local current = redis.call('HGET', KEYS[2], ARGV[1])
if not current then return 1 end
if current ~= ARGV[2] then return 2 end
if ARGV[4] == '1' then
  ${HEIR}
  if (heir or '') ~= ARGV[5] then return 2 end
  if heir then
    if redis.call('HGET', KEYS[2], heir) ~= ARGV[6] then return 2 end
    redis.call('HSET', KEYS[2], heir, ARGV[7])
  end
end
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('HDEL', KEYS[4], ARGV[3])
return 3
`);

/**
 * KEYS current, retired; ARGV generation -> the previous generation or false. The reset's one switch: the
 * old generation is noted as retired in the same step, so its cleanup is never forgotten, even if this
 * process dies right after.
 */
export const SWITCH_GENERATION = script(`
local previous = redis.call('GET', KEYS[1])
redis.call('SET', KEYS[1], ARGV[1])
if previous and previous ~= ARGV[1] then redis.call('SADD', KEYS[2], previous) end
return previous
`);
