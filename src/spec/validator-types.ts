// What every stage that validates needs from a validator source: compiled at run time with Ajv (Node,
// tests) or precompiled at build time (Ajv standalone code, for pages whose CSP forbids eval).
import type { ValidateFunction } from "ajv";

export type { ValidateFunction };

export interface SchemaValidators {
  /** A validator for any JSON schema that may `$ref` into the spec; equal schemas (by content) share one. */
  compile(schema: object): ValidateFunction;
  /** A validator for a schema of the spec, by JSON pointer such as `#/components/schemas/EmailDomain`. */
  byPointer(pointer: string): ValidateFunction;
}
