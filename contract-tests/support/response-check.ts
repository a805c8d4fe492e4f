// The client middleware that holds every response to the spec: what the engine's one response checker
// (src/engine/response-check.ts) judges (a documented status for the operation, the documented media type,
// a body valid against the documented schema), and the suite's own rules on top: the error shape with
// statusCode equal to the status, the domain invariants, never an undocumented 5xx, Prism's violations.
// A violation rejects the request's promise with a message naming method, URL, status, schema path and rule.
import type { Middleware } from "openapi-fetch";
import { createResponseChecker } from "../../src/engine/response-check.js";
import { apiValidatorsFor } from "../../src/hosts/node/engine-validators.js";
import { describeErrors } from "../../src/spec/describe-errors.js";
import { domainInvariantProblems } from "./invariants.js";
import { observations, pairKey } from "./observations.js";
import { recordPrismViolations } from "./prism-violations.js";
import { API_KEY_HEADER, operationFor, operations, refOf, spec } from "./spec.js";

export class ContractViolation extends Error {
  constructor(readonly request: string, readonly problems: string[]) {
    super(`${request} broke the contract:\n  - ${problems.join("\n  - ")}`);
    this.name = "ContractViolation";
  }
}

const EMAIL_DOMAIN = "#/components/schemas/EmailDomain";
const EMAIL_DOMAIN_LIST = "#/components/schemas/EmailDomainList";
const ERROR = "#/components/schemas/Error";
const validators = apiValidatorsFor(spec);
const checker = createResponseChecker(spec, operations, validators);
const errorValidator = validators.byPointer(ERROR);

const mediaTypeOf = (response: Response) => response.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase() ?? "";

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** The operation each checked answer belongs to, for the assertions that judge its status (expect-status.ts). */
const answered = new WeakMap<Response, string>();

/** The operationId of an answer this middleware checked; undefined for an undocumented route or method. */
export const operationOfAnswer = (response: Response): string | undefined => answered.get(response);

/** When each request left (performance.now()), for the counters' rule with requests in flight together. */
const sentAt = new WeakMap<Request, number>();
/** Per domain and counter, when each new highest value arrived (invariants.ts: timing). */
const raised = new Map<string, Array<{ at: number; value: number }>>();

export const responseCheck: Middleware = {
  onRequest({ request }) {
    sentAt.set(request, performance.now());
    return undefined;
  },
  async onResponse({ request, response, schemaPath, params }) {
    const arrivedAt = performance.now();
    const sent = sentAt.get(request);
    const method = request.method.toUpperCase();
    const label = `${method} ${request.url} -> ${response.status}`;
    const status = response.status;
    const text = await response.clone().text();
    const problems: string[] = [];
    const op = operationFor(method, schemaPath);
    const where = op ? `${label} (${op.operationId})` : `${label} (no operation: ${method} is not documented on ${schemaPath})`;

    problems.push(...recordPrismViolations(where, response.headers.get("sl-violations")));
    // A documented 5xx (503: the data store is unavailable) is an answer of the contract; any other is a failure.
    if (status >= 500 && !op?.responses[String(status)]) problems.push(`a server error (${status}) is never part of the contract; body: ${text.slice(0, 300)}`);

    const parsed = text === "" ? undefined : parseJson(text);
    const body = parsed?.ok ? parsed.value : undefined;

    if (op) {
      answered.set(response, op.operationId);
      // Remember what this suite created before judging it, so cleanup finds it even when it is broken.
      if (op.operationId === "createEmailDomain" && status >= 200 && status < 300) {
        const id = (body as { id?: unknown } | undefined)?.id;
        const accountId = params.path?.["accountId"];
        const apiKey = request.headers.get(API_KEY_HEADER);
        if (typeof id === "string" && typeof accountId === "string" && apiKey) observations.created.set(id, { id, accountId, apiKey });
      }
      if (op.operationId === "deleteEmailDomain" && status === 204) observations.created.delete(String(params.path?.["id"]));

      problems.push(...checker.problems(op, { status, contentType: response.headers.get("content-type"), text }));
      const documented = op.responses[String(status)];
      if (documented) observations.seen.add(pairKey(op.operationId, status));
      // The suite's own rules, on a JSON body of a documented media type (valid or not: each rule says its own).
      const schema = documented?.content[mediaTypeOf(response)]?.schema;
      if (schema && parsed?.ok) {
        if (status >= 400 && (body as { statusCode?: unknown } | null)?.statusCode !== status) {
          problems.push(`body/statusCode is ${JSON.stringify((body as { statusCode?: unknown } | null)?.statusCode)}, not the HTTP status ${status}`);
        }
        const ref = refOf(schema);
        const ctx = {
          accountId: typeof params.path?.["accountId"] === "string" ? params.path["accountId"] : undefined,
          id: typeof params.path?.["id"] === "string" ? params.path["id"] : undefined,
          attempts: observations.attempts,
          ...(sent === undefined ? {} : { timing: { sentAt: sent, arrivedAt, raised } }),
        };
        if (ref === EMAIL_DOMAIN && typeof body === "object" && body !== null) {
          problems.push(...domainInvariantProblems(body as Record<string, unknown>, "body", ctx));
        }
        if (ref === EMAIL_DOMAIN_LIST && Array.isArray(body)) {
          body.forEach((d, i) => {
            if (typeof d === "object" && d !== null) problems.push(...domainInvariantProblems(d as Record<string, unknown>, `body/${i}`, { ...ctx, id: undefined }));
          });
        }
      }
    } else if (text !== "") {
      // An undocumented method still answers in the contract's error shape.
      if (mediaTypeOf(response) !== "application/json" || !parsed?.ok) problems.push(`the error body is not JSON (content-type ${response.headers.get("content-type")})`);
      else if (!errorValidator(body)) problems.push(...describeErrors("body", errorValidator.errors, ERROR));
    }

    if (problems.length > 0) throw new ContractViolation(where, problems);
    return undefined;
  },
};
