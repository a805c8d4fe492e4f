// The Lua scripts of the Redis backend. Each one touches the keys of one account (or of the world) only, all
// sharing one hash tag, so each runs atomically on one node, also on Redis Cluster. They decide nothing about
// email domains: the changes are computed in TypeScript (src/domain/), and the scripts only read what a change
// needs and compare-and-set what it wrote, so no rule is written twice.
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

// The caller check every account-level read starts with: ARGV[1] is the digest of the API key that
// accountForKey answered from memory ('' when the call comes without one); {2} when the key is not one of this
// account's in this generation. It makes the key's check and the read one step (one round trip).
const CALLER = (keysIndex: number) => `
if redis.call('EXISTS', KEYS[1]) == 0 then return {0} end
if ARGV[1] ~= '' and redis.call('SISMEMBER', KEYS[${keysIndex}], ARGV[1]) == 0 then return {2} end
`;

/** KEYS live, domains, caller keys; ARGV caller digest, id -> {0} stale | {2} not the caller's | {1, record} | {1}. */
export const READ_DOMAIN = script(`${CALLER(3)}
local value = redis.call('HGET', KEYS[2], ARGV[2])
if not value then return {1} end
return {1, value}
`);

/** KEYS live, domains, order, caller keys; ARGV caller digest, first, last (ZRANGE indexes) -> {0} | {2} | {1, k ids..., k records...}. O(log n + page). */
export const LIST_PAGE = script(`${CALLER(4)}
local ids = redis.call('ZRANGE', KEYS[3], ARGV[2], ARGV[3])
local out = {1}
for _, id in ipairs(ids) do out[#out + 1] = id end
for i = 1, #ids, 500 do
  local chunk = redis.call('HMGET', KEYS[2], unpack(ids, i, math.min(i + 499, #ids)))
  for _, record in ipairs(chunk) do out[#out + 1] = record end
end
return out
`);

/**
 * KEYS live, domains, names, order, caller keys, default id; ARGV caller digest, nIds, id..., nNames, name..., empty ('1' to
 * read it), head, default ('1' to read it). -> {0} stale | {2} not the caller's | {1, record-or-false per id,
 * id-or-false per name, empty (1/0), k, k head ids, k head records, default id or false, its record or false}.
 * What a change declared it reads (AccountReads in port.ts), in one step.
 */
export const READ_FOR_CHANGE = script(`${CALLER(5)}
local out = {1}
local i = 2
local nIds = tonumber(ARGV[i]); i = i + 1
for _ = 1, nIds do out[#out + 1] = redis.call('HGET', KEYS[2], ARGV[i]); i = i + 1 end
local nNames = tonumber(ARGV[i]); i = i + 1
for _ = 1, nNames do out[#out + 1] = redis.call('HGET', KEYS[3], ARGV[i]); i = i + 1 end
local empty = 0
if ARGV[i] == '1' and redis.call('HLEN', KEYS[2]) == 0 then empty = 1 end
i = i + 1
local head = tonumber(ARGV[i]); i = i + 1
local ids = {}
if head > 0 then ids = redis.call('ZRANGE', KEYS[4], 0, head - 1) end
out[#out + 1] = empty
out[#out + 1] = #ids
for _, id in ipairs(ids) do out[#out + 1] = id end
for _, id in ipairs(ids) do out[#out + 1] = redis.call('HGET', KEYS[2], id) end
local default = false
if ARGV[i] == '1' then default = redis.call('GET', KEYS[6]) end
out[#out + 1] = default
if default then out[#out + 1] = redis.call('HGET', KEYS[2], default) else out[#out + 1] = false end
return out
`);

/**
 * KEYS live, domains, names, order, caller keys, default id. ARGV, in order: the caller's digest (as in CALLER above),
 * what the change saw, then what it writes:
 *   nIds, (id, record or '' for absent)...   nNames, (name, id or '')...   empty ('' not read, '1', '0')
 *   head, k, k ids (the first `head` ids in list order)   default ('1' read, '0' not), the default id seen or ''
 *   nSteps, (kind 'r' or 'p', id, name, score, record, isDefault '1'/'0')...   in the port's order (run-change.ts)
 * -> 0 stale | 2 something seen changed meanwhile (nothing written) | 3 written | 4 not the caller's account
 *    | 5 the steps would leave two defaults (nothing written).
 * The compare and the set are one atomic step: the optimistic half of a transaction (redis-store.ts). The steps
 * are checked against the default before the first write, since a script that fails halfway keeps its writes.
 */
export const COMMIT_CHANGE = script(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if ARGV[1] ~= '' and redis.call('SISMEMBER', KEYS[5], ARGV[1]) == 0 then return 4 end
local i = 2
local function arg() local v = ARGV[i]; i = i + 1; return v end
for _ = 1, tonumber(arg()) do
  local id, expected = arg(), arg()
  if (redis.call('HGET', KEYS[2], id) or '') ~= expected then return 2 end
end
for _ = 1, tonumber(arg()) do
  local name, expected = arg(), arg()
  if (redis.call('HGET', KEYS[3], name) or '') ~= expected then return 2 end
end
local empty = arg()
if empty ~= '' and (empty == '1') ~= (redis.call('HLEN', KEYS[2]) == 0) then return 2 end
local head, k = tonumber(arg()), tonumber(arg())
if head > 0 then
  local ids = redis.call('ZRANGE', KEYS[4], 0, head - 1)
  if #ids ~= k then return 2 end
  for j = 1, k do if ids[j] ~= arg() then return 2 end end
end
local current = redis.call('GET', KEYS[6])
local readDefault, seenDefault = arg(), arg()
if readDefault == '1' and (current or '') ~= seenDefault then return 2 end
local steps = {}
for _ = 1, tonumber(arg()) do
  local s = {arg(), arg(), arg(), arg(), arg(), arg()}
  steps[#steps + 1] = s
  if s[1] == 'r' or s[6] == '0' then
    if current == s[2] then current = false end
  elseif not current or current == s[2] then current = s[2]
  else return 5 end
end
for _, s in ipairs(steps) do
  if s[1] == 'r' then
    if redis.call('HDEL', KEYS[2], s[2]) == 1 then
      redis.call('ZREM', KEYS[4], s[2])
      redis.call('HDEL', KEYS[3], s[3])
    end
  else
    redis.call('HSET', KEYS[2], s[2], s[5])
    redis.call('HSET', KEYS[3], s[3], s[2])
    redis.call('ZADD', KEYS[4], s[4], s[2])
  end
end
if current then redis.call('SET', KEYS[6], current) else redis.call('DEL', KEYS[6]) end
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
