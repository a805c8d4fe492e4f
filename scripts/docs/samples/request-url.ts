// The URL of a sample request: the operation's path template filled with the path values (encoded), then
// the query in the order given.
import type { SpecOperation } from "../../../src/spec/operations.js";
import type { SampleRequest } from "./sample-request.js";

/** The path with each `{name}` replaced; a path parameter without a value is an error, not a broken URL. */
export function filledPath(operation: Pick<SpecOperation, "path" | "operationId">, values: Record<string, string>): string {
  return operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`${operation.operationId}: no value for the path parameter ${name}`);
    return encodeURIComponent(value);
  });
}

export function queryString(query: SampleRequest["query"]): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) params.append(name, String(value));
  const text = params.toString();
  return text ? `?${text}` : "";
}

export function requestUrl(operation: Pick<SpecOperation, "path" | "operationId">, request: SampleRequest): string {
  return `${request.baseUrl.replace(/\/+$/, "")}${filledPath(operation, request.path)}${queryString(request.query)}`;
}
