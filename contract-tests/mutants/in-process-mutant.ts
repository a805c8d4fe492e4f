// A set-up file of the mutant runner's embedded suite only (embedded-suite.ts adds it; the suite users get does
// not have it). When the run names a mutant to serve in-process (`provide("mutantInProcess", name)`), the
// worker's fetch answers the suite's base URL (MUTANT_ORIGIN) from a fresh in-process mock behind that mutant's
// mutation (mutant-fetch.ts): no server, no proxy, no socket. Every other URL goes to the real fetch. One mock
// world per run (keyed by the run's reports folder), shared by the run's files as they would share a server.
import { inject } from "vitest";
import { createMockFetch } from "../../src/hosts/fetch.js";
import { suiteSettings } from "../support/suite-settings.js";
import { mutantFetch } from "./mutant-fetch.js";
import { MUTANT_ORIGIN } from "./mutant-origin.js";
import { CONTROL_NAME, mutants } from "./mutations.js";

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
    const mutation = name === CONTROL_NAME ? {} : mutants.find((m) => m.name === name)?.mutation;
    if (!mutation) throw new Error(`no mutant named ${JSON.stringify(name)} (contract-tests/mutants/mutations.ts)`);
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
