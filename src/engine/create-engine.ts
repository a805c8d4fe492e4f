// The mock as one transport-neutral pipeline: a request as plain data in, status, headers and a JSON body
// out. Everything is derived from the specs handed in; nothing here knows a socket, a file or a framework.
// The stages of an API request run in this order:
//   route (404/405) -> Prefer + delay -> key (401) -> parameters (400) -> account (403) -> Prefer example
//   -> body (415/413/400) -> handler (404/409/2xx) -> response self-check -> answer
// A store that cannot answer (StoreUnavailableError) gives the documented 503 at any stage.
// Control requests (/__mock, their own spec) skip the key, Prefer and delay stages; with a control token,
// those whose spec names the token's security scheme need it first (401).
import type { OpenApiDocument } from "../spec/load-spec.js";
import { listOperations, type OperationId, type SpecOperation } from "../spec/operations.js";
import type { SchemaValidators } from "../spec/validator-types.js";
import { constantTimeEqual } from "../shared/constant-time.js";
import type { EmailDomainStore, Seed } from "../storage/types.js";
import { authenticate, authorize } from "./authenticate.js";
import { createControlHandlers, type ControlOperationId } from "./control-handlers.js";
import type { EngineLogEvent, EngineRequest, EngineResponse } from "./engine-types.js";
import { errorResponse } from "./error-response.js";
import { createHandlers, type HandlerInput } from "./handlers.js";
import { parsePrefer, preferredResponse } from "./prefer.js";
import { readJsonBody } from "./read-json-body.js";
import { createRequestValidator, type RequestValidator } from "./request-validator.js";
import { createResponseChecker, type ResponseChecker } from "./response-check.js";
import { splitTarget } from "./request-target.js";
import { createRouter } from "./router.js";
import { withFaultSwitch } from "./store-faults.js";
import { httpError } from "./error-catalogue.js";

export const DEFAULT_PAGE_SIZE = 50;

export interface EngineOptions {
  /** Check every response against the spec before answering (default true). */
  responseCheck?: boolean;
  /** Latency added to every API request unless `Prefer: delay=` says otherwise, in ms (default 0). */
  delayMs?: number;
  /** Domains per list page (default 50). */
  pageSize?: number;
  /** Told about 500s (a contract violation or an unexpected error); the client only sees the error shape. */
  log?: (event: EngineLogEvent) => void;
  /**
   * When set, the control endpoints whose spec names a token scheme (all but the health check) answer 401
   * unless the request carries this token in that scheme's header (x-mock-control-token).
   */
  controlToken?: string;
}

/** Validators for both specs: uncoerced for bodies and responses, coerced for path and query parameters. */
export interface EngineValidators {
  api: SchemaValidators;
  apiParameters: SchemaValidators;
  control: SchemaValidators;
  controlParameters: SchemaValidators;
}

export interface EngineDeps {
  store: EmailDomainStore;
  spec: OpenApiDocument;
  controlSpec: OpenApiDocument;
  /** The seed the store was loaded with; /__mock/reset goes back to it. */
  seed: Seed;
  /** src/seed/seed.schema.json, for PUT /__mock/seed. */
  seedSchema: object;
  validators: EngineValidators;
  options?: EngineOptions;
}

export interface Engine {
  handle(req: EngineRequest): Promise<EngineResponse>;
  /** The request headers a browser must be allowed to send (for a host's CORS preflight). */
  requestHeaders: string[];
}

type RouteAccess =
  | { kind: "api"; keyHeader: string }
  /** tokenHeader: when this control endpoint needs the token (see EngineOptions.controlToken). */
  | { kind: "control"; tokenHeader: string | undefined };

interface Route {
  op: SpecOperation;
  validator: RequestValidator;
  run: (input: HandlerInput<OperationId>) => Promise<{ status: number; body: unknown }>;
  /** Who may call: an API operation needs an account's key; a control endpoint needs no key, maybe a token. */
  access: RouteAccess;
  bodyLimit: number;
  checker: ResponseChecker | undefined;
}

const JSON_TYPE = "application/json; charset=utf-8";

export function createEngine({ store: realStore, spec, controlSpec, seed, seedSchema, validators, options = {} }: EngineDeps): Engine {
  const { store, setStoreUnavailable } = withFaultSwitch(realStore);
  const controlToken = options.controlToken;
  const delayMs = options.delayMs ?? 0;
  const apiOps = listOperations(spec);
  const controlOps = listOperations(controlSpec);
  const check = options.responseCheck !== false;
  const apiChecker = check ? createResponseChecker(spec, apiOps, validators.api) : undefined;
  const controlChecker = check ? createResponseChecker(controlSpec, controlOps, validators.control) : undefined;
  const handlers = createHandlers(store, { pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE });
  const controlHandlers = createControlHandlers({ store, initialSeed: seed, seedSchema, specValidators: validators.api, setStoreUnavailable });

  const apiRoutes = apiOps.map((op): Route => {
    // Every operation of this API requires a key; an operation without one would need an anonymous account.
    if (!op.apiKeyHeader) throw new Error(`${op.operationId} has no apiKey security scheme in the spec`);
    checkBodyLimit(op);
    return {
      op,
      validator: createRequestValidator(op, validators.apiParameters, validators.api),
      run: handlers[op.operationId] as unknown as Route["run"],
      access: { kind: "api", keyHeader: op.apiKeyHeader },
      bodyLimit: op.maxBodyBytes ?? 0,
      checker: apiChecker,
    };
  });
  const controlRoutes = controlOps.map((op): Route => {
    const handler = controlHandlers[op.operationId as unknown as ControlOperationId];
    if (!handler) throw new Error(`the control spec's ${op.operationId} has no handler`);
    checkBodyLimit(op);
    return {
      op,
      validator: createRequestValidator(op, validators.controlParameters, validators.control),
      run: handler,
      access: { kind: "control", tokenHeader: controlToken === undefined ? undefined : op.apiKeyHeader },
      bodyLimit: op.maxBodyBytes ?? 0,
      checker: controlChecker,
    };
  });
  const router = createRouter([...apiRoutes, ...controlRoutes].map((route) => ({ method: route.op.method, path: route.op.path, route })));

  /** The validated JSON body of an operation that takes one; undefined for the others. */
  async function validBody(req: EngineRequest, route: Route): Promise<unknown> {
    if (!route.op.requestBody) return undefined;
    const body = await readJsonBody(req, route.bodyLimit);
    route.validator.body(body);
    return body;
  }

  async function answer(req: EngineRequest, route: Route, params: Record<string, string>, query: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
    const { op, validator } = route;
    const { access } = route;
    if (access.kind === "control") {
      if (access.tokenHeader !== undefined) checkControlToken(req.headers[access.tokenHeader], access.tokenHeader, controlToken!);
      const { path } = validator.parameters(params, query);
      return route.run({ path, body: await validBody(req, route) } as HandlerInput<OperationId>);
    }
    const prefer = req.headers["prefer"];
    const prefs = parsePrefer(Array.isArray(prefer) ? prefer.join(", ") : prefer);
    const delay = prefs.delayMs ?? delayMs;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    const account = await authenticate(req.headers, store, access.keyHeader);
    const { path, query: validQuery } = validator.parameters(params, query);
    authorize(account, path["accountId"]);
    const preferred = preferredResponse(op, prefs);
    if (preferred) return preferred;
    return route.run({ account, path, query: validQuery, body: await validBody(req, route) } as HandlerInput<OperationId>);
  }

  return {
    requestHeaders: [...new Set([...apiOps, ...controlOps].map((op) => op.apiKeyHeader).filter((h) => h !== undefined)), "content-type", "prefer"],
    async handle(req) {
      let route: Route | undefined;
      try {
        const target = splitTarget(req.url);
        const matched = router.match(req.method, target.path);
        route = matched.route;
        const query = target.query === undefined ? {} : parseQuery(target.query);
        const { status, body } = await answer(req, route, matched.params, query);
        route.checker?.assertDocumented(route.op, status, body);
        return {
          status,
          headers: body === undefined ? {} : { "content-type": JSON_TYPE },
          body: req.method === "HEAD" ? undefined : body,
          operationId: route.op.operationId,
        };
      } catch (error) {
        return errorResponse(error, { method: req.method, op: route?.op, checker: route?.checker, log: options.log });
      }
    },
  };
}

/** An operation that takes a body documents its limit: a 413 with `x-max-body-bytes` (the engine reads it). */
function checkBodyLimit(op: SpecOperation): void {
  if (op.requestBody && op.maxBodyBytes === undefined) throw new Error(`${op.operationId} takes a body but documents no 413 with x-max-body-bytes`);
}

/** 401 unless the header holds the token; compared in constant time, and never part of a message. */
function checkControlToken(value: string | string[] | undefined, header: string, token: string): void {
  if (typeof value !== "string" || !constantTimeEqual(value, token)) {
    throw httpError("controlTokenRequired", header);
  }
}

/** `a=1&a=2&b=x` -> `{a: ["1", "2"], b: "x"}`, as Node's querystring (Express's default) parses it. */
function parseQuery(text: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>; // `__proto__` is just a name
  for (const [name, value] of new URLSearchParams(text)) {
    const previous = out[name];
    out[name] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return out;
}
