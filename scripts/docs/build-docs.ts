// The API reference: one self-contained HTML file (Redoc with its scripts inlined, no CDN) built from the
// bundled spec with scripts/docs/offline-template.hbs. `npm run docs:html` writes dist/docs/index.html,
// which the mock serves at /docs; the package tests build one into their staging folder.
import { execFile } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { bundledSpecJson, docsHtml, packageRoot } from "../../src/project-paths.js";

const run = promisify(execFile);
export const docsTemplate = join(packageRoot, "scripts", "docs", "offline-template.hbs");
const redocly = join(packageRoot, "scripts", "redocly", "redocly.mjs");

export async function buildDocs(output: string = docsHtml): Promise<void> {
  mkdirSync(dirname(output), { recursive: true });
  const args = [redocly, "build-docs", bundledSpecJson, "--output", output, "--inlineBundle", "--template", docsTemplate];
  try {
    await run(process.execPath, args, { cwd: packageRoot, timeout: 120_000 });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`redocly build-docs failed: ${e.stderr || e.stdout || e.message}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildDocs();
  console.log(`API reference written to ${docsHtml}`);
}
