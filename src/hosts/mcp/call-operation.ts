// call_operation's work: turn `{ operationId, path, query, body }` into the HTTP request the spec describes
// (method, path template, the key in the spec's key header, the body's media type), send it through the
// target (the in-process engine, or a server over HTTP), and hand back what came back, judged by the kit's
// one response checker. The key is added here and never travels in a tool's arguments or results.
import type { SchemaValidators } from "../../spec/validator-types.js";
import type { OpenApiDocument } from "../../spec/load-spec.js";
import { listOperations, type SpecOperation } from "../../spec/operations.js";
import { createResponseChecker } from "../../engine/response-check.js";
import type { CallArguments } from "./operation-catalogue.js";

export interface CallTarget {
  /** Where requests go: a server's base URL, or any URL for the in-process engine. */
  baseUrl: string;
  send(request: Request): Promise<Response>;
  /** The API key for a call with these path parameters; undefined sends none (the API then answers 401). */
  keyFor(pathValues: string[]): Promise<string | undefined>;
  /** Whether answers come from a server the kit did not build (then a broken answer is reported, not trusted). */
  remote: boolean;
}

export interface CallResult {
  status: number;
  headers: Record<string, string>;
  /** The answer's JSON, its text when it is not JSON, null when it had no body. */
  body: unknown;
  /** What the answer breaks in the spec, from the kit's response checker; absent when it is documented. */
  contractViolations?: string[];
}

/** Arguments that cannot become a request at all (not a refusal by the API): said to the assistant as a tool error. */
export class CallArgumentsError extends Error {}

type QueryValue = string | number | boolean;

function requestUrl(baseUrl: string, op: SpecOperation, args: CallArguments): string {
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = args.path?.[name];
    if (value === undefined) {
      const names = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).join(", ");
      throw new CallArgumentsError(`${op.operationId} needs path.${name} (its path ${op.path} takes: ${names})`);
    }
    return encodeURIComponent(String(value));
  });
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(args.query ?? {})) {
    for (const item of (Array.isArray(value) ? value : [value]) as QueryValue[]) search.append(name, typeof item === "object" ? JSON.stringify(item) : String(item));
  }
  const query = search.toString();
  return `${baseUrl.replace(/\/+$/, "")}${path}${query ? `?${query}` : ""}`;
}

function parseBody(text: string): unknown {
  if (text === "") return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The result with every occurrence of the key replaced: a server that echoes it must not hand it on. */
function withoutKey(result: CallResult, key: string | undefined): CallResult {
  if (!key) return result;
  const text = JSON.stringify(result);
  return text.includes(key) ? (JSON.parse(text.split(key).join("[api key]")) as CallResult) : result;
}

export function createOperationCaller(spec: OpenApiDocument, validators: SchemaValidators, target: CallTarget) {
  const operations = listOperations(spec);
  const checker = createResponseChecker(spec, operations, validators);

  return async function callOperation(op: SpecOperation, args: CallArguments): Promise<CallResult> {
    const url = requestUrl(target.baseUrl, op, args);
    const hasBody = args.body !== undefined;
    if (hasBody && (op.method === "get" || op.method === "head")) throw new CallArgumentsError(`${op.operationId} (${op.method.toUpperCase()}) takes no body`);
    const key = await target.keyFor(Object.values(args.path ?? {}).map(String));
    const headers: Record<string, string> = {};
    if (op.apiKeyHeader && key !== undefined) headers[op.apiKeyHeader] = key;
    if (hasBody) headers["content-type"] = Object.keys(op.requestBody?.content ?? {})[0] ?? "application/json";
    const response = await target.send(new Request(url, { method: op.method.toUpperCase(), headers, ...(hasBody ? { body: JSON.stringify(args.body) } : {}) }));
    const text = await response.text();
    const problems = checker.problems(op, { status: response.status, contentType: response.headers.get("content-type"), text });
    const answerHeaders: Record<string, string> = {};
    response.headers.forEach((value, name) => (answerHeaders[name] = value));
    const result: CallResult = {
      status: response.status,
      headers: answerHeaders,
      body: parseBody(text),
      ...(problems.length > 0 ? { contractViolations: [...problems] } : {}),
    };
    return withoutKey(result, key);
  };
}
