// Reads the consumers' usage manifests given with --usage, each checked against the manifest's JSON Schema
// (src/usage/usage-manifest.schema.json, shipped with the kit): a file that is not one stops the gate (exit 2).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { packageRoot } from "../../src/project-paths.js";
import type { UsageManifest } from "../../src/usage/usage-manifest.js";
import { CannotRun } from "./cannot-run.js";

export const MANIFEST_SCHEMA_FILE = join(packageRoot, "src", "usage", "usage-manifest.schema.json");

export function manifestValidator(): (value: unknown) => string | undefined {
  const ajv = new Ajv2020({ allErrors: false, strict: true });
  const validate = ajv.compile(JSON.parse(readFileSync(MANIFEST_SCHEMA_FILE, "utf8")) as object);
  return (value) => {
    if (validate(value)) return undefined;
    const [e] = validate.errors ?? [];
    return e ? `${e.instancePath || "the document"} ${e.message ?? "is invalid"}` : "is invalid";
  };
}

export function readManifests(files: string[]): UsageManifest[] {
  const problem = manifestValidator();
  return files.map((file) => {
    let value: unknown;
    try {
      value = JSON.parse(readFileSync(file, "utf8"));
    } catch (err) {
      throw new CannotRun(`--usage ${file}: ${err instanceof SyntaxError ? "not JSON" : "cannot be read"} (${(err as Error).message.split("\n")[0]})`);
    }
    const wrong = problem(value);
    if (wrong) throw new CannotRun(`--usage ${file} is not a usage manifest of email-domains-usage: ${wrong}`);
    return value as UsageManifest;
  });
}
