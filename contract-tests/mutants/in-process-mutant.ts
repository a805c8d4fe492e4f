// A set-up file of the mutant and variant runners' embedded suite only (embedded-suite.ts adds it; the suite
// users get does not have it). When the run names a mutant or a variant to serve in-process
// (`provide("mutantInProcess", name)`), the worker's fetch answers the suite's base URL (MUTANT_ORIGIN) from a
// fresh in-process mock behind its mutation (mutant-fetch.ts): no server, no proxy, no socket. Every other URL
// goes to the real fetch. One mock world per run (keyed by the run's reports folder), shared by the run's files
// as they would share a server.
import { inject } from "vitest";
import { createMockFetch } from "../../src/hosts/fetch.js";
import { suiteSettings } from "../support/suite-settings.js";
import { mutantFetch } from "./mutant-fetch.js";
import { MUTANT_ORIGIN } from "./mutant-origin.js";
import { CONTROL_NAME, mutants } from "./mutations.js";
import { variants } from "./variants.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The name of the mutant this run serves in-process, or "" (the run's base URL is a real server). */
    mutantInProcess: string;
  }
}


interface Served {
  run: string;
  fetch: (request: Request) => Promise<Response>;
}

const name = inject("mutantInProcess");
const world = globalThis as typeof globalThis & { mutantServed?: Served; realFetch?: typeof fetch };

if (name) {
  const run = suiteSettings.reportsDir;
  if (world.mutantServed?.run !== run) {
    const named = [...mutants, ...variants].filter((m) => m.name === name);
    if (name !== CONTROL_NAME && named.length !== 1) throw new Error(`${named.length} mutants or variants named ${JSON.stringify(name)} (contract-tests/mutants/mutations.ts, variants.ts): a name must be one of them`);
    const mutation = name === CONTROL_NAME ? {} : named[0]!.mutation;
    const mock = createMockFetch();
    world.mutantServed = { run, fetch: mutantFetch((request) => mock(request), mutation, MUTANT_ORIGIN) };
  }
  const real = (world.realFetch ??= globalThis.fetch);
  const served = world.mutantServed!;
  globalThis.fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    return url.startsWith(`${MUTANT_ORIGIN}/`) ? served.fetch(new Request(input, init)) : real(input, init);
  };
}
