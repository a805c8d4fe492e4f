// Reads a seed file and checks it (check-seed.ts), so a bad seed stops the mock with the file, the field and
// the rule. Node only: the hosts that run in a browser get their seed handed in.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../project-paths.js";
import type { SchemaValidators } from "../spec/validator-types.js";
import { checkSeed, SeedError } from "./check-seed.js";
import type { Seed } from "../storage/types.js";

export { checkSeed, SeedError };

export const demoSeedFile = join(packageRoot, "src", "seed", "demo-seed.json");
export const seedSchema = JSON.parse(readFileSync(join(packageRoot, "src", "seed", "seed.schema.json"), "utf8")) as object;

export function loadSeedFile(file: string, validators: SchemaValidators): Seed {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new SeedError(file, [`cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SeedError(file, [`is not valid JSON: ${(error as Error).message}`]);
  }
  return checkSeed(value, validators.compile(seedSchema), file);
}
