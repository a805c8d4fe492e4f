// Ajv standalone code for every validator the engine uses, so the /fetch and /msw hosts (and a page whose
// CSP forbids eval) never compile a schema at run time. Which schemas those are is not listed by hand: an
// engine is built with recording validators, and every schema it asks for is compiled ahead of time.
import standaloneCodeModule from "ajv/dist/standalone/index.js";
import { createEngine, type EngineValidators } from "../src/engine/create-engine.js";
import type { OpenApiDocument } from "../src/spec/load-spec.js";
import { validatorName } from "../src/spec/precompiled-validators.js";
import { createSchemaValidators, createSpecAjv, rebase, SPEC_ID } from "../src/spec/schema-validator.js";
import type { SchemaValidators } from "../src/spec/validator-types.js";
import { systemEnvironment } from "../src/storage/environment.js";
import { createMemoryStore } from "../src/domain/stores.js";
import type { Seed } from "../src/storage/types.js";

const standaloneCode = standaloneCodeModule.default;

interface Recorded {
  schemas: Map<string, string>; // export name -> schema text
  pointers: Map<string, string>; // export name -> JSON pointer
}

function recording(inner: SchemaValidators, seen: Recorded): SchemaValidators {
  return {
    compile(schema) {
      const text = JSON.stringify(schema);
      seen.schemas.set(validatorName("schema", text), text);
      return inner.compile(schema);
    },
    byPointer(pointer) {
      seen.pointers.set(validatorName("pointer", pointer), pointer);
      return inner.byPointer(pointer);
    },
  };
}

/** Ajv emits `require(...)` for its runtime helpers and formats even in ESM mode: turn them into imports. */
function asEsm(code: string): string {
  const imports = new Map<string, string>();
  const body = code.replace(/require\("([^"]+)"\)/g, (_all, module: string) => {
    const file = module.endsWith(".js") ? module : `${module}.js`;
    if (!imports.has(file)) imports.set(file, `__m${imports.size}`);
    return imports.get(file)!;
  });
  // These modules are CommonJS with `__esModule`: Node hands an ESM importer `module.exports` as the default,
  // bundlers (esbuild, Vite) hand it `exports.default`; a namespace import read this way works under both.
  const lines = [...imports].map(
    ([file, name]) => `import * as ${name}ns from ${JSON.stringify(file)};\nconst ${name} = ${name}ns.default?.__esModule ? ${name}ns.default : ${name}ns;`,
  );
  return `${lines.join("\n")}\n${body.replace(/^"use strict";/, "")}\n`;
}

const SETS = [
  { key: "api", spec: "api", coerce: false },
  { key: "apiParameters", spec: "api", coerce: true },
  { key: "control", spec: "control", coerce: false },
  { key: "controlParameters", spec: "control", coerce: true },
] as const satisfies ReadonlyArray<{ key: keyof EngineValidators; spec: "api" | "control"; coerce: boolean }>;

export type ValidatorSet = (typeof SETS)[number]["key"];

/** The standalone module's source for each validator set of the engine. */
export function precompiledValidatorSources(spec: OpenApiDocument, controlSpec: OpenApiDocument, seedSchema: object, seed: Seed): Record<ValidatorSet, string> {
  const specs = { api: spec, control: controlSpec };
  const seen = Object.fromEntries(SETS.map((s) => [s.key, { schemas: new Map(), pointers: new Map() } satisfies Recorded])) as Record<ValidatorSet, Recorded>;
  const validators = Object.fromEntries(
    SETS.map((s) => [s.key, recording(createSchemaValidators(specs[s.spec], { coerce: s.coerce }), seen[s.key])]),
  ) as unknown as EngineValidators;
  createEngine({ store: createMemoryStore(seed, systemEnvironment()), spec, controlSpec, seed, seedSchema, validators });

  const out = {} as Record<ValidatorSet, string>;
  for (const set of SETS) {
    const ajv = createSpecAjv(specs[set.spec], { coerce: set.coerce, standalone: true });
    const refs: Record<string, string> = {};
    for (const [name, text] of [...seen[set.key].schemas].sort()) {
      ajv.addSchema(rebase(text), name);
      refs[name] = name;
    }
    for (const [name, pointer] of [...seen[set.key].pointers].sort()) refs[name] = SPEC_ID + pointer;
    out[set.key] = asEsm(standaloneCode(ajv, refs));
  }
  return out;
}
