// The kit's optional peer dependencies (package.json peerDependenciesMeta): redis for --redis-url, vitest for
// the contract runner, better-sqlite3 for --state-file. A user who does not run the part that needs one does
// not install it; one who does gets one line naming the install, with the version this kit is tested with.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "./project-paths.js";

interface Manifest {
  peerDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

/** `npm install [--save-dev] NAME@VERSION...`: the exact versions this kit is tested with (its devDependencies), else its peer ranges'. */
export function installCommand(names: string | string[], options: { dev?: boolean } = {}): string {
  const manifest = JSON.parse(readFileSync(join(packageRoot, "package.json"), "utf8")) as Manifest;
  const versioned = (name: string) => {
    const tested = manifest.devDependencies?.[name];
    const version = tested && /^\d+\.\d+\.\d+$/.test(tested) ? tested : /\d+\.\d+\.\d+/.exec(manifest.peerDependencies?.[name] ?? "")?.[0];
    return `${name}${version ? `@${version}` : ""}`;
  };
  return `npm install ${options.dev ? "--save-dev " : ""}${[names].flat().map(versioned).join(" ")}`;
}

/** True when `error` says that the package `name` itself cannot be found (not some other missing module). */
export function isMissingPackage(error: unknown, name: string): boolean {
  const e = error as { code?: string; message?: string };
  if (e.code !== "ERR_MODULE_NOT_FOUND" && e.code !== "MODULE_NOT_FOUND") return false;
  const message = e.message ?? "";
  return message.includes(`'${name}'`) || message.includes(`'${name}/`);
}

export class MissingPackageError extends Error {
  constructor(
    readonly packageName: string | string[],
    what: string,
    options: { dev?: boolean } = {},
  ) {
    const names = [packageName].flat();
    super(`${what} needs the optional package${names.length > 1 ? "s" : ""} ${names.join(" and ")}, which ${names.length > 1 ? "are" : "is"} not installed: run \`${installCommand(names, options)}\``);
    this.name = "MissingPackageError";
  }
}

/** `load()`, or a MissingPackageError naming the install when `name` is what is missing. */
export async function loadOptional<T>(name: string, what: string, load: () => Promise<T>, options: { dev?: boolean } = {}): Promise<T> {
  try {
    return await load();
  } catch (error) {
    throw isMissingPackage(error, name) ? new MissingPackageError(name, what, options) : error;
  }
}
