// The API reference: one self-contained HTML file (Redoc with its scripts inlined, no CDN) built from the
// bundled spec with scripts/docs/offline-template.hbs. `npm run docs:html` writes dist/docs/index.html,
// which the mock serves at /docs; the package tests build one into their staging folder.
//
// Redoc 3's page is finished here, because build-docs has no option for any of it:
// - Links. Redoc prerenders its sidebar with path links (`/section/...`, `/email-domains`) but runs with
//   hash routes (`#/email-domains/getemaildomain`), and hydration keeps the prerendered hrefs: a click
//   works, a link opened in a new tab or copied points at a path the mock answers with a JSON 404. The
//   prerendered hrefs become the same hash routes, which work on any host and from a file.
// - The Redocly logo is an image on cdn.redoc.ly, which the page's own CSP blocks: it becomes a small
//   inline SVG of the same attribution.
// - Servers. When the mock serves the page it fills in the docs-server <meta> (src/hosts/node/docs-page.ts);
//   the page then shows the mock's own origin as the first server.
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { bundledSpecJson, docsHtml, packageRoot } from "../../src/project-paths.js";
import { DOCS_SERVER_META } from "../../src/hosts/node/docs-page.js";

const run = promisify(execFile);
export const docsTemplate = join(packageRoot, "scripts", "docs", "offline-template.hbs");
const redocly = join(packageRoot, "scripts", "redocly", "redocly.mjs");

const svg = (width: number, text: string) =>
  `data:image/svg+xml,${encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="16" viewBox="0 0 ${width} 16"><text x="0" y="12.5" font-family="sans-serif" font-size="12" font-weight="600" fill="#0044d4">${text}</text></svg>`,
  )}`;
const LOGOS: Record<string, string> = {
  "https://cdn.redoc.ly/redoc/logo-mini-full.svg": svg(48, "Redocly"),
  "https://cdn.redoc.ly/redoc/logo-mini.svg": svg(10, "R"),
};
const HYDRATE = "hydrate(__redoc_definition, __redoc_options,";
const HYDRATE_WITH_SERVER = `hydrate(((definition) => {
        const url = document.querySelector('meta[name="docs-server"]')?.content;
        if (!url) return definition;
        const others = (definition.servers ?? []).filter((server) => server.url !== url);
        return { ...definition, servers: [{ url, description: "This mock, which serves these docs" }, ...others] };
      })(__redoc_definition), __redoc_options,`;

/** Replaces `from` by `to` exactly `count` times, or says which piece of Redoc's page has changed. */
function replaceExactly(html: string, from: string, to: string, count: number, what: string): string {
  const found = html.split(from).length - 1;
  if (found !== count) throw new Error(`build-docs: expected ${count} × ${what} in Redoc's page, found ${found}; Redoc's output changed`);
  return html.replaceAll(from, to);
}

export function finishDocsPage(html: string): string {
  if (!html.includes(DOCS_SERVER_META)) throw new Error(`build-docs: ${docsTemplate} lacks ${DOCS_SERVER_META}`);
  const start = html.indexOf('<div id="redoc">');
  const end = html.indexOf('<script type="module">', start);
  if (start < 0 || end < 0) throw new Error("build-docs: no prerendered <div id=\"redoc\"> before Redoc's script");
  const prerendered = html.slice(start, end);
  const links = prerendered.match(/href="\/(?!\/)/g)?.length ?? 0;
  if (links === 0) throw new Error("build-docs: no prerendered path links found; Redoc's output changed");
  let page = html.slice(0, start) + prerendered.replace(/href="\/(?!\/)/g, 'href="#/') + html.slice(end);
  for (const [url, data] of Object.entries(LOGOS)) page = replaceExactly(page, url, data, 1, url);
  return replaceExactly(page, HYDRATE, HYDRATE_WITH_SERVER, 1, "the hydrate call");
}

export async function buildDocs(output: string = docsHtml): Promise<void> {
  mkdirSync(dirname(output), { recursive: true });
  const args = [redocly, "build-docs", bundledSpecJson, "--output", output, "--inlineBundle", "--template", docsTemplate];
  try {
    await run(process.execPath, args, { cwd: packageRoot, timeout: 120_000 });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`redocly build-docs failed: ${e.stderr || e.stdout || e.message}`);
  }
  writeFileSync(output, finishDocsPage(readFileSync(output, "utf8")));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildDocs();
  console.log(`API reference written to ${docsHtml}`);
}
