// Where validators come from in Node, for the engine and for every checker of responses (the mock's own,
// the contract suite's, the host tests'): the ones compiled at build time (src/generated/) when a spec is
// the one they were built from (always in the published kit), else Ajv at run time over the spec given
// (one edited since the last `npm run generate`). One way for all, so they all judge with the same code.
import type { EngineValidators } from "../../engine/create-engine.js";
import { precompiledEngineValidators } from "../../engine/precompiled-engine-validators.js";
import { apiSpec, controlSpec as embeddedControlSpec } from "../../generated/embedded.js";
import type { OpenApiDocument } from "../../spec/load-spec.js";
import { createSchemaValidators } from "../../spec/schema-validator.js";
import type { SchemaValidators } from "../../spec/validator-types.js";

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Runtime-compiled (Ajv) validators for both specs; `given` ones are kept. */
export function engineValidators(spec: OpenApiDocument, controlSpec: OpenApiDocument, given: Partial<EngineValidators> = {}): EngineValidators {
  return {
    api: given.api ?? createSchemaValidators(spec),
    apiParameters: given.apiParameters ?? createSchemaValidators(spec, { coerce: true }),
    control: given.control ?? createSchemaValidators(controlSpec),
    controlParameters: given.controlParameters ?? createSchemaValidators(controlSpec, { coerce: true }),
  };
}

/**
 * The engine's validators for these specs: precompiled when both are the embedded ones (Ajv compiling them
 * at start cost about half of the time to the first answer), else compiled now.
 */
export function validatorsFor(spec: OpenApiDocument, controlSpec: OpenApiDocument): EngineValidators {
  if (same(spec, apiSpec) && same(controlSpec, embeddedControlSpec)) return precompiledEngineValidators;
  return engineValidators(spec, controlSpec);
}

/** The API spec's validators of bodies and responses (what a response checker asks for), chosen the same way. */
export function apiValidatorsFor(spec: OpenApiDocument): SchemaValidators {
  return same(spec, apiSpec) ? precompiledEngineValidators.api : createSchemaValidators(spec);
}
