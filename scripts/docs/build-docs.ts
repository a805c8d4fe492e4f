// The API reference, rendered by this project from the bundled spec alone (scripts/docs/render/), into one
// folder that works from any static host and from the mock's /docs/:
//   index.html   the reference: every operation, parameter, field, status and example, readable without JS
//   docs.css     its only stylesheet (no inline style: the page passes style-src 'self')
//   docs.js      the page script, bundled by esbuild: try-it panels answered by the kit's MSW handlers,
//                search; precompiled validators only (no eval: script-src 'self')
//   mockServiceWorker.js  msw's worker, copied from the installed msw (same version as docs.js)
//   readme.html  the project README, which the spec's text links to
// The changelog section comes from openapi/changelog.json (generated from the spec and its releases).
// `npm run docs:html` writes dist/docs/; the package tests build one into their staging folder.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { build } from "esbuild";
import { bundledSpecJson, docsHtml, packageRoot } from "../../src/project-paths.js";
import { demoSeed } from "../../src/generated/embedded.js";
import type { OpenApiDocument } from "../../src/spec/load-spec.js";
import type { Changelog } from "./changelog/changelog-types.js";
import { renderChangelogHtml } from "./changelog/render-changelog-html.js";
import { renderPage } from "./render/page.js";
import { renderReadme } from "./render/readme-page.js";
import { writeMarkdownDocs } from "./markdown/write-markdown-docs.js";

export const DOCS_FILES = ["index.html", "docs.css", "docs.js", "mockServiceWorker.js", "readme.html"] as const;
const here = join(packageRoot, "scripts", "docs");

/** README.md links (`README.md#section`) become links to the README page beside the reference. */
export const links = (href: string): string => href.replace(/^(?:\.\.?\/)*README\.md/, "readme.html");

export async function bundlePageScript(outFile: string): Promise<void> {
  await build({
    entryPoints: [join(here, "page", "main.ts")],
    outfile: outFile,
    bundle: true,
    platform: "browser",
    format: "iife", // a classic script: it also runs in a page opened from disk (file://), where a module script may not load
    target: "es2022",
    minify: true,
    legalComments: "none",
    logLevel: "warning",
    absWorkingDir: packageRoot,
  });
}

/** Writes the site into `dir` (default dist/docs/), file by file (a reader of the old files never sees a gap). */
export async function buildDocs(dir: string = dirname(docsHtml)): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const spec = JSON.parse(readFileSync(bundledSpecJson, "utf8")) as OpenApiDocument;
  const changelog = JSON.parse(readFileSync(join(packageRoot, "openapi", "changelog.json"), "utf8")) as Changelog;
  writeFileSync(join(dir, "index.html"), renderPage(spec, demoSeed, { links, changelogHtml: renderChangelogHtml(changelog, (anchor) => `#${anchor}`, 3) }));
  writeFileSync(join(dir, "readme.html"), renderReadme(readFileSync(join(packageRoot, "README.md"), "utf8"), spec.info.title));
  copyFileSync(join(here, "docs.css"), join(dir, "docs.css"));
  copyFileSync(createRequire(import.meta.url).resolve("msw/mockServiceWorker.js"), join(dir, "mockServiceWorker.js"));
  await bundlePageScript(join(dir, "docs.js"));
  writeMarkdownDocs(dir, links); // llms.txt, overview.md, changelog.md, {operationId}.md: for tools and assistants
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildDocs();
  console.log(`API reference written to ${dirname(docsHtml)}/`);
}
