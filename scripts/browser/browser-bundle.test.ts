// The /fetch and /msw entries are browser-safe: bundled by esbuild for platform "browser" (no Node
// built-ins, no polyfills), they build, and nothing in them compiles code at run time, so they run on a
// page whose Content-Security-Policy has no 'unsafe-eval'. The real page is scripts/browser/msw-worker.browser.test.ts.
import { describe, expect, it } from "vitest";
import { BROWSER_ENTRIES, bundleForBrowser } from "./bundle-entry.js";

/** Ways code is compiled from a string at run time, which a CSP without 'unsafe-eval' blocks. */
function runtimeCompilation(code: string): string[] {
  return [/\bnew Function\s*\(/, /\bFunction\s*\(\s*["'`]/, /\beval\s*\(/].filter((re) => re.test(code)).map(String);
}

describe.each(Object.entries(BROWSER_ENTRIES))("the %s entry bundled for the browser", (_name, entry) => {
  it("builds without Node built-ins and compiles no code at run time", async () => {
    const bundle = await bundleForBrowser({ entry });
    expect(runtimeCompilation(bundle.code)).toEqual([]);
    // The server's dependencies stay with the server.
    expect(bundle.inputs.filter((file) => /node_modules\/(express|pino|better-sqlite3|ajv\/dist\/(core|2020|compile))/.test(file))).toEqual([]);
    expect(bundle.inputs).toContain(entry);
  });
});

describe("the checks above can fail", () => {
  it("a module that imports node: fails the browser build", async () => {
    await expect(bundleForBrowser({ source: 'import { readFileSync } from "node:fs"; export const read = readFileSync;' })).rejects.toThrow(/node:fs/);
  });

  it.each([
    ["new Function", 'export const answer = new Function("return 42");'],
    ["eval", 'export const answer = (globalThis as any).eval("42");'],
  ])("code compiled at run time with %s is found", async (_what, source) => {
    const bundle = await bundleForBrowser({ source });
    expect(runtimeCompilation(bundle.code)).not.toEqual([]);
  });
});
