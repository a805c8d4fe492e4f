// One Ajv setup for every schema of the spec. The bundled spec is registered once, so any
// `#/components/...` reference of the spec resolves, and each validator is compiled once and cached.
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { describeErrors, ERROR_MESSAGE_KEYWORD } from "./describe-errors.js";
import type { OpenApiDocument } from "./load-spec.js";
import type { SchemaValidators } from "./validator-types.js";

// ajv-formats is CommonJS; under ESM its function sits on `.default`.
const addFormats = addFormatsModule.default;

export { ERROR_MESSAGE_KEYWORD };

/** The `$id` the bundled spec is registered under: other schemas reference it as `urn:email-domains:openapi#/components/...`. */
export const SPEC_ID = "urn:email-domains:openapi";

export type { SchemaValidators };
export { describeErrors };

/**
 * `coerce` turns strings into the schema's scalar types: for path and query parameters, which arrive as text.
 * Bodies are validated without coercion.
 */
export interface AjvOptions {
  coerce?: boolean;
  /** Keep the generated code, for Ajv standalone output (scripts/generate-validators.ts). */
  standalone?: boolean;
}

/** The one Ajv configuration of the mock, with the spec registered under SPEC_ID. */
export function createSpecAjv(spec: OpenApiDocument, options: AjvOptions = {}): Ajv2020 {
  const ajv = new Ajv2020({
    strict: true,
    // Checking the registered document against the meta-schema costs ~50 ms per instance at every start;
    // spec.test.ts checks each schema of the spec against the meta-schema once instead.
    validateSchema: false,
    allErrors: true,
    coerceTypes: options.coerce ?? false,
    useDefaults: options.coerce ?? false,
    // Errors carry the schema they broke, so describeErrors can read the schema's x-error-message.
    verbose: true,
    // OpenAPI document keys that are not JSON Schema keywords.
    keywords: ["openapi", "info", "servers", "tags", "security", "paths", "components", "webhooks", "jsonSchemaDialect"],
    ...(options.standalone ? { code: { source: true, esm: true } } : {}),
  });
  addFormats(ajv);
  // An annotation: it validates nothing, and strict mode would refuse it unregistered.
  ajv.addKeyword({ keyword: ERROR_MESSAGE_KEYWORD, schemaType: "string" });
  ajv.addSchema({ ...spec, $id: SPEC_ID } as object);
  return ajv;
}

export function createSchemaValidators(spec: OpenApiDocument, options: { coerce?: boolean } = {}): SchemaValidators {
  const ajv = createSpecAjv(spec, options);
  const cache = new Map<string, ValidateFunction>(); // by schema text, or by "#/..." pointer
  return {
    compile(schema) {
      // Keyed by content: operations share parameter sets (`accountId`, `id`) built as separate objects.
      const text = JSON.stringify(schema);
      let fn = cache.get(text);
      if (!fn) {
        fn = ajv.compile(rebase(text));
        cache.set(text, fn);
      }
      return fn;
    },
    byPointer(pointer) {
      let fn = cache.get(pointer);
      if (!fn) {
        const found = ajv.getSchema(SPEC_ID + pointer);
        if (!found) throw new Error(`no schema at ${pointer} in the spec`);
        fn = found;
        cache.set(pointer, fn);
      }
      return fn;
    },
  };
}

/** Points the local `#/...` references of a schema taken out of the spec back into the registered spec. */
export function rebase(schemaText: string): object {
  return JSON.parse(schemaText, (key, value: unknown) =>
    key === "$ref" && typeof value === "string" && value.startsWith("#/") ? SPEC_ID + value : value,
  ) as object;
}
