// One in-process mock world: a memory store loaded with a seed, and the engine around it, built from the
// specs, the seed schema and the validators compiled at build time (src/generated/). Shared by the hosts
// that need no server: createMockFetch (/fetch) and the MSW handlers (/msw). Reads no file, compiles no
// schema, imports nothing from Node: it runs in a browser as it runs in vitest.
import { apiSpec, controlSpec, demoSeed, seedSchema } from "../generated/embedded.js";
import { checkSeed } from "../seed/check-seed.js";
import { systemEnvironment } from "../storage/environment.js";
import { createMemoryStore } from "../domain/stores.js";
import type { EmailDomainStore, Seed } from "../storage/types.js";
import { createEngine, type Engine, type EngineOptions } from "../engine/create-engine.js";
import { precompiledEngineValidators as validators } from "../engine/precompiled-engine-validators.js";

export interface InProcessMockOptions extends Omit<EngineOptions, "log"> {
  /** The accounts, keys and domains to start with (the seed-file format); default the demo seed. */
  seed?: unknown;
  /** Told about 500s (a contract violation or an unexpected error); default console.error. */
  onError?: EngineOptions["log"];
  /** The store to use instead of a fresh memory store loaded with the seed (e.g. one that persists). */
  createStore?: (seed: Seed) => EmailDomainStore;
}

export interface InProcessMock {
  engine: Engine;
  store: EmailDomainStore;
  /** Back to the start seed. */
  reset(): Promise<void>;
  /** Replaces the whole state with this seed (checked first: a bad seed throws and changes nothing). */
  loadSeed(seed: unknown): Promise<void>;
}

export function createInProcessMock(options: InProcessMockOptions = {}): InProcessMock {
  const validateSeed = validators.api.compile(seedSchema);
  const seed = options.seed === undefined ? demoSeed : checkSeed(structuredClone(options.seed), validateSeed, "the seed option");
  const store = options.createStore?.(seed) ?? createMemoryStore(seed, systemEnvironment());
  const { onError = (event) => console.error(`email-domains mock: ${event.message}`, event.error), seed: _seed, createStore: _create, ...engineOptions } = options;
  const engine = createEngine({ store, spec: apiSpec, controlSpec, seed, seedSchema, validators, options: { ...engineOptions, log: onError } });
  return {
    engine,
    store,
    reset: () => store.reset(seed),
    loadSeed: (next) => store.reset(checkSeed(structuredClone(next), validateSeed, "loadSeed()")),
  };
}
