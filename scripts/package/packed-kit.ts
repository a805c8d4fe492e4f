// The kit's tarball, packed ONCE per Vitest run from the current sources (pack-package.ts) by the global set-up
// of the `packages` project (vitest.config.ts), and handed to every test file that installs it (kit-package,
// storefront-usage) through `provide`/`inject`: one tsc build, one docs build and one `npm pack` instead of one
// per file. The tarball is only read (each file installs it into projects of its own).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";
import type { TestProject } from "vitest/node";
import { packKit, type PackedPackage } from "./pack-package.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The kit's tarball, packed once for the run by scripts/package/packed-kit.ts. */
    packedKit: PackedPackage;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const work = mkdtempSync(join(tmpdir(), "email-domains-packed-kit-"));
  const started = performance.now();
  project.provide("packedKit", await packKit(work));
  console.log(`kit packed once for this run in ${Math.round(performance.now() - started)} ms`);
  return () => rmSync(work, { recursive: true, force: true });
}

/** In a test file: the tarball the global set-up packed. */
export const packedKit = (): PackedPackage => inject("packedKit");
