// Where the project's files are, whether this code runs from src/ (tsx, vitest) or from dist/src/ (built).
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function findPackageRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

export const packageRoot = findPackageRoot(dirname(fileURLToPath(import.meta.url)));
export const bundledSpecJson = join(packageRoot, "dist", "openapi.json");
export const bundledSpecYaml = join(packageRoot, "dist", "openapi.yaml");
export const bundledControlSpecJson = join(packageRoot, "dist", "mock-control.json");
export const docsHtml = join(packageRoot, "dist", "docs", "index.html");
