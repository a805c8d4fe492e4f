// One Chromium per Vitest run for every browser check (the `browser` project's global set-up in
// vitest.config.ts): launched once as a Playwright browser server, its endpoint handed to the test files through
// `provide`/`inject`; each file connects and works in contexts of its own (closing its connection leaves the
// browser to the others). A file run alone gets it the same way.
import { chromium, type Browser } from "playwright-core";
import { inject } from "vitest";
import type { TestProject } from "vitest/node";
import { chromiumLaunchOptions } from "../docs/launch-chromium.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The Playwright endpoint of the run's one Chromium (scripts/browser/shared-browser.ts). */
    chromiumEndpoint: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await chromium.launchServer(chromiumLaunchOptions()); // fails (never skips) with the install command when Chromium is missing
  project.provide("chromiumEndpoint", server.wsEndpoint());
  return () => server.close();
}

/** In a test file: a connection to the run's Chromium (close it when done; the browser stays for the other files). */
export const connectChromium = (): Promise<Browser> => chromium.connect(inject("chromiumEndpoint"));
