// The SQLite backend of --state-file, loaded only when asked for. better-sqlite3 is native code compiled at
// install time, so the kit does not install it (an optional peer dependency): a mock without the flag runs
// without it, and one with the flag but without the package stops with the one command that adds it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../../project-paths.js";

export const SQLITE_PACKAGE = "better-sqlite3";

/** `npm install better-sqlite3@<version>`, the version this kit is tested with (its peer range, package.json). */
export function sqliteInstallCommand(): string {
  const manifest = JSON.parse(readFileSync(join(packageRoot, "package.json"), "utf8")) as { peerDependencies?: Record<string, string> };
  const range = manifest.peerDependencies?.[SQLITE_PACKAGE] ?? "";
  const version = /\d+\.\d+\.\d+/.exec(range)?.[0];
  return `npm install ${SQLITE_PACKAGE}${version ? `@${version}` : ""}`;
}

export class MissingSqliteError extends Error {
  constructor() {
    super(`--state-file needs the optional package ${SQLITE_PACKAGE}, which is not installed: run \`${sqliteInstallCommand()}\``);
    this.name = "MissingSqliteError";
  }
}

/** True when `error` says that better-sqlite3 itself cannot be found (not some other missing module). */
export function isMissingSqlite(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (e.code === "ERR_MODULE_NOT_FOUND" || e.code === "MODULE_NOT_FOUND") && (e.message ?? "").includes(`'${SQLITE_PACKAGE}'`);
}

export async function loadSqliteStore(): Promise<typeof import("../../domain/open-sqlite-store.js")> {
  try {
    return await import("../../domain/open-sqlite-store.js");
  } catch (error) {
    throw isMissingSqlite(error) ? new MissingSqliteError() : error;
  }
}
