// The report files of a plain Vitest run of the suite (`npm run test:contract` in a clone): contract-junit.xml
// and contract-ctrf.json, from the same outcome and writers as the CLI's (one <failure> per failed testcase,
// naming the broken rule and field). The CLI writes its own, once it has checked the scripts.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Reporter, TestModule } from "vitest/node";
import { packageRoot } from "../../../src/project-paths.js";
import { collect } from "./collect-outcome.js";
import { ctrfReport } from "./ctrf-report.js";
import { junitReport } from "./junit-report.js";

/** The kit's name and version (package.json): the tool that ran the tests, in CTRF. */
export function kitTool(): { name: string; version: string } {
  const pkg = JSON.parse(readFileSync(join(packageRoot, "package.json"), "utf8")) as { name: string; version: string };
  return { name: pkg.name, version: pkg.version };
}

export class ContractReportFiles implements Reporter {
  private readonly started = Date.now();
  constructor(private readonly reportsDir: string, private readonly baseUrl: string) {}

  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<{ message?: string }>): void {
    const outcome = collect(modules, unhandled);
    mkdirSync(this.reportsDir, { recursive: true });
    writeFileSync(join(this.reportsDir, "contract-junit.xml"), junitReport(outcome));
    const ctrf = ctrfReport(outcome, { baseUrl: this.baseUrl, tool: kitTool(), start: this.started, stop: Date.now() });
    writeFileSync(join(this.reportsDir, "contract-ctrf.json"), `${JSON.stringify(ctrf, null, 2)}\n`);
  }
}
