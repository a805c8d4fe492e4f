// createApp wires the HTTP layer around a store; it never listens (server.ts does). Everything the mock
// routes, validates and answers is derived from the bundled spec passed in.
import { readFileSync } from "node:fs";
import cors from "cors";
import express, { type Express } from "express";
import helmet from "helmet";
import { pino, type Logger } from "pino";
import { controlRoutes } from "./http/control-routes.js";
import { createErrorHandler } from "./http/error-handler.js";
import { clip, HttpError } from "./http/errors.js";
import { createHandlers } from "./http/handlers.js";
import { mountOperations } from "./http/operation-routes.js";
import { createRequestValidator } from "./http/request-validator.js";
import { requestLog } from "./http/request-log.js";
import { createResponseChecker } from "./http/response-check.js";
import { bundledSpecYaml, docsHtml } from "./project-paths.js";
import type { OpenApiDocument } from "./spec/load-spec.js";
import { listOperations } from "./spec/operations.js";
import { createSchemaValidators, type SchemaValidators } from "./spec/schema-validator.js";
import type { EmailDomainStore, Seed } from "./store/types.js";

export interface AppOptions {
  /** Check every response against the spec before sending it (default true). */
  responseCheck?: boolean;
  /** Latency added to every request, in ms (default 0). */
  delayMs?: number;
  /** Domains per list page (default 50). */
  pageSize?: number;
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
  /** Uncoerced validators of `spec`, when the caller has them already (saves building another Ajv). */
  validators?: SchemaValidators;
  options?: AppOptions;
}

export const DEFAULT_PAGE_SIZE = 50;

export function createApp({ store, spec, controlSpec, seed, validators, options = {} }: AppDeps): Express {
  const logger = options.logger ?? pino({ level: "silent" });
  const operations = listOperations(spec);
  const parameterValidators = createSchemaValidators(spec, { coerce: true });
  const bodyValidators = validators ?? createSchemaValidators(spec);
  const checker = options.responseCheck === false ? undefined : createResponseChecker(operations, bodyValidators);
  const specJson = JSON.stringify(spec);
  const specYaml = readFileSync(bundledSpecYaml, "utf8");

  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false); // a 304 is not part of the contract
  // HSTS is meaningless for a plain-http local mock. No CSP header: JSON needs none, and the docs page carries
  // its own (a <meta> in scripts/docs/offline-template.hbs) that allows its inline scripts and nothing remote.
  app.use(helmet({ contentSecurityPolicy: false, strictTransportSecurity: false, crossOriginResourcePolicy: { policy: "cross-origin" } }));
  app.use(
    cors({
      origin: options.corsOrigins ?? "*",
      allowedHeaders: [...new Set(operations.map((op) => op.apiKeyHeader).filter((h) => h !== undefined)), "content-type", "prefer"],
      exposedHeaders: ["allow"],
      maxAge: 600,
    }),
  );
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
  app.use("/__mock", controlRoutes({ store, initialSeed: seed, controlSpec, specValidators: bodyValidators }));

  mountOperations(app, {
    operations,
    validators: new Map(operations.map((op) => [op.operationId, createRequestValidator(op, parameterValidators, bodyValidators)])),
    handlers: createHandlers(store, { pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE }),
    store,
    checker,
    delayMs: options.delayMs ?? 0,
  });

  app.use((req, _res, next) => next(new HttpError(404, `Cannot ${req.method} ${clip(req.path)}`)));
  app.use(createErrorHandler(checker, logger));
  return app;
}
