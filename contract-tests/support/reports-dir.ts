// Where JUnit, coverage and reproduction files go (CONTRACT_REPORTS_DIR, default `reports`), for the config
// file and scripts, which read the environment. No vitest import. Test workers use suiteSettings.reportsDir.
import { settingsFromEnv } from "./settings.js";

export function reportsDir(): string {
  return settingsFromEnv(process.env).reportsDir;
}
