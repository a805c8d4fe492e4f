// Which operation a request through the mutant proxy is: the engine's router over the spec's path templates,
// as the mock routes it. An operation added to the spec is routed here with no change (a hand-written
// path regex would let its requests pass every mutant untouched).
import { splitTarget } from "../../src/engine/request-target.js";
import { createRouter } from "../../src/engine/router.js";
import { operations, type OperationId } from "../support/spec.js";

export interface MutantRoute {
  operationId: OperationId;
  /** Path parameters as sent (still percent-encoded): a mutant judges them as the server will. */
  params: Record<string, string>;
  /** The query string without `?`; "" when none. */
  query: string;
}

const router = createRouter(operations.map((op) => ({ method: op.method, path: op.path, route: op.operationId })));

/** The operation of a request (method and path), or undefined when the spec documents none. */
export function routeOf(request: { method: string; url: string }): MutantRoute | undefined {
  const { path, query } = splitTarget(request.url);
  try {
    // `%` escaped so that the router's decoding gives back each parameter exactly as sent.
    const { route, params } = router.match(request.method, path.replaceAll("%", "%25"));
    return { operationId: route, params, query: query ?? "" };
  } catch {
    return undefined; // 404 or 405: not an operation
  }
}

/** The path of an operation with these parameters (values as they go into a URL). */
export function pathOf(operationId: OperationId, params: Record<string, string>): string {
  const template = operations.find((op) => op.operationId === operationId)?.path;
  if (!template) throw new Error(`the spec has no operation ${operationId}`);
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => params[name] ?? `{${name}}`);
}
