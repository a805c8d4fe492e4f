// For tests of a host: is this answer one the spec documents? The operation is the one the method and path
// match; the judging is the engine's one response checker (src/engine/response-check.ts), with the
// validators every checker gets (src/hosts/node/engine-validators.ts).
import { createResponseChecker } from "../src/engine/response-check.js";
import { createRouter } from "../src/engine/router.js";
import { apiValidatorsFor } from "../src/hosts/node/engine-validators.js";
import { loadBundledSpec } from "../src/spec/load-spec.js";
import { listOperations, type SpecOperation } from "../src/spec/operations.js";

export interface Observed {
  method: string;
  /** The URL's path (a full URL is accepted too). */
  path: string;
  status: number;
  contentType: string | null;
  /** The parsed JSON body; undefined when there was none. */
  body: unknown;
}

export interface SpecConformance {
  /** What is wrong with this answer; empty when the spec documents it. */
  problems(observed: Observed): string[];
}

export function createSpecConformance(): SpecConformance {
  const spec = loadBundledSpec();
  const operations = listOperations(spec);
  const checker = createResponseChecker(spec, operations, apiValidatorsFor(spec));
  const router = createRouter(operations.map((op) => ({ method: op.method, path: op.path, route: op })));
  return {
    problems({ method, path, status, contentType, body }) {
      const pathname = path.startsWith("http") ? new URL(path).pathname : path;
      let op: SpecOperation;
      try {
        op = router.match(method, pathname).route;
      } catch {
        return [`${method} ${pathname} is no operation of the spec`];
      }
      // The body was parsed from JSON text: as text again, it is judged as it came over the wire.
      const text = body === undefined ? "" : JSON.stringify(body);
      return checker.problems(op, { status, contentType, text }).map((problem) => `${op.operationId} ${status}: ${problem}`);
    },
  };
}
