// Packs both packages from the current sources with `npm pack`, each in a staging folder of the caller's
// temporary directory, so the repo's own dist/ is never rewritten while other tests read it.
//   kit     the repo's files that `files` in package.json selects, with tsc's output (tsconfig.build.json)
//           and the docs built afresh into the staging folder
//   client  scripts/package/build-client.ts into the staging folder
import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { packageRoot } from "../../src/project-paths.js";
import { buildDocs } from "../docs/build-docs.js";
import { buildClientPackage } from "./build-client.js";

const run = promisify(execFile);
export const tscBin = join(packageRoot, "node_modules", ".bin", "tsc");

export interface PackedPackage {
  name: string;
  version: string;
  tarball: string;
  /** The paths inside the tarball, relative to the package root. */
  files: string[];
  /** The bytes of its files once unpacked (npm's unpackedSize). */
  unpackedSize: number;
}

async function npmPack(dir: string, destination: string, dryRun = false): Promise<PackedPackage> {
  const args = ["pack", "--ignore-scripts", "--json", "--pack-destination", destination, ...(dryRun ? ["--dry-run"] : [])];
  const { stdout } = await run("npm", args, { cwd: dir, maxBuffer: 16 * 1024 * 1024 });
  const [packed] = JSON.parse(stdout) as Array<{ name: string; version: string; filename: string; files: Array<{ path: string }>; unpackedSize: number }>;
  if (!packed) throw new Error(`npm pack printed no package: ${stdout}`);
  return { name: packed.name, version: packed.version, tarball: join(destination, packed.filename), files: packed.files.map((f) => f.path), unpackedSize: packed.unpackedSize };
}

/** What tsc (dist/src/, dist/contract-tests/) and the docs build emit: made afresh in the staging folder. */
const rebuilt = (path: string) => /^dist\/(src|contract-tests|docs)\//.test(path);

export async function packKit(workDir: string): Promise<PackedPackage> {
  const stage = join(workDir, "kit");
  mkdirSync(stage, { recursive: true });
  const selected = await npmPack(packageRoot, workDir, true); // what `files` selects in the repo, for its paths only
  for (const path of selected.files.filter((p) => !rebuilt(p))) {
    mkdirSync(dirname(join(stage, path)), { recursive: true });
    copyFileSync(join(packageRoot, path), join(stage, path));
  }
  await Promise.all([
    run(tscBin, ["-p", join(packageRoot, "tsconfig.build.json"), "--outDir", join(stage, "dist")], { cwd: packageRoot }),
    buildDocs(join(stage, "dist", "docs")),
  ]);
  return npmPack(stage, workDir);
}

export async function packClient(workDir: string): Promise<PackedPackage> {
  return npmPack(await buildClientPackage(join(workDir, "client")), workDir);
}

/** Every file a package's `exports` and `bin` point at (condition objects walked to their leaves). */
export function entryFiles(manifest: { exports?: unknown; bin?: Record<string, string>; main?: string; types?: string }): string[] {
  const leaves = (value: unknown): string[] =>
    typeof value === "string" ? [value] : value && typeof value === "object" ? Object.values(value).flatMap(leaves) : [];
  return [...new Set([...leaves(manifest.exports), ...Object.values(manifest.bin ?? {}), ...leaves([manifest.main, manifest.types])])].map((p) =>
    p.replace(/^\.\//, ""),
  );
}
