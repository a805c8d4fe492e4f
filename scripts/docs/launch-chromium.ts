// Starts Debian's Chromium for the browser checks. Never downloads a browser: when Chromium is missing the
// check fails with the command that installs it, so CI cannot skip it silently.
// The browser checks under Vitest share one (scripts/browser/shared-browser.ts); scripts launch their own.
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM_PATH = "/usr/bin/chromium";

/** How every browser check starts Chromium; throws with the install command when it is missing. */
export function chromiumLaunchOptions(): { executablePath: string; headless: boolean; args: string[] } {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM_PATH}; the browser checks need it. ` +
        "Install it with `apt-get update && apt-get install -y chromium` (.ci/run does this in CI).",
    );
  }
  return {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions());
}
