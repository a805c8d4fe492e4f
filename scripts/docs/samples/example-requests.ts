// The example requests of an operation, as the docs panel prefills them: each path and query parameter
// set to its `example` in the spec, and one request per named example of the request body (in spec order);
// an operation without a body gets one request, named "default".
import { parameterExample, type SpecOperation } from "../../../src/spec/operations.js";
import { bodyMediaType } from "./operation-facts.js";
import type { QueryValue, SampleRequest } from "./sample-request.js";

export interface NamedRequest {
  /** The body example's name in the spec, or "default". */
  name: string;
  request: SampleRequest;
}

export function exampleRequests(operation: SpecOperation, context: { baseUrl: string; apiKey: string }): NamedRequest[] {
  const path: Record<string, string> = {};
  const query: Record<string, QueryValue> = {};
  for (const parameter of operation.parameters) {
    const value = parameterExample(parameter);
    if (parameter.in === "path") {
      if (value === undefined) throw new Error(`${operation.operationId}: the path parameter ${parameter.name} has no example in the spec`);
      path[parameter.name] = String(value);
    } else if (parameter.in === "query" && (typeof value === "string" || typeof value === "number" || typeof value === "boolean")) {
      query[parameter.name] = value;
    }
  }
  const base = { operationId: operation.operationId, baseUrl: context.baseUrl, apiKey: context.apiKey, path, query };
  const type = bodyMediaType(operation);
  const examples = type ? Object.entries(operation.requestBody?.content[type]?.examples ?? {}) : [];
  if (operation.requestBody?.required && examples.length === 0) throw new Error(`${operation.operationId}: its request body has no example in the spec`);
  if (examples.length === 0) return [{ name: "default", request: base }];
  return examples.map(([name, value]) => ({ name, request: { ...base, body: value } }));
}
