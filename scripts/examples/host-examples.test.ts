// The README's snippets for the three hosts are files in examples/ that npm test runs:
//   examples/msw-vitest.test.ts   a vitest file of its own (vitest.config.ts includes examples/)
//   examples/msw-browser.ts       started by the page of scripts/browser/msw-worker.browser.test.ts
//   examples/in-process-fetch.ts  run here as a user would run it
// and the README shows each one's code as it is. Every file in examples/ imports the kit by its package name
// (tsconfig.json "paths" map it to the sources here), so a copied file works in an app as it is.
import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { demoSeed } from "../../src/generated/embedded.js";
import { packageRoot } from "../../src/project-paths.js";

const EXAMPLES = ["examples/msw-vitest.test.ts", "examples/msw-browser.ts", "examples/in-process-fetch.ts"];
const tsx = join(packageRoot, "node_modules", ".bin", "tsx");

/** The code block that follows `<!-- example: FILE -->` in the README. */
function readmeBlock(readme: string, file: string): string | undefined {
  const at = readme.indexOf(`<!-- example: ${file} -->`);
  if (at < 0) return undefined;
  return readme.slice(at).match(/```ts\n([\s\S]*?)```/)?.[1];
}

describe("the README's host snippets", () => {
  const readme = readFileSync(join(packageRoot, "README.md"), "utf8");
  it.each(EXAMPLES)("shows %s as it is", (file) => {
    expect(readmeBlock(readme, file)).toBe(readFileSync(join(packageRoot, file), "utf8"));
  });
});

describe("examples/", () => {
  it.each(readdirSync(join(packageRoot, "examples")).filter((f) => f.endsWith(".ts")))("%s imports nothing by a relative path: it works when copied into an app", (file) => {
    const code = readFileSync(join(packageRoot, "examples", file), "utf8");
    expect(code).not.toMatch(/from "\.{1,2}\//);
    expect(code).not.toMatch(/import\("\.{1,2}\//);
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

describe("examples/contract-ci.yml", () => {
  it("installs Vitest beside the kit, at the version of the README's CI install", () => {
    const readme = readFileSync(join(packageRoot, "README.md"), "utf8");
    const ciBlock = readme.slice(readme.indexOf("<!-- install: ci -->")).match(/```sh\n([\s\S]*?)```/)?.[1] ?? "";
    const vitest = /\bvitest@(\d+\.\d+\.\d+)/.exec(ciBlock)?.[1];
    expect(vitest).toBeDefined();
    const workflow = readFileSync(join(packageRoot, "examples", "contract-ci.yml"), "utf8");
    // The kit comes from its release tarball (it is not on the npm registry), named by the step's KIT_TARBALL.
    expect(workflow).toMatch(new RegExp(`npm install [^\\n]*"\\$KIT_TARBALL" [^\\n]*vitest@${vitest!.replaceAll(".", "\\.")}`));
    expect(workflow).toMatch(/KIT_TARBALL: \$\{\{ vars\.CONTRACT_KIT_TARBALL \}\}/);
  });
});
