// Where the two specs of a comparison come from: the working tree, a release in openapi/releases/, or the
// openapi/ folder of a git commit. Each is bundled by redocly into one self-contained JSON file, the
// same form as a release file, so that `redocly diff` always compares like with like.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readdir } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { CannotRun } from "./cannot-run.js";
import { redocly, redoclyProblem } from "./redocly-cli.js";
import { compareVersions, parseVersion, type Version } from "./version.js";

const run = promisify(execFile);

/** The index of the spec, relative to the repository root (and to the root of any commit). */
export const SPEC_ROOT = join("openapi", "openapi.yaml");
export const RELEASES_DIR = join("openapi", "releases");

/** Bundles `root` (an openapi.yaml) into `outFile` as JSON. */
export async function bundleSpec(root: string, outFile: string, cwd: string): Promise<void> {
  const result = await redocly(["bundle", root, "-o", outFile, "--ext", "json"], cwd);
  if (result.code !== 0 || !existsSync(outFile)) {
    throw new CannotRun(`redocly could not bundle ${root}: ${redoclyProblem(result)}`);
  }
}

async function git(args: string[], cwd: string): Promise<string> {
  return (await run("git", args, { cwd, maxBuffer: 64 * 1024 * 1024 })).stdout.trim();
}

/** Bundles the openapi/ folder of the commit `ref` names into `outFile`; the commit's id is returned. */
export async function bundleSpecAtRef(repoRoot: string, ref: string, workDir: string, outFile: string): Promise<string> {
  let commit: string;
  try {
    commit = await git(["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`], repoRoot);
  } catch {
    throw new CannotRun(`--base ${ref}: no such commit in this repository (fetch it first, e.g. git fetch origin)`);
  }
  try {
    await git(["cat-file", "-e", `${commit}:${SPEC_ROOT}`], repoRoot);
  } catch {
    throw new CannotRun(`--base ${ref}: commit ${commit.slice(0, 12)} has no ${SPEC_ROOT}`);
  }
  const tree = join(workDir, "base-tree");
  await mkdir(tree, { recursive: true });
  const tar = join(workDir, "base-openapi.tar");
  await git(["archive", "--format=tar", "-o", tar, commit, "openapi"], repoRoot);
  await run("tar", ["-xf", tar, "-C", tree]);
  await bundleSpec(join(tree, SPEC_ROOT), outFile, repoRoot);
  return commit;
}

export interface Release {
  version: Version;
  file: string;
}

/** The releases kept in `dir` (files named `<MAJOR.MINOR.PATCH>.json`), newest first. */
export async function listReleases(dir: string): Promise<Release[]> {
  const names = existsSync(dir) ? await readdir(dir) : [];
  const releases: Release[] = [];
  for (const name of names) {
    const version = name.endsWith(".json") ? parseVersion(name.slice(0, -".json".length)) : undefined;
    if (version) releases.push({ version, file: join(dir, name) });
  }
  return releases.sort((a, b) => compareVersions(b.version, a.version));
}
