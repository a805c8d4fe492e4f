// npm run size: what the in-browser entries cost a page, gzipped, with their own dependencies (the engine,
// the embedded specs, the precompiled validators, Ajv's runtime helpers) and without msw, which the app
// already has. The goal of issue 10 is at most 100 kB for /msw.
import { BROWSER_ENTRIES, bundleForBrowser } from "./bundle-entry.js";

const GOAL_KB = 100;
const kB = (bytes: number) => (bytes / 1000).toFixed(1);

let over = false;
for (const [name, entry] of Object.entries(BROWSER_ENTRIES)) {
  const bundle = await bundleForBrowser({ entry });
  over ||= bundle.gzipBytes > GOAL_KB * 1000;
  console.log(`${name.padEnd(8)} ${kB(bundle.gzipBytes).padStart(6)} kB gzipped  (${kB(bundle.bytes)} kB minified, ${bundle.inputs.length} modules, msw excluded)`);
}
console.log(`goal: at most ${GOAL_KB} kB gzipped per entry${over ? " — OVER" : ""}`);
if (over) process.exitCode = 1;
