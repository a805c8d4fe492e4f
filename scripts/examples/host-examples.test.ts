// The README's snippets for the three hosts are files in examples/ that npm test runs:
//   examples/msw-vitest.test.ts   a vitest file of its own (vitest.config.ts includes examples/)
//   examples/msw-browser.ts       started by the page of scripts/browser/msw-worker.browser.test.ts
//   examples/in-process-fetch.ts  run here as a user would run it
// and the README shows each one's code as it is, with the package's entry names in its imports.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { demoSeed } from "../../src/generated/embedded.js";
import { packageRoot } from "../../src/project-paths.js";

const EXAMPLES = ["examples/msw-vitest.test.ts", "examples/msw-browser.ts", "examples/in-process-fetch.ts"];
const tsx = join(packageRoot, "node_modules", ".bin", "tsx");

/** `../src/hosts/msw.js` -> `@vortex/email-domains-contract-kit/msw`, for every entry package.json exports from dist/src/. */
function asPackageImports(code: string): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot, "package.json"), "utf8")) as { name: string; exports: Record<string, string | { default?: string }> };
  let out = code;
  for (const [entry, target] of Object.entries(pkg.exports)) {
    const file = typeof target === "string" ? target : target.default;
    const match = file?.match(/^\.\/dist\/(src\/.+\.js)$/);
    if (!match) continue;
    out = out.replaceAll(`"../${match[1]}"`, `"${pkg.name}${entry === "." ? "" : entry.slice(1)}"`);
  }
  return out;
}

/** The code block that follows `<!-- example: FILE -->` in the README. */
function readmeBlock(readme: string, file: string): string | undefined {
  const at = readme.indexOf(`<!-- example: ${file} -->`);
  if (at < 0) return undefined;
  return readme.slice(at).match(/```ts\n([\s\S]*?)```/)?.[1];
}

describe("the README's host snippets", () => {
  const readme = readFileSync(join(packageRoot, "README.md"), "utf8");
  it.each(EXAMPLES)("shows %s as it is, with package imports", (file) => {
    const code = asPackageImports(readFileSync(join(packageRoot, file), "utf8"));
    expect(code).not.toMatch(/from "\.\.\//); // every import is one a user can write
    expect(readmeBlock(readme, file)).toBe(code);
  });
});

describe("examples/in-process-fetch.ts", () => {
  it("creates a domain, checks it once and lists it, with no server", async () => {
    const { stdout } = await promisify(execFile)(tsx, [join(packageRoot, "examples", "in-process-fetch.ts")], { timeout: 30_000 });
    const seeded = demoSeed.accounts[0]!.domains?.length ?? 0;
    expect(stdout).toMatch(/^news\.example\.com: token [a-z_]+, DKIM [a-z_]+$/m);
    expect(stdout).toMatch(new RegExp(`^listed: ${seeded + 1} domain\\(s\\)$`, "m"));
  });
});
