// Validators compiled at build time (Ajv standalone code in src/generated/validators-*.ts), for hosts that
// run where `new Function` is forbidden (a page whose CSP has no 'unsafe-eval') or should not be paid for
// at start. They answer the same SchemaValidators interface as the runtime compiler, looked up by the
// same keys it caches by: a schema's JSON text, or a JSON pointer into the spec.
import type { SchemaValidators, ValidateFunction } from "./validator-types.js";

/** A short stable name for a schema text or pointer (cyrb53): the export name of its precompiled validator. */
export function validatorName(kind: "schema" | "pointer", text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const hash = (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
  return `${kind === "schema" ? "s" : "p"}_${hash}`;
}

export function precompiledValidators(table: Record<string, unknown>, source: string): SchemaValidators {
  const get = (name: string, what: string): ValidateFunction => {
    const fn = table[name];
    if (typeof fn !== "function") throw new Error(`${source} has no precompiled validator for ${what}: run \`npm run generate\``);
    return fn as ValidateFunction;
  };
  return {
    compile: (schema) => {
      const text = JSON.stringify(schema);
      return get(validatorName("schema", text), text.slice(0, 80));
    },
    byPointer: (pointer) => get(validatorName("pointer", pointer), pointer),
  };
}
