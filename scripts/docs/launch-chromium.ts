// Starts Debian's Chromium for the browser checks. Never downloads a browser: when Chromium is missing the
// check fails with the command that installs it, so CI cannot skip it silently.
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM_PATH = "/usr/bin/chromium";

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM_PATH}; the browser checks need it. ` +
        "Install it with `apt-get update && apt-get install -y chromium` (.ci/run does this in CI).",
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}
