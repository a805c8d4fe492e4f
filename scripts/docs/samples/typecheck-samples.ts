// Type-checks TypeScript samples against the built client package, the way a frontend project compiles
// them: the package built from the current sources (build-client.ts), linked into a throwaway project
// beside the repo's openapi-fetch (its one dependency), strict NodeNext settings, one tsc run for all.
import { execFile } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { packageRoot } from "../../../src/project-paths.js";
import { buildClientPackage } from "../../package/build-client.js";
import { CLIENT_PACKAGE } from "../../package/client-package-name.js";

const run = promisify(execFile);
const tsc = join(packageRoot, "node_modules", ".bin", "tsc");

export interface SourceFile {
  /** A file name under the project's src/, e.g. `createEmailDomain-withDescription.ts`. */
  name: string;
  code: string;
}

export interface TypecheckResult {
  code: number;
  /** tsc's diagnostics, one per line, file names relative to the project. */
  output: string;
}

/** Builds the client package into `workDir` and prepares a project that depends on it. */
export async function prepareSampleProject(workDir: string): Promise<string> {
  const project = join(workDir, "project");
  const built = await buildClientPackage(join(workDir, "client-package"));
  const scope = join(project, "node_modules", ...CLIENT_PACKAGE.split("/").slice(0, -1));
  mkdirSync(scope, { recursive: true });
  symlinkSync(built, join(project, "node_modules", CLIENT_PACKAGE), "dir");
  symlinkSync(join(packageRoot, "node_modules", "openapi-fetch"), join(project, "node_modules", "openapi-fetch"), "dir");
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "samples", private: true, type: "module" }));
  const compilerOptions = {
    target: "ES2022",
    lib: ["ES2022", "DOM"],
    module: "NodeNext",
    moduleResolution: "NodeNext",
    strict: true,
    noUncheckedIndexedAccess: true,
    types: [],
    noEmit: true,
    preserveSymlinks: false,
  };
  writeFileSync(join(project, "tsconfig.json"), JSON.stringify({ compilerOptions, include: ["src"] }, null, 2));
  return project;
}

/** Writes the files into the project's src/ and runs tsc once over them all. */
export async function typecheckSamples(project: string, files: SourceFile[]): Promise<TypecheckResult> {
  mkdirSync(join(project, "src"), { recursive: true });
  for (const file of files) writeFileSync(join(project, "src", file.name), file.code);
  try {
    const { stdout } = await run(tsc, ["-p", project, "--pretty", "false"], { cwd: project, timeout: 120_000 });
    return { code: 0, output: stdout.trim() };
  } catch (error) {
    const e = error as { code?: unknown; stdout?: string; stderr?: string; message: string };
    if (typeof e.code !== "number") throw error;
    return { code: e.code, output: `${e.stdout ?? ""}${e.stderr ?? ""}`.trim() };
  }
}
