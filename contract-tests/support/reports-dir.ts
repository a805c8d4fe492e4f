// Where JUnit, coverage and run-state files go (CONTRACT_REPORTS_DIR, default `reports`). No vitest import:
// the global setup and the scripts read it too.
export function reportsDir(): string {
  return process.env["CONTRACT_REPORTS_DIR"]?.trim() || "reports";
}
