// What an assistant learns about the API's operations, read from the bundled spec at run time (summaries,
// parameters, schemas, statuses, examples are never restated here): search by words, and one operation in
// full, with an example call ready for call_operation.
import type { OpenAPIV3_1 } from "openapi-types";
import type { OpenApiDocument } from "../../spec/load-spec.js";
import { listOperations, parameterExample, resolve, successStatus, type SpecOperation } from "../../spec/operations.js";
import { rankByQuery } from "../../spec/rank-by-query.js";

export interface OperationSummary {
  operationId: string;
  method: string;
  path: string;
  summary: string;
}

export interface CallArguments {
  operationId: string;
  path?: Record<string, string | number>;
  query?: Record<string, unknown>;
  body?: unknown;
}

export interface OperationDescription extends OperationSummary {
  description: string;
  parameters: Array<{ name: string; in: string; required: boolean; description: string; schema: unknown }>;
  /** The JSON body the operation takes (its schema with every `$ref` followed), or null when it takes none. */
  requestBody: { required: boolean; mediaType: string; schema: unknown } | null;
  /** Every documented status and what it means. */
  responses: Array<{ status: string; meaning: string }>;
  example: { call: CallArguments; answer: { status: number; body?: unknown } };
}

export interface OperationCatalogue {
  operationIds: string[];
  find(operationId: string): SpecOperation | undefined;
  search(query: string, limit?: number): OperationSummary[];
  describe(operation: SpecOperation): OperationDescription;
}

/** A schema with its local `$ref`s replaced by what they point at (a ref met again on its own path stays a ref). */
function inlineRefs(spec: OpenApiDocument, value: unknown, seen: readonly string[] = []): unknown {
  if (Array.isArray(value)) return value.map((item) => inlineRefs(spec, item, seen));
  if (typeof value !== "object" || value === null) return value;
  const ref = (value as { $ref?: unknown }).$ref;
  if (typeof ref === "string") return seen.includes(ref) ? value : inlineRefs(spec, resolve(spec, value), [...seen, ref]);
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, inlineRefs(spec, item, seen)]));
}

const operationText = (op: OpenAPIV3_1.OperationObject | undefined) => op?.description ?? "";

export function createOperationCatalogue(spec: OpenApiDocument): OperationCatalogue {
  const operations = listOperations(spec);
  const specOperation = (op: SpecOperation) => spec.paths?.[op.path]?.[op.method] as OpenAPIV3_1.OperationObject | undefined;
  const summaryOf = (op: SpecOperation): OperationSummary => ({
    operationId: op.operationId,
    method: op.method.toUpperCase(),
    path: op.path,
    summary: specOperation(op)?.summary ?? "",
  });
  const searchable = operations.map((op) => ({
    op,
    title: `${summaryOf(op).summary} ${op.operationId}`,
    text: `${op.method} ${op.path} ${operationText(specOperation(op))} ${op.parameters.map((p) => p.name).join(" ")}`,
  }));

  return {
    operationIds: operations.map((op) => op.operationId),
    find: (operationId) => operations.find((op) => op.operationId === operationId),
    search: (query, limit = 10) => {
      const hits = query.trim() === "" ? searchable : rankByQuery(searchable, query).map((hit) => hit.entry);
      return hits.slice(0, limit).map(({ op }) => summaryOf(op));
    },
    describe(op) {
      const mediaType = Object.keys(op.requestBody?.content ?? {})[0];
      const media = mediaType === undefined ? undefined : op.requestBody?.content[mediaType];
      const path: Record<string, string | number> = {};
      const query: Record<string, unknown> = {};
      for (const parameter of op.parameters) {
        const value = parameterExample(parameter);
        if (parameter.in === "path" && (typeof value === "string" || typeof value === "number")) path[parameter.name] = value;
        if (parameter.in === "query" && value !== undefined && parameter.required) query[parameter.name] = value;
      }
      const body = media ? Object.values(media.examples)[0] : undefined;
      const status = successStatus(op);
      const answerExamples = Object.values(op.responses[String(status)]?.content ?? {})[0]?.examples ?? {};
      const answerBody = Object.values(answerExamples)[0];
      return {
        ...summaryOf(op),
        description: operationText(specOperation(op)),
        parameters: op.parameters
          .filter((p) => p.in !== "header")
          .map((p) => ({ name: p.name, in: p.in, required: p.required ?? false, description: p.description ?? "", schema: inlineRefs(spec, p.schema) })),
        requestBody: media && mediaType ? { required: op.requestBody?.required ?? false, mediaType, schema: inlineRefs(spec, media.schema) } : null,
        responses: Object.entries(op.responses).map(([code, response]) => ({ status: code, meaning: response.description.trim() })),
        example: {
          call: {
            operationId: op.operationId,
            ...(Object.keys(path).length ? { path } : {}),
            ...(Object.keys(query).length ? { query } : {}),
            ...(body === undefined ? {} : { body }),
          },
          answer: { status, ...(answerBody === undefined ? {} : { body: answerBody }) },
        },
      };
    },
  };
}
