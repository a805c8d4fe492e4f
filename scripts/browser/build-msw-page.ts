// Builds scripts/browser/msw-page with Vite (programmatic build, no config file) into `outDir`, and puts
// msw's worker script beside it, copied from the installed msw at build time (what `npx msw init` does):
// the worker must come from the same msw version as the page, and no copy of it is committed.
import { copyFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { build } from "vite";
import { packageRoot } from "../../src/project-paths.js";

export const MSW_PAGE_DIR = join(packageRoot, "scripts", "browser", "msw-page");

export async function buildMswPage(outDir: string): Promise<void> {
  await build({
    root: MSW_PAGE_DIR,
    configFile: false,
    logLevel: "warn",
    base: "/",
    // examples/msw-browser.ts imports the kit by its package name: tsconfig.json "paths" map it to the sources.
    resolve: { tsconfigPaths: true },
    // msw itself is most of the page: no chunk-size advice for a test page.
    build: { outDir, emptyOutDir: true, target: "es2022", sourcemap: false, chunkSizeWarningLimit: 2000 },
  });
  const worker = createRequire(import.meta.url).resolve("msw/mockServiceWorker.js");
  await copyFile(worker, join(outDir, "mockServiceWorker.js"));
}
