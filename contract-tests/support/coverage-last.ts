// Files run one after another (they share one account and its paging); the coverage check runs last,
// after every other file has written what it saw.
import { BaseSequencer, type TestSpecification } from "vitest/node";

const isCoverage = (spec: TestSpecification) => spec.moduleId.endsWith("coverage.test.ts");

export class CoverageLastSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return [...sorted.filter((f) => !isCoverage(f)), ...sorted.filter(isCoverage)];
  }
}
