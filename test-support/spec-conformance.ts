// For tests of a host: is this answer one the spec documents? The status must be documented for the
// operation the method and path match, and the body valid against that status's schema (or absent when
// none is documented). Ajv compiled at run time over the bundled spec: an independent check of what left
// the host, not the mock's own (precompiled) self-check.
import { createRouter } from "../src/engine/router.js";
import { describeErrors } from "../src/spec/describe-errors.js";
import { loadBundledSpec } from "../src/spec/load-spec.js";
import { listOperations, type SpecOperation } from "../src/spec/operations.js";
import { createSchemaValidators } from "../src/spec/schema-validator.js";

export interface Observed {
  method: string;
  /** The URL's path (a full URL is accepted too). */
  path: string;
  status: number;
  contentType: string | null;
  body: unknown;
}

export interface SpecConformance {
  /** What is wrong with this answer; empty when the spec documents it. */
  problems(observed: Observed): string[];
}

export function createSpecConformance(): SpecConformance {
  const spec = loadBundledSpec();
  const validators = createSchemaValidators(spec);
  const router = createRouter(listOperations(spec).map((op) => ({ method: op.method, path: op.path, route: op })));
  return {
    problems({ method, path, status, contentType, body }) {
      const pathname = path.startsWith("http") ? new URL(path).pathname : path;
      let op: SpecOperation;
      try {
        op = router.match(method, pathname).route;
      } catch {
        return [`${method} ${pathname} is no operation of the spec`];
      }
      const label = `${op.operationId} ${status}`;
      const response = op.responses[String(status)];
      if (!response) return [`${label}: the status is not documented (documented: ${Object.keys(op.responses).join(", ")})`];
      const media = response.content["application/json"];
      if (!media) return body === undefined ? [] : [`${label}: a body where none is documented`];
      if (contentType?.split(";")[0]?.trim() !== "application/json") return [`${label}: content-type ${contentType}, documented application/json`];
      const validate = validators.compile(media.schema);
      return validate(body) ? [] : describeErrors(`${label} body`, validate.errors);
    },
  };
}
