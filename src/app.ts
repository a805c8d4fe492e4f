// The server host: Express around the engine. Helmet, CORS, the request log and the static files (spec,
// docs) live here; everything the API and /__mock answer comes from the engine, through one adapter.
// createApp never listens (start-mock.ts does).
import { readFileSync } from "node:fs";
import cors from "cors";
import express, { type ErrorRequestHandler, type Express, type Request, type Response } from "express";
import helmet from "helmet";
import { pino, type Logger } from "pino";
import { createEngine, DEFAULT_PAGE_SIZE, type Engine, type EngineOptions, type EngineValidators } from "./engine/create-engine.js";
import { errorResponse } from "./engine/error-response.js";
import { HttpError } from "./engine/http-error.js";
import { bundledSpecYaml, docsHtml } from "./project-paths.js";
import { seedSchema } from "./seed/load-seed.js";
import type { OpenApiDocument } from "./spec/load-spec.js";
import { createSchemaValidators } from "./spec/schema-validator.js";
import type { EmailDomainStore, Seed } from "./store/types.js";
import { readNodeBody } from "./server/read-node-body.js";
import { requestLog } from "./server/request-log.js";

export { DEFAULT_PAGE_SIZE };

export interface AppOptions extends Omit<EngineOptions, "log"> {
  /** Origins allowed by CORS; default any. */
  corsOrigins?: string[];
  logger?: Logger;
}

export interface AppDeps {
  store: EmailDomainStore;
  spec: OpenApiDocument;
  controlSpec: OpenApiDocument;
  /** The seed the store was loaded with; /__mock/reset goes back to it. */
  seed: Seed;
  /** Validators of both specs, when the caller has them already (saves compiling them again). */
  validators?: Partial<EngineValidators>;
  options?: AppOptions;
}

/** Runtime-compiled (Ajv) validators for both specs; `given` ones are kept. */
export function engineValidators(spec: OpenApiDocument, controlSpec: OpenApiDocument, given: Partial<EngineValidators> = {}): EngineValidators {
  return {
    api: given.api ?? createSchemaValidators(spec),
    apiParameters: given.apiParameters ?? createSchemaValidators(spec, { coerce: true }),
    control: given.control ?? createSchemaValidators(controlSpec),
    controlParameters: given.controlParameters ?? createSchemaValidators(controlSpec, { coerce: true }),
  };
}

/** The adapter: Express's request to the engine's plain data, and the engine's answer back. */
function engineHandler(engine: Engine) {
  return async (req: Request, res: Response) => {
    const answer = await engine.handle({
      method: req.method,
      url: req.url,
      headers: req.headers,
      hasBody: req.headers["transfer-encoding"] !== undefined || Number(req.headers["content-length"] ?? 0) > 0,
      readBody: (limit) => readNodeBody(req, limit),
    });
    res.locals["operationId"] = answer.operationId;
    res.status(answer.status).set(answer.headers);
    if (answer.body === undefined) res.end();
    else res.send(JSON.stringify(answer.body));
  };
}

export function createApp({ store, spec, controlSpec, seed, validators, options = {} }: AppDeps): Express {
  const logger = options.logger ?? pino({ level: "silent" });
  const engine = createEngine({
    store,
    spec,
    controlSpec,
    seed,
    seedSchema,
    validators: engineValidators(spec, controlSpec, validators),
    options: {
      ...options,
      log: ({ error, message, ...where }) => logger.error({ err: error, ...where }, message),
    },
  });
  const specJson = JSON.stringify(spec);
  const specYaml = readFileSync(bundledSpecYaml, "utf8");

  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false); // a 304 is not part of the contract
  // HSTS is meaningless for a plain-http local mock. No CSP header: JSON needs none, and the docs page carries
  // its own (a <meta> in scripts/docs/offline-template.hbs) that allows its inline scripts and nothing remote.
  app.use(helmet({ contentSecurityPolicy: false, strictTransportSecurity: false, crossOriginResourcePolicy: { policy: "cross-origin" } }));
  app.use(cors({ origin: options.corsOrigins ?? "*", allowedHeaders: engine.requestHeaders, exposedHeaders: ["allow"], maxAge: 600 }));
  if (logger.isLevelEnabled("info")) app.use(requestLog(logger));

  app.get("/", (_req, res) => res.redirect(302, "/docs"));
  app.get("/openapi.json", (_req, res) => res.type("application/json").send(specJson));
  app.get("/openapi.yaml", (_req, res) => res.type("application/yaml").send(specYaml));
  let docs: string | undefined; // read on the first request after `npm run docs`, then kept
  app.get("/docs", (_req, res, next) => {
    try {
      docs ??= readFileSync(docsHtml, "utf8");
    } catch {
      return next(new HttpError(404, "The API docs are not built yet: run `npm run docs`"));
    }
    res.type("html").send(docs);
  });
  app.use(engineHandler(engine));
  // Only what Express itself throws before the engine (a malformed URL in a static route) ends here.
  const expressErrors: ErrorRequestHandler = (error: unknown, req, res, _next) => {
    if (res.headersSent) return void res.destroy();
    const problem = error instanceof HttpError ? error : new HttpError(400, "The request could not be understood (malformed URL or header)");
    const answer = errorResponse(problem, { method: req.method, op: undefined, checker: undefined, log: undefined });
    res.status(answer.status).set(answer.headers).send(JSON.stringify(answer.body));
  };
  app.use(expressErrors);
  return app;
}
