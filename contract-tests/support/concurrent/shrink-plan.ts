// Shrinks a failing concurrent run before it becomes a racing reproduction (issue 25, item 4): fewer clients,
// fewer calls per client, fewer set-up steps. Each smaller plan is run against the target again, a few times
// (a race does not show every time), and kept when one of those runs still fails. Greedy, like fast-check's
// shrinking of command lists, and bounded by a number of runs: what is left is small, not always minimal.

export interface PlanShape<S> {
  prefix: S[];
  clients: S[][];
}

/** Plans one step smaller: a client fewer, then a call fewer, then a prefix step fewer; at least one call is left. */
export function smallerPlans<S, P extends PlanShape<S>>(plan: P): P[] {
  const out: P[] = [];
  const calls = plan.clients.reduce((n, c) => n + c.length, 0);
  plan.clients.forEach((_, k) => {
    if (plan.clients.length > 1) out.push({ ...plan, clients: plan.clients.filter((__, j) => j !== k) });
  });
  plan.clients.forEach((client, k) =>
    client.forEach((_, i) => {
      if (calls > 1) out.push({ ...plan, clients: plan.clients.map((c, j) => (j === k ? c.filter((__, n) => n !== i) : c)).filter((c) => c.length > 0) });
    }),
  );
  plan.prefix.forEach((_, i) => out.push({ ...plan, prefix: plan.prefix.filter((__, n) => n !== i) }));
  return out;
}

export interface ShrinkOptions {
  /** Runs of one smaller plan before it counts as passing. */
  tries: number;
  /** Runs against the target in all, at most. */
  maxRuns: number;
}

export interface Shrunk<P, F> {
  plan: P;
  failure: F;
  /** Runs made against the target while shrinking. */
  runs: number;
}

/**
 * Shrinks `plan` (whose run failed with `failure`) while a smaller plan still fails: `run` runs a plan against
 * the target once and gives its failure, or undefined when it passed.
 */
export async function shrinkPlan<S, P extends PlanShape<S>, F>(plan: P, failure: F, run: (plan: P) => Promise<F | undefined>, options: ShrinkOptions): Promise<Shrunk<P, F>> {
  let current: Shrunk<P, F> = { plan, failure, runs: 0 };
  let progress = true;
  while (progress && current.runs < options.maxRuns) {
    progress = false;
    for (const candidate of smallerPlans<S, P>(current.plan)) {
      let found: F | undefined;
      for (let t = 0; t < options.tries && found === undefined && current.runs < options.maxRuns; t++) {
        current = { ...current, runs: current.runs + 1 };
        found = await run(candidate);
      }
      if (found !== undefined) {
        current = { plan: candidate, failure: found, runs: current.runs };
        progress = true;
        break;
      }
      if (current.runs >= options.maxRuns) break;
    }
  }
  return current;
}
