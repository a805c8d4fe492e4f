// What the samples need to know about an operation, read from the spec (never restated): the header that
// carries the key, the media type of the body, and whether the documented success answer has a body.
import { successStatus, type SpecOperation } from "../../../src/spec/operations.js";

export { successStatus };

/** The header of the operation's apiKey security scheme; an operation without one gets no key header. */
export function keyHeader(operation: SpecOperation): string | undefined {
  return operation.apiKeyHeader;
}

/** The media type of the request body (the first the spec lists), when the operation takes one. */
export function bodyMediaType(operation: SpecOperation): string | undefined {
  return Object.keys(operation.requestBody?.content ?? {})[0];
}

/** Whether the success answer carries a body (a 204 does not). */
export function successHasBody(operation: SpecOperation): boolean {
  return Object.keys(operation.responses[String(successStatus(operation))]?.content ?? {}).length > 0;
}

/** Names of the operation's parameters in one location, in the order of the path template for `path`. */
export function parameterNames(operation: SpecOperation, location: "path" | "query" | "header"): string[] {
  const names = operation.parameters.filter((p) => p.in === location).map((p) => p.name);
  if (location !== "path") return names;
  const order = [...operation.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  return order.filter((name) => names.includes(name));
}

/** The headers every sample sends: the key, and the body's media type when there is a body. */
export function sampleHeaders(operation: SpecOperation, apiKey: string, hasBody: boolean): Array<[string, string]> {
  const headers: Array<[string, string]> = [];
  const key = keyHeader(operation);
  if (key) headers.push([key, apiKey]);
  const type = bodyMediaType(operation);
  if (hasBody && type) headers.push(["content-type", type]);
  return headers;
}
