// The docs page's weight and time to interactive, for BENCHMARKS.md: each file of dist/docs/ raw and gzipped,
// then in headless Chromium (served with issue 19's CSP) the time from navigation start to the page script's
// "docs-ready" mark (panels wired, the MSW worker running), on a first visit (worker installed) and a reload.
//   npx tsx scripts/docs/measure-docs.ts [runs]     (run `npm run docs` first)
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Page } from "playwright-core";
import { docsHtml } from "../../src/project-paths.js";
import { serveDirectory } from "../browser/serve-directory.js";
import { openDocs, STRICT_CSP } from "./docs-page-support.js";
import { launchChromium } from "./launch-chromium.js";

const dir = dirname(docsHtml);
const runs = Number(process.argv[2] ?? 5);
const kB = (n: number) => `${(n / 1024).toFixed(1)} kB`;

let total = 0;
for (const name of readdirSync(dir).sort()) {
  const bytes = readFileSync(join(dir, name));
  const gz = gzipSync(bytes, { level: 9 }).byteLength;
  if (name === "index.html" || name === "docs.js" || name === "docs.css") total += gz;
  console.log(`${name.padEnd(22)} ${kB(bytes.byteLength).padStart(10)} raw ${kB(gz).padStart(10)} gzip`);
}
console.log(`index.html + docs.js + docs.css: ${kB(total)} gzip`);

const ready = (page: Page) => page.evaluate(() => ({ ready: performance.getEntriesByName("docs-ready")[0]!.startTime, dcl: performance.getEntriesByType("navigation")[0]!.toJSON().domContentLoadedEventEnd as number }));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const site = await serveDirectory(dir, { "content-security-policy": STRICT_CSP });
const browser = await launchChromium();
const first: number[] = [];
const again: number[] = [];
const dcl: number[] = [];
try {
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await openDocs(page, site.url);
    const a = await ready(page);
    first.push(a.ready);
    dcl.push(a.dcl);
    await openDocs(page, site.url);
    again.push((await ready(page)).ready);
    await context.close();
  }
} finally {
  await browser.close();
  await site.close();
}
const fmt = (xs: number[]) => `median ${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`;
console.log(`DOMContentLoaded, first visit: ${fmt(dcl)}`);
console.log(`interactive (docs-ready), first visit, worker installed: ${fmt(first)}`);
console.log(`interactive (docs-ready), reload, worker running: ${fmt(again)}`);
