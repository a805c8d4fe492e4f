// Builds the package from the current sources into a staging folder and packs it with `npm pack`, exactly
// as `files` and `exports` in package.json say. Staging keeps the repo's own dist/ untouched, so tests
// running at the same time never see half-written build output.
import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { packageRoot } from "../../src/project-paths.js";

const run = promisify(execFile);
export const tscBin = join(packageRoot, "node_modules", ".bin", "tsc");

export interface PackedPackage {
  name: string;
  tarball: string;
  files: string[];
}

/** Compiles src/ (tsconfig.build.json) and the bundled spec into `workDir/package`, then packs it there. */
export async function packPackage(workDir: string): Promise<PackedPackage> {
  const stage = join(workDir, "package");
  mkdirSync(join(stage, "dist"), { recursive: true });
  await run(tscBin, ["-p", join(packageRoot, "tsconfig.build.json"), "--outDir", join(stage, "dist")], { cwd: packageRoot });
  for (const file of ["package.json", "README.md"]) copyFileSync(join(packageRoot, file), join(stage, file));
  for (const file of ["openapi.json", "openapi.yaml"]) copyFileSync(join(packageRoot, "dist", file), join(stage, "dist", file));

  const { stdout } = await run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", workDir], { cwd: stage });
  const [packed] = JSON.parse(stdout) as Array<{ name: string; filename: string; files: Array<{ path: string }> }>;
  if (!packed) throw new Error(`npm pack printed no package: ${stdout}`);
  return { name: packed.name, tarball: join(workDir, packed.filename), files: packed.files.map((f) => f.path) };
}
