// The server host: Express around the engine. Helmet, CORS, the request log and the static files (spec,
// docs) live here; everything the API and /__mock answer comes from the engine, through one adapter.
// createRequestListener (what the server runs) sends a request the engine answers straight to the adapter,
// with the headers helmet and CORS would set recorded once, and everything else (static files, CORS
// preflight, `--cors-origin`, unusual request targets) through the Express app, which ends in the same
// adapter. createApp (the Express app alone) and createRequestListener never listen (start-mock.ts does).
import { readFileSync } from "node:fs";
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import cors from "cors";
import express, { type ErrorRequestHandler, type Express, type Request, type Response } from "express";
import helmet from "helmet";
import { pino, type Logger } from "pino";
import { createEngine, DEFAULT_PAGE_SIZE, type Engine, type EngineOptions, type EngineValidators } from "../../engine/create-engine.js";
import type { EngineResponse } from "../../engine/engine-types.js";
import { errorResponse } from "../../engine/error-response.js";
import { httpError } from "../../engine/error-catalogue.js";
import { HttpError } from "../../engine/http-error.js";
import { jsonText } from "../../engine/json-text.js";
import { splitTarget } from "../../engine/request-target.js";
import { bundledSpecYaml } from "../../project-paths.js";
import { seedSchema } from "../../seed/load-seed.js";
import type { OpenApiDocument } from "../../spec/load-spec.js";
import type { EmailDomainStore, Seed } from "../../storage/types.js";
import { DOCS_CSP, docsFiles, originOf } from "./docs-page.js";
import { recordHeaders, type FlatHeaders } from "./fixed-headers.js";
import { endAfterBody, needsLinger } from "./lingering-close.js";
import { readNodeBody } from "./read-node-body.js";
import { engineValidators } from "./engine-validators.js";
import { logWhenFinished, requestLog } from "./request-log.js";

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

/** Paths the Express app serves itself (GET and HEAD); every other path is the engine's. */
const STATIC_PATHS = ["/", "/openapi.json", "/openapi.yaml", "/docs"] as const;
const STATIC = new Set<string>(STATIC_PATHS);
/** A request target the fast path takes: origin-form, plain characters only. Anything else goes through Express. */
const PLAIN_TARGET = /^\/[A-Za-z0-9\-._~%!$&'()*+,;=:@/]*(\?[^#]*)?$/;

/** True when the engine answers this request whichever way it goes, and nothing in Express's stack would differ. */
function isEngineRequest(req: IncomingMessage): boolean {
  const url = req.url ?? "";
  if (req.method === "OPTIONS" || !PLAIN_TARGET.test(url)) return false;
  // Express matches static routes case-insensitively and with a trailing slash; so does this, to be safe.
  const path = splitTarget(url).path.toLowerCase().replace(/\/+$/, "");
  return !STATIC.has(path === "" ? "/" : path) && !path.startsWith("/docs/");
}

/**
 * Writes the engine's answer: status, `fixed` headers (when the Express stack did not set them already),
 * the answer's headers and its JSON text in one head and one write.
 */
function sendAnswer(req: IncomingMessage, res: ServerResponse, answer: EngineResponse, fixed: FlatHeaders | undefined): void {
  const head = fixed === undefined ? [] : fixed.slice();
  // Content-Type spelled as Express spelled it, so the bytes on the wire stay as they were.
  for (const name in answer.headers) head.push(name === "content-type" ? "Content-Type" : name, answer.headers[name]!);
  if (answer.body === undefined) {
    res.writeHead(answer.status, head).end();
    return;
  }
  const text = jsonText(answer.body);
  head.push("Content-Length", String(Buffer.byteLength(text)));
  res.writeHead(answer.status, head);
  if (needsLinger(req, answer.headers)) return void (res.write(text), endAfterBody(req, res));
  res.end(text);
}

/**
 * The adapter: Node's request to the engine's plain data, and the engine's answer back. Resolves with the
 * operationId, which `onAnswer` is told before anything is sent (the request log reads it on `finish`).
 */
function engineAdapter(engine: Engine) {
  return async (req: IncomingMessage, res: ServerResponse, fixed: FlatHeaders | undefined, onAnswer?: (operationId: string | undefined) => void): Promise<string | undefined> => {
    const answer = await engine.handle({
      method: req.method ?? "GET",
      url: req.url ?? "/",
      headers: req.headers,
      hasBody: req.headers["transfer-encoding"] !== undefined || Number(req.headers["content-length"] ?? 0) > 0,
      readBody: (limit) => readNodeBody(req, limit),
    });
    onAnswer?.(answer.operationId);
    sendAnswer(req, res, answer, fixed);
    return answer.operationId;
  };
}

/** What Express does with a failure outside the engine, shared with the fast path. */
function answerFailure(error: unknown, req: IncomingMessage, res: ServerResponse, fixed: FlatHeaders | undefined): void {
  if (res.headersSent) return void res.destroy();
  const problem = error instanceof HttpError ? error : httpError("malformedRequest");
  sendAnswer(req, res, errorResponse(problem, { method: req.method ?? "GET", op: undefined, checker: undefined, log: undefined }), fixed);
}

export interface ServerHost {
  /** The Express app: static files, CORS preflight, and a last handler that hands everything else to the engine. */
  app: Express;
  /** What the server runs: the engine's requests straight to the adapter, the rest to `app`. */
  listener: RequestListener;
}

export function createServerHost({ store, spec, controlSpec, seed, validators, options = {} }: AppDeps): ServerHost {
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
  const adapter = engineAdapter(engine);
  const logging = logger.isLevelEnabled("info");

  // HSTS is meaningless for a plain-http local mock. No CSP header here: JSON needs none, and the docs set
  // their own (DOCS_CSP).
  const securityHeaders = helmet({ contentSecurityPolicy: false, strictTransportSecurity: false, crossOriginResourcePolicy: { policy: "cross-origin" } });
  const corsHeaders = cors({ origin: options.corsOrigins ?? "*", allowedHeaders: engine.requestHeaders, exposedHeaders: ["allow"], maxAge: 600 });

  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false); // a 304 is not part of the contract
  app.use(securityHeaders);
  app.use(corsHeaders);
  if (logging) app.use(requestLog(logger));

  app.get(STATIC_PATHS[0], (_req, res) => res.redirect(302, "/docs/"));
  app.get(STATIC_PATHS[1], (_req, res) => res.type("application/json").send(specJson));
  app.get(STATIC_PATHS[2], (_req, res) => res.type("application/yaml").send(specYaml));
  // The docs are a folder (dist/docs/): /docs redirects to /docs/, so that the page's relative links and its
  // service worker's scope (the folder) hold. Each operation is a #-link of the one page.
  const docs = docsFiles();
  app.get(STATIC_PATHS[3], (req, res, next) => (req.path.endsWith("/") ? next() : res.redirect(301, "/docs/")));
  app.get("/docs/{:file}", (req, res, next) => {
    let file;
    try {
      file = docs(String(req.params["file"] ?? ""), originOf(req.headers.host));
    } catch {
      return next(httpError("docsNotBuilt"));
    }
    if (!file) return next(httpError("noSuchDocsFile", req.path));
    res.set("content-security-policy", DOCS_CSP).type(file.type).send(file.body);
  });
  // Helmet's and CORS's headers are set on `res` already here.
  app.use(async (req: Request, res: Response) => {
    await adapter(req, res, undefined, (operationId) => (res.locals["operationId"] = operationId));
  });
  // Only what Express itself throws before the engine (a malformed URL in a static route) ends here.
  const expressErrors: ErrorRequestHandler = (error: unknown, req, res, _next) => answerFailure(error, req, res, undefined);
  app.use(expressErrors);

  // With CORS for any origin, neither middleware looks at the request: their headers are recorded once.
  // A list of origins (--cors-origin) makes CORS depend on the request's Origin: then Express runs it.
  const fixed = options.corsOrigins === undefined ? recordHeaders([securityHeaders, corsHeaders]) : undefined;
  const listener: RequestListener = (req, res) => {
    if (fixed === undefined || !isEngineRequest(req)) return void app(req, res);
    let operationId: string | undefined;
    // As the Express middleware does: listening from the start, so a failed request is logged too.
    if (logging) logWhenFinished(logger, req, res, () => operationId);
    adapter(req, res, fixed, (id) => (operationId = id)).catch((error: unknown) => answerFailure(error, req, res, fixed));
  };
  return { app, listener };
}

/** The Express app alone (every request through Express's stack). */
export function createApp(deps: AppDeps): Express {
  return createServerHost(deps).app;
}

/** What the server runs: see createServerHost. */
export function createRequestListener(deps: AppDeps): RequestListener {
  return createServerHost(deps).listener;
}
