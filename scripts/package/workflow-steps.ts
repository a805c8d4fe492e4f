// The steps of a GitHub Actions workflow file, as a test runs them: each `run:` step's command with its `env:`,
// where `${{ vars.NAME }}` and `${{ secrets.NAME }}` take the values the test gives (a name it does not give is
// an error: the workflow needs a variable the test did not think of), and the `uses:` steps by name and `with:`.
import { readFileSync } from "node:fs";
import { parse } from "yaml";

export interface WorkflowStep {
  name: string;
  run?: string;
  env: Record<string, string>;
  uses?: string;
  with: Record<string, string>;
}

interface RawStep {
  name?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
  with?: Record<string, string | number>;
}

const EXPRESSION = /\$\{\{\s*(vars|secrets)\.(\w+)\s*\}\}/g;

/** The steps of `job` in the workflow file, with the expressions of their env replaced by `values`. */
export function workflowSteps(file: string, job: string, values: Record<string, string>): WorkflowStep[] {
  const workflow = parse(readFileSync(file, "utf8")) as { jobs?: Record<string, { steps?: RawStep[] }> };
  const steps = workflow.jobs?.[job]?.steps;
  if (!steps) throw new Error(`${file} has no job "${job}" with steps`);
  const fill = (text: string) =>
    text.replace(EXPRESSION, (_, kind: string, name: string) => {
      const value = values[name];
      if (value === undefined) throw new Error(`${file} uses \${{ ${kind}.${name} }}, which the test gives no value`);
      return value;
    });
  return steps.map((s, i) => ({
    name: s.name ?? s.uses ?? `step ${i + 1}`,
    ...(s.run === undefined ? {} : { run: s.run }),
    ...(s.uses === undefined ? {} : { uses: s.uses }),
    env: Object.fromEntries(Object.entries(s.env ?? {}).map(([k, v]) => [k, fill(String(v))])),
    with: Object.fromEntries(Object.entries(s.with ?? {}).map(([k, v]) => [k, String(v)])),
  }));
}
