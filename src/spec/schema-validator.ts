// One Ajv setup for every schema of the spec. The bundled spec is registered once, so any
// `#/components/...` reference of the spec resolves, and each validator is compiled once and cached.
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import type { OpenApiDocument } from "./load-spec.js";

// ajv-formats is CommonJS; under ESM its function sits on `.default`.
const addFormats = addFormatsModule.default;

/**
 * Spec extension on a schema: the text a UI can show when a value breaks the schema's `pattern`, instead of the
 * regular expression (for example "must be a host name such as mail.example.com").
 */
export const ERROR_MESSAGE_KEYWORD = "x-error-message";

/** The `$id` the bundled spec is registered under: other schemas reference it as `urn:email-domains:openapi#/components/...`. */
export const SPEC_ID = "urn:email-domains:openapi";

export interface SchemaValidators {
  /** Compiles a validator for any JSON schema that may `$ref` into the spec; equal schemas (by content) share one. */
  compile(schema: object): ValidateFunction;
  /** Compiles (once) a validator for a schema of the spec, by JSON pointer such as `#/components/schemas/EmailDomain`. */
  byPointer(pointer: string): ValidateFunction;
}

/**
 * `coerce` turns strings into the schema's scalar types: for path and query parameters, which arrive as text.
 * Bodies are validated without coercion.
 */
export function createSchemaValidators(spec: OpenApiDocument, options: { coerce?: boolean } = {}): SchemaValidators {
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
  });
  addFormats(ajv);
  // An annotation: it validates nothing, and strict mode would refuse it unregistered.
  ajv.addKeyword({ keyword: ERROR_MESSAGE_KEYWORD, schemaType: "string" });
  ajv.addSchema({ ...spec, $id: SPEC_ID } as object);
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
function rebase(schemaText: string): object {
  return JSON.parse(schemaText, (key, value: unknown) =>
    key === "$ref" && typeof value === "string" && value.startsWith("#/") ? SPEC_ID + value : value,
  ) as object;
}

/**
 * One readable line per Ajv error, naming where (`body/domain`, `query/start`) and the rule that failed, in words
 * a UI can show: a broken pattern says what the schema's x-error-message says, an enum lists its values.
 */
export function describeErrors(where: string, errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => `${where}${e.instancePath} ${ruleText(e)}`);
}

function ruleText(e: ErrorObject): string {
  switch (e.keyword) {
    case "additionalProperties":
      return `must NOT have additional property "${String(e.params["additionalProperty"])}"`;
    case "required":
      return `must have required property "${String(e.params["missingProperty"])}"`;
    case "pattern": {
      const text: unknown = (e.parentSchema as Record<string, unknown> | undefined)?.[ERROR_MESSAGE_KEYWORD];
      return typeof text === "string" ? text : `must match pattern "${String(e.params["pattern"])}"`;
    }
    case "enum": {
      const allowed = e.params["allowedValues"] as unknown[];
      return `must be one of ${allowed.map((v) => JSON.stringify(v)).join(", ")}`;
    }
    case "type":
      return `must be ${String(e.params["type"]).split(",").join(" or ")}`;
    default:
      return e.message ?? "is invalid";
  }
}
