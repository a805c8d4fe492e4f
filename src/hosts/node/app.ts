// The server host: one request path around the engine. Every request gets, in this order: its line in the
// request log (when the logger writes info lines), the headers helmet and CORS set, then the static files
// (spec, docs: a small Express app) or the engine, through one adapter; a request the static files do not
// serve goes on to the engine. With CORS for any origin, helmet's and CORS's headers never depend on the
// request: they are recorded once and written with the answer in one head (the hot path). A list of origins
// (--cors-origin) makes CORS depend on the request's Origin, and a CORS preflight is CORS's own answer: then
// the two middlewares run on the request. createApp never listens (start-mock.ts does).
import { readFileSync } from "node:fs";
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import cors from "cors";
import express from "express";
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
import { logWhenFinished } from "./request-log.js";

export { DEFAULT_PAGE_SIZE };

export interface AppOptions extends Omit<EngineOptions, "log"> {
  /** Origins allowed by CORS; default any. */
  corsOrigins?: string[];
  logger?: Logger;
  /**
   * Run helmet and CORS on every request, even where their headers never change (default: recorded once).
   * What --cors-origin needs; a test compares the two.
   */
  liveHeaders?: boolean;
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

/** Paths of the static files (GET and HEAD); every other path is the engine's. */
const STATIC_PATHS = ["/", "/openapi.json", "/openapi.yaml", "/docs"] as const;
const STATIC = new Set<string>(STATIC_PATHS);
/** A request target that goes straight to the engine: origin-form, plain characters only. Anything else tries the static files first. */
const PLAIN_TARGET = /^\/[A-Za-z0-9\-._~%!$&'()*+,;=:@/]*(\?[^#]*)?$/;

/** True when the engine answers this request: no static file could match its target. */
function isEngineRequest(req: IncomingMessage): boolean {
  const url = req.url ?? "";
  if (req.method === "OPTIONS" || !PLAIN_TARGET.test(url)) return false;
  // Express matches static routes case-insensitively and with a trailing slash; so does this, to be safe.
  const path = splitTarget(url).path.toLowerCase().replace(/\/+$/, "");
  return !STATIC.has(path === "" ? "/" : path) && !path.startsWith("/docs/");
}

/**
 * Writes the engine's answer: status, `fixed` headers (when they are not set on `res` already),
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

/** A failure outside the engine (a malformed URL in a static route): the contract's error shape. */
function answerFailure(error: unknown, req: IncomingMessage, res: ServerResponse, fixed: FlatHeaders | undefined): void {
  if (res.headersSent) return void res.destroy();
  const problem = error instanceof HttpError ? error : httpError("malformedRequest");
  sendAnswer(req, res, errorResponse(problem, { method: req.method ?? "GET", op: undefined, checker: undefined, log: undefined }), fixed);
}

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/** Runs connect-style middlewares in order on the request; `done` follows the last one (or an error). */
function runMiddlewares(middlewares: Middleware[], req: IncomingMessage, res: ServerResponse, done: (error?: unknown) => void): void {
  let i = 0;
  const next = (error?: unknown): void => {
    if (error !== undefined || i === middlewares.length) return done(error);
    middlewares[i++]!(req, res, next);
  };
  next();
}

/** The static files: the spec (JSON, YAML) and the docs folder, GET and HEAD; `next()` for anything else. */
function staticFiles(spec: OpenApiDocument): Middleware {
  const specJson = JSON.stringify(spec);
  const specYaml = readFileSync(bundledSpecYaml, "utf8");
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false); // a 304 is not part of the contract
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
  // An Express 5 app takes `next` as its third argument (its typings leave it out): what it does not serve goes on.
  return app as unknown as Middleware;
}

/** The server's request listener: see the top of this file. */
export function createApp({ store, spec, controlSpec, seed, validators, options = {} }: AppDeps): RequestListener {
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
  const adapter = engineAdapter(engine);
  const files = staticFiles(spec);
  const logging = logger.isLevelEnabled("info");

  // HSTS is meaningless for a plain-http local mock. No CSP header here: JSON needs none, and the docs set
  // their own (DOCS_CSP).
  const securityHeaders = helmet({ contentSecurityPolicy: false, strictTransportSecurity: false, crossOriginResourcePolicy: { policy: "cross-origin" } });
  const corsHeaders = cors({ origin: options.corsOrigins ?? "*", allowedHeaders: engine.requestHeaders, exposedHeaders: ["allow"], maxAge: 600 });
  const middlewares: Middleware[] = [securityHeaders, corsHeaders];
  // With CORS for any origin, neither middleware looks at the request: their headers are recorded once.
  const fixed = options.corsOrigins === undefined && options.liveHeaders !== true ? recordHeaders(middlewares) : undefined;

  /** The static files or the engine. `fixed`: the recorded headers, when they are not on `res` already. */
  function answer(req: IncomingMessage, res: ServerResponse, fixed: FlatHeaders | undefined, onAnswer: (operationId: string | undefined) => void): void {
    const toEngine = (headers: FlatHeaders | undefined) => void adapter(req, res, headers, onAnswer).catch((error: unknown) => answerFailure(error, req, res, headers));
    if (isEngineRequest(req)) return toEngine(fixed);
    for (let i = 0; fixed !== undefined && i < fixed.length; i += 2) res.setHeader(fixed[i]!, fixed[i + 1]!);
    // Express's router passes on with undefined, or null after a `next("route")`: both mean "not served here".
    files(req, res, (error?: unknown) => (error === undefined || error === null ? toEngine(undefined) : answerFailure(error, req, res, undefined)));
  }

  return (req, res) => {
    let operationId: string | undefined;
    // Listening from the start, so a failed request is logged too.
    if (logging) logWhenFinished(logger, req, res, () => operationId);
    const onAnswer = (id: string | undefined) => (operationId = id);
    if (fixed !== undefined && req.method !== "OPTIONS") return answer(req, res, fixed, onAnswer);
    // CORS ends a preflight itself; anything else goes on with the headers set on `res`.
    runMiddlewares(middlewares, req, res, (error) => (error === undefined ? answer(req, res, undefined, onAnswer) : answerFailure(error, req, res, undefined)));
  };
}
