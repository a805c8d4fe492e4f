// The consumer's own TypeScript (an optional peer dependency of the kit), loaded from the consumer's project:
// the program is then built with the compiler and lib files the consumer's code is checked with.
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type * as TS from "typescript";
import { MissingPackageError } from "../optional-package.js";

export type TypeScript = typeof TS;

export async function loadTypeScript(projectDir: string): Promise<TypeScript> {
  let resolved: string;
  try {
    resolved = createRequire(join(projectDir, "package.json")).resolve("typescript");
  } catch {
    throw new MissingPackageError("typescript", "email-domains-usage (it reads the project with the project's own TypeScript)", { dev: true });
  }
  const loaded = (await import(pathToFileURL(resolved).href)) as TypeScript & { default?: TypeScript };
  const ts = loaded.default ?? loaded;
  if (typeof ts.createProgram !== "function") throw new Error(`the typescript at ${resolved} (${ts.version ?? "unknown version"}) has no compiler API (createProgram)`);
  return ts;
}
