// The stages of `npm test`, in the order they start (scripts/test/run-stages.ts runs them, side by side where
// they share nothing, and prints the verdict).
// Each stage is one npm script, which stays runnable on its own (`npm run test:unit`).
//
// To add a stage: write its npm script in package.json, then add one entry here:
//   { name: "model", script: "test:contract:model", what: "model-based contract stage (engine as oracle)" }
// - A Vitest run inside the script is counted (passed / failed / skipped, with each skip's reason) when its
//   config spreads stageReporters() (contract-tests/support/stage-report.ts) into `reporters`; both configs of
//   this repo do, also when a script spawns Vitest with one of them (the env variable reaches the child).
// - A script that is not a Vitest run can give its own counts: `counts` gets the stage's whole output and
//   returns a short text (e.g. "32/32 mutants caught"), or undefined.
// - A stage may skip itself for a reason (e.g. a missing tool): it prints a line `STAGE-SKIPPED: <reason>` and
//   exits 0; the runner shows the stage as skipped with that reason (and the verdict counts it).

export interface Stage {
  /** Short name, printed in the verdict; `npm test -- NAME...` runs only the named stages. */
  name: string;
  /** The npm script that runs it. */
  script: string;
  /** One line: what it checks. */
  what: string;
  /** Counts for a stage that is not a Vitest run, read from its output. */
  counts?: (output: string) => string | undefined;
  /**
   * What the stage shares with others (a file it writes that others write or read): two stages using one
   * resource never run at the same time. Stages with nothing in common run side by side.
   */
  uses?: string[];
  /** Runs with no other stage at all (it rewrites files every other stage reads). */
  alone?: boolean;
}

/** reports/contract-junit.xml (and the suite's other reports in reports/): written by every suite run into the default reports folder. */
const CONTRACT_REPORTS = "reports/";

const lastMatch = (output: string, pattern: RegExp): RegExpMatchArray | undefined => [...output.matchAll(pattern)].at(-1);

export const stages: Stage[] = [
  // First, with nothing beside it: it rewrites dist/openapi.*. Then the others longest first (as measured on
  // the project's 2-core machine), so that the short ones end the run beside the long ones (run-stages.ts).
  {
    name: "generated",
    script: "check:generated",
    what: "generated types and validators are up to date",
    // It bundles the spec again into dist/, which every other stage reads.
    alone: true,
    counts: (out) => {
      const line = lastMatch(out, /^(.+) (?:is|are) up to date with the spec\.$/gm);
      return line ? `${line[1]!.split(", ").length} generated file(s) up to date` : undefined;
    },
  },
  { name: "unit", script: "test:unit", what: "unit tests, README examples, packages from tarballs, browser checks" },
  {
    name: "mutants",
    script: "test:contract:mutants:run",
    what: "the suite fails against deliberately broken servers, and each kill leaves a reproduction script that holds",
    counts: (out) => {
      const m = lastMatch(out, /(\d+)\/(\d+) mutants caught(?:, (\d+) of them with a reproduction script that holds)?/g);
      return m ? `${m[1]}/${m[2]} mutants caught${m[3] === undefined ? "" : `, ${m[3]} with a reproduction script that holds`}` : undefined;
    },
  },
  {
    name: "variants",
    script: "test:contract:variants:run",
    what: "the suite passes against servers that differ only where the spec leaves room",
    counts: (out) => {
      const m = lastMatch(out, /(\d+)\/(\d+) variants pass/g);
      return m ? `${m[1]}/${m[2]} variants pass` : undefined;
    },
  },
  { name: "prism", script: "test:contract:prism:run", what: "contract suite through Prism's validation proxy" },
  { name: "replicas", script: "test:contract:replicas:run", what: "contract suite against two mock replicas on one Redis" },
  { name: "state-file", script: "test:contract:state-file:run", what: "contract suite against the mock with --state-file (SQLite), then a restart on the same file keeps its data" },
  { name: "typecheck", script: "typecheck", what: "tsc --noEmit", counts: (out) => (/error TS\d+/.test(out) ? `${[...out.matchAll(/error TS\d+/g)].length} error(s)` : "no errors") },
  { name: "contract", script: "test:contract:suite", what: "contract suite against the mock (Node server)", uses: [CONTRACT_REPORTS] },
  { name: "contract-fetch", script: "test:contract:fetch", what: "contract suite against the /fetch host", uses: [CONTRACT_REPORTS] },
  { name: "contract-msw", script: "test:contract:msw", what: "contract suite against the /msw host", uses: [CONTRACT_REPORTS] },
  // The stages above run the model stage with its fixed seed; this one with a random seed, printed by the test,
  // alone against a mock of its own, so its sequences may delete the demo accounts' own domains (defaults too).
  { name: "model-random", script: "test:contract:model-random", what: "model-based stage alone against its own mock, random seed (printed: replay with CONTRACT_SEED), deleting pre-existing domains too (CONTRACT_MODEL_DELETE_EXISTING=1)", uses: [CONTRACT_REPORTS] },
  {
    name: "layering",
    script: "lint:layers",
    what: "src/ keeps its layers (hosts -> engine -> domain -> storage port) and browser code never reaches Node (.dependency-cruiser.cjs)",
    counts: (out) => lastMatch(out, /(no dependency violations found|\d+ dependency violations)[^\n]*/g)?.[0],
  },
  {
    name: "breaking",
    script: "check:breaking",
    what: "no breaking change against the last release",
    counts: (out) => lastMatch(out, /^(?:PASS|FAIL): (.+?)\.?$/gm)?.[1],
  },
  {
    name: "lint",
    script: "lint:spec",
    what: "the spec passes Redocly's lint",
    counts: (out) => {
      const validated = [...out.matchAll(/: validated in \d+ms/g)].length;
      return /Your API descriptions? (is|are) valid/.test(out) ? `${validated} spec(s) valid` : lastMatch(out, /(\d+ errors?[^\n]*)/g)?.[1];
    },
  },
];
