// The contract suite's settings, parsed once, by one parser, for the suite and its CLI: the CONTRACT_*
// variables (the suite on its own), or the CLI's flags over them (the CLI passes the result to the suite
// through Vitest's provide, never through process.env). Each setting keeps the name the user gave it (a
// flag or a variable), so messages and skip reasons name what the user actually used.
// No vitest import: the config file, the global setup and scripts read it too.
import type { Credentials } from "./demo-accounts.js";
import { DEFAULT_PARALLEL_CLIENTS, DEFAULT_PARALLEL_RUNS, MAX_PARALLEL_CLIENTS, MIN_PARALLEL_CLIENTS, type ParallelSettings } from "./concurrent/settings.js";
import { DEFAULT_MODEL_LENGTH, DEFAULT_MODEL_RUNS, DEFAULT_MODEL_SEED, parseReplay, type ModelSettings } from "./model/settings.js";

export const VARIABLES = {
  baseUrl: "CONTRACT_BASE_URL",
  apiKey: "CONTRACT_API_KEY",
  accountId: "CONTRACT_ACCOUNT_ID",
  otherApiKey: "CONTRACT_OTHER_API_KEY",
  otherAccountId: "CONTRACT_OTHER_ACCOUNT_ID",
  target: "CONTRACT_TARGET",
  reportsDir: "CONTRACT_REPORTS_DIR",
  timeoutMs: "CONTRACT_TIMEOUT_MS",
  skipMalformedJson: "CONTRACT_SKIP_MALFORMED_JSON",
  modelRuns: "CONTRACT_MODEL_RUNS",
  modelLength: "CONTRACT_MODEL_LENGTH",
  modelDeleteExisting: "CONTRACT_MODEL_DELETE_EXISTING",
  seed: "CONTRACT_SEED",
  replay: "CONTRACT_REPLAY",
  parallelRuns: "CONTRACT_PARALLEL_RUNS",
  parallelClients: "CONTRACT_PARALLEL_CLIENTS",
} as const;

export type SettingKey = keyof typeof VARIABLES;
/** Raw values by setting, as given (a flag's value or a variable's). */
export type RawSettings = Partial<Record<SettingKey, string>>;
/** How the user named each setting: `--api-key` or `CONTRACT_API_KEY`. */
export type SettingNames = Record<SettingKey, string>;

export type HostTarget = "server" | "fetch" | "msw";

export interface ContractSettings {
  /** Without a trailing slash; undefined: the suite starts the mock itself (or an in-process host). */
  baseUrl: string | undefined;
  own: Credentials | undefined;
  other: Credentials | undefined;
  target: HostTarget;
  reportsDir: string;
  timeoutMs: number;
  skipMalformedJson: boolean;
  model: ModelSettings;
  parallel: ParallelSettings;
  names: SettingNames;
}

export class SettingsError extends Error {
  override readonly name = "SettingsError";
}

const given = (raw: RawSettings, key: SettingKey): string | undefined => {
  const value = raw[key]?.trim();
  return value === "" ? undefined : value;
};

function whole(raw: RawSettings, names: SettingNames, key: SettingKey, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const text = given(raw, key);
  if (text === undefined) return fallback;
  const value = Number(text);
  const range = max === Number.MAX_SAFE_INTEGER ? `from ${min}` : `from ${min} to ${max}`;
  if (!Number.isSafeInteger(value) || value < min || value > max) throw new SettingsError(`${names[key]} must be a whole number ${range}, got ${JSON.stringify(text)}`);
  return value;
}

function pair(raw: RawSettings, names: SettingNames, keyOf: SettingKey, idOf: SettingKey): Credentials | undefined {
  const apiKey = given(raw, keyOf);
  const accountId = given(raw, idOf);
  if (apiKey === undefined && accountId === undefined) return undefined;
  if (apiKey === undefined || accountId === undefined) throw new SettingsError(`give both ${names[keyOf]} and ${names[idOf]}, or neither`);
  return { apiKey, accountId };
}

/** A switch: `1` on, `0` or not given off; anything else is refused (a switch that destroys data is not guessed at). */
function onOff(raw: RawSettings, names: SettingNames, key: SettingKey): boolean {
  const text = given(raw, key);
  if (text === undefined || text === "0") return false;
  if (text === "1") return true;
  throw new SettingsError(`${names[key]} must be 1 (on) or 0 (off), got ${JSON.stringify(text)}`);
}

function model(raw: RawSettings, names: SettingNames, random: () => number): ModelSettings {
  const seedText = given(raw, "seed");
  const seedIsRandom = seedText === "random";
  const seed = seedIsRandom ? Math.floor(random() * 2 ** 31) : whole(raw, names, "seed", DEFAULT_MODEL_SEED, -(2 ** 31));
  const replayText = given(raw, "replay");
  const replay = replayText === undefined ? undefined : parseReplay(replayText);
  if (replayText !== undefined && replay === undefined) throw new SettingsError(`${names.replay} must be what a failure printed, such as 3:0:1@AAB:b, got ${JSON.stringify(replayText)}`);
  if (replay !== undefined && (seedText === undefined || seedIsRandom)) throw new SettingsError(`${names.replay} needs the ${names.seed} it was printed with`);
  return {
    runs: whole(raw, names, "modelRuns", DEFAULT_MODEL_RUNS, 0),
    length: whole(raw, names, "modelLength", DEFAULT_MODEL_LENGTH, 1),
    deleteExisting: onOff(raw, names, "modelDeleteExisting"),
    seed,
    seedIsRandom,
    replay,
  };
}

/** Parses raw settings; throws SettingsError naming the flag or variable at fault. */
export function parseSettings(raw: RawSettings, names: SettingNames = VARIABLES, random: () => number = Math.random): ContractSettings {
  const target = given(raw, "target") ?? "server";
  if (target !== "server" && target !== "fetch" && target !== "msw") throw new SettingsError(`${names.target} must be server, fetch or msw, got ${JSON.stringify(target)}`);
  const timeoutMs = whole(raw, names, "timeoutMs", 5_000, 1);
  return {
    baseUrl: given(raw, "baseUrl")?.replace(/\/+$/, ""),
    own: pair(raw, names, "apiKey", "accountId"),
    other: pair(raw, names, "otherApiKey", "otherAccountId"),
    target,
    reportsDir: given(raw, "reportsDir") ?? "reports",
    timeoutMs,
    skipMalformedJson: given(raw, "skipMalformedJson") === "1",
    model: model(raw, names, random),
    parallel: {
      runs: whole(raw, names, "parallelRuns", DEFAULT_PARALLEL_RUNS, 0),
      clients: whole(raw, names, "parallelClients", DEFAULT_PARALLEL_CLIENTS, MIN_PARALLEL_CLIENTS, MAX_PARALLEL_CLIENTS),
    },
    names,
  };
}

/** The raw settings in an environment (CONTRACT_* variables). */
export function rawFromEnv(env: NodeJS.ProcessEnv): RawSettings {
  const raw: RawSettings = {};
  for (const [key, variable] of Object.entries(VARIABLES) as [SettingKey, string][]) {
    const value = env[variable];
    if (value !== undefined) raw[key] = value;
  }
  return raw;
}

export const settingsFromEnv = (env: NodeJS.ProcessEnv = process.env): ContractSettings => parseSettings(rawFromEnv(env));

/** "pass --other-api-key and --other-account-id" or "set CONTRACT_OTHER_API_KEY and CONTRACT_OTHER_ACCOUNT_ID". */
export function howToGive(names: SettingNames, ...keys: SettingKey[]): string {
  const listed = keys.map((k) => names[k]).join(" and ");
  return `${names[keys[0]!]?.startsWith("--") ? "pass" : "set"} ${listed}`;
}
