// A request of any documented operation, built from the spec alone: its method and path template, the path
// parameters filled by name, and a body from the first example of its request body. A check "on every
// operation" that sends these covers an operation the spec gains without an edit here.
import type { ContractClient } from "./client.js";
import type { SpecOperation } from "../../src/spec/operations.js";

export interface SpecRequest {
  operationId: SpecOperation["operationId"];
  /** Upper case, as sent. */
  method: string;
  /** The path with its parameters filled in. */
  path: string;
  /** The path template, as openapi-fetch takes it. */
  template: string;
  pathParams: Record<string, string>;
  body?: unknown;
}

/**
 * The request of `op` with path parameters from `values` (by the spec's parameter names); throws, naming it,
 * when the spec has a path parameter `values` does not fill, so that a new one is a failing test, not a guess.
 */
export function specRequest(op: SpecOperation, values: Readonly<Record<string, string>>): SpecRequest {
  const pathParams: Record<string, string> = {};
  for (const p of op.parameters.filter((p) => p.in === "path")) {
    const value = values[p.name];
    if (value === undefined) throw new Error(`${op.operationId} has a path parameter ${p.name} that the caller does not fill (give it a value)`);
    pathParams[p.name] = value;
  }
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(pathParams[name]!));
  const json = op.requestBody?.content["application/json"];
  const example = json ? Object.values(json.examples)[0] : undefined;
  if (op.requestBody?.required && example === undefined) throw new Error(`${op.operationId} has a required request body with no example to send`);
  return { operationId: op.operationId, method: op.method.toUpperCase(), path, template: op.path, pathParams, ...(example === undefined ? {} : { body: example }) };
}

/** What a test may add to a SpecRequest: the body as raw text with its own content type (openapi-fetch's init). */
export interface SendInit {
  bodySerializer?: () => string;
  headers?: Record<string, string>;
}

/** Sends a SpecRequest through the suite's typed client (its middleware, key and timeouts apply). */
export function sendSpecRequest(api: ContractClient, request: SpecRequest, init: SendInit = {}): Promise<{ response: Response; error?: unknown }> {
  const send = api.request as unknown as (
    method: string,
    path: string,
    init: SendInit & { params: { path: Record<string, string> }; body?: unknown },
  ) => Promise<{ response: Response; error?: unknown }>;
  // A raw body still needs a body for openapi-fetch to call the serializer.
  const body = request.body ?? (init.bodySerializer ? {} : undefined);
  return send(request.method.toLowerCase(), request.template, { ...init, params: { path: request.pathParams }, ...(body === undefined ? {} : { body }) });
}
