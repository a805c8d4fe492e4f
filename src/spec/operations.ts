// The operations of the spec as plain data: method, path, parameters, body and responses, with the
// spec's `$ref`s to parameters, responses and examples resolved. Everything that routes, validates or
// mocks reads the contract through this list.
import type { OpenAPIV3_1 } from "openapi-types";
import type { operations } from "../generated/openapi.js";
import type { OpenApiDocument } from "./load-spec.js";

export type OperationId = keyof operations;
export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface MediaTypeSpec {
  schema: OpenAPIV3_1.SchemaObject;
  /** Named examples, resolved to their values. */
  examples: Record<string, unknown>;
}

export interface ResponseSpec {
  description: string;
  /** By media type; empty for a response without a body (204). */
  content: Record<string, MediaTypeSpec>;
}

export interface SpecOperation {
  operationId: OperationId;
  method: HttpMethod;
  /** The OpenAPI path template, e.g. `/api/v1/accounts/{accountId}/email-domains/{id}`. */
  path: string;
  parameters: OpenAPIV3_1.ParameterObject[];
  requestBody: { required: boolean; content: Record<string, MediaTypeSpec> } | undefined;
  /** By status code as written in the spec (`"200"`, `"404"`). */
  responses: Record<string, ResponseSpec>;
  /** Security requirements that apply (the operation's own, else the document's). */
  security: OpenAPIV3_1.SecurityRequirementObject[];
  /** The largest request body accepted, from the `x-max-body-bytes` of the operation's 413 response. */
  maxBodyBytes: number | undefined;
  /** The header carrying the API key, from the operation's `apiKey` security scheme; undefined when none applies. */
  apiKeyHeader: string | undefined;
  /** `x-outcome-from-dns-provider`: the statuses it answers are the DNS provider's (a server has room there). */
  outcomeFromDnsProvider: boolean;
}

/** Follows a local `$ref` (`#/components/...`) of the document; other values are returned as they are. */
export function resolve<T>(spec: OpenApiDocument, value: T | OpenAPIV3_1.ReferenceObject): T {
  let current: unknown = value;
  for (let hops = 0; isRef(current); hops++) {
    if (hops > 20) throw new Error(`$ref loop at ${current.$ref}`);
    current = current.$ref
      .slice(2)
      .split("/")
      .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], spec);
    if (current === undefined) throw new Error(`unresolved $ref ${String(value)}`);
  }
  return current as T;
}

function isRef(value: unknown): value is OpenAPIV3_1.ReferenceObject {
  return typeof value === "object" && value !== null && typeof (value as { $ref?: unknown }).$ref === "string";
}

function mediaTypes(spec: OpenApiDocument, content: Record<string, OpenAPIV3_1.MediaTypeObject> | undefined) {
  const out: Record<string, MediaTypeSpec> = {};
  for (const [type, media] of Object.entries(content ?? {})) {
    const examples: Record<string, unknown> = {};
    for (const [name, example] of Object.entries(media.examples ?? {})) {
      examples[name] = resolve<OpenAPIV3_1.ExampleObject>(spec, example).value;
    }
    out[type] = { schema: media.schema ?? {}, examples };
  }
  return out;
}

function apiKeyHeader(spec: OpenApiDocument, security: OpenAPIV3_1.SecurityRequirementObject[]): string | undefined {
  for (const name of security.flatMap((requirement) => Object.keys(requirement))) {
    const scheme = resolve<OpenAPIV3_1.SecuritySchemeObject>(spec, spec.components?.securitySchemes?.[name] ?? { $ref: `#/components/securitySchemes/${name}` });
    if (scheme.type === "apiKey" && scheme.in === "header") return scheme.name.toLowerCase();
  }
  return undefined;
}

/** The documented success status: the lowest 2xx of the operation's responses. */
export function successStatus(operation: SpecOperation): number {
  const codes = Object.keys(operation.responses)
    .filter((code) => /^2\d\d$/.test(code))
    .map(Number)
    .sort((a, b) => a - b);
  if (codes[0] === undefined) throw new Error(`${operation.operationId} documents no 2xx response`);
  return codes[0];
}

/** A parameter's `example` in the spec, else the value of its first named example. */
export function parameterExample(parameter: OpenAPIV3_1.ParameterObject): unknown {
  if (parameter.example !== undefined) return parameter.example;
  const first = Object.values(parameter.examples ?? {})[0];
  return first && "value" in first ? first.value : undefined;
}

export function listOperations(spec: OpenApiDocument): SpecOperation[] {
  const out: SpecOperation[] = [];
  for (const [path, rawItem] of Object.entries(spec.paths ?? {})) {
    const item = resolve<OpenAPIV3_1.PathItemObject>(spec, rawItem ?? {});
    const shared = (item.parameters ?? []).map((p) => resolve<OpenAPIV3_1.ParameterObject>(spec, p));
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      if (!op.operationId) throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
      const own = (op.parameters ?? []).map((p) => resolve<OpenAPIV3_1.ParameterObject>(spec, p));
      const parameters = [...shared.filter((s) => !own.some((o) => o.name === s.name && o.in === s.in)), ...own];
      const body = op.requestBody ? resolve<OpenAPIV3_1.RequestBodyObject>(spec, op.requestBody) : undefined;
      const responses: Record<string, ResponseSpec> = {};
      let maxBodyBytes: number | undefined;
      for (const [status, raw] of Object.entries(op.responses ?? {})) {
        const response = resolve<OpenAPIV3_1.ResponseObject & { "x-max-body-bytes"?: number }>(spec, raw);
        responses[status] = { description: response.description, content: mediaTypes(spec, response.content) };
        if (status === "413") maxBodyBytes = response["x-max-body-bytes"];
      }
      const security = op.security ?? spec.security ?? [];
      out.push({
        operationId: op.operationId as OperationId,
        method,
        path,
        parameters,
        requestBody: body ? { required: body.required ?? false, content: mediaTypes(spec, body.content) } : undefined,
        responses,
        security,
        maxBodyBytes,
        apiKeyHeader: apiKeyHeader(spec, security),
        outcomeFromDnsProvider: (op as { "x-outcome-from-dns-provider"?: unknown })["x-outcome-from-dns-provider"] === true,
      });
    }
  }
  return out;
}
