// Every error the mock answers, each kind written once (as Fastify keeps one catalogue of errors): its status,
// the message a person can act on, its extra headers, and which operations may answer it. Every stage and
// every host throws `httpError(kind, ...)`; errorResponse turns it into the contract's error shape, whose
// `error` is the status's reason phrase (http-error.ts). error-catalogue.test.ts holds each entry's status
// against the spec: every operation an entry names documents that status, with that reason phrase.
import type { SpecOperation } from "../spec/operations.js";
import { clip, HttpError } from "./http-error.js";

/**
 * Which operations can answer an entry: a test of the operation (of the API's spec or the control spec), or
 * "none" when it is answered before any operation is known (routing, the HTTP parser, the static files), or
 * "undocumented" for the 500s that say the server itself is broken (never part of the contract).
 */
export type Answered = "none" | "undocumented" | ((op: SpecOperation, spec: "api" | "control") => boolean);

export interface CatalogueEntry<A extends unknown[]> {
  status: number;
  message: (...args: A) => string | string[];
  headers?: (...args: A) => Record<string, string>;
  answeredBy: Answered;
}

const entry = <A extends unknown[]>(e: CatalogueEntry<A>): CatalogueEntry<A> => e;

export const STORE_UNAVAILABLE_MESSAGE = "The data store is unavailable; try again shortly";
const MALFORMED_REQUEST = "The request could not be understood (malformed URL or header)";

// Which operations: read from the operation as the spec gives it.
const api = (_op: SpecOperation, spec: "api" | "control") => spec === "api";
const withParameters = (op: SpecOperation) => op.parameters.length > 0;
const withBody = (op: SpecOperation) => op.requestBody !== undefined;
const withPathParameter = (name: string) => (op: SpecOperation) => op.parameters.some((p) => p.in === "path" && p.name === name);
const withSecurity = (op: SpecOperation) => op.apiKeyHeader !== undefined;
// Control operations are typed by the API's operationIds (operations.ts), so the comparison is on a string.
const operation = (operationId: string) => (op: SpecOperation) => (op.operationId as string) === operationId;

export const ERRORS = {
  // Routing: before an operation is known.
  routeNotFound: entry({ status: 404, answeredBy: "none", message: (method: string, path: string) => `Cannot ${clip(method, 20)} ${clip(path)}` }),
  methodNotAllowed: entry({
    status: 405,
    answeredBy: "none",
    message: (method: string, allow: string) => `Method ${clip(method, 20)} is not allowed here; allowed: ${allow}`,
    headers: (_method: string, allow: string) => ({ Allow: allow }),
  }),
  malformedRequest: entry({ status: 400, answeredBy: "none", message: () => MALFORMED_REQUEST }),

  // What Node's HTTP parser refuses before any handler runs (hosts/node/client-error.ts).
  unknownMethod: entry({ status: 400, answeredBy: "none", message: () => "Unknown HTTP method" }),
  invalidContentLength: entry({ status: 400, answeredBy: "none", message: () => "Invalid Content-Length header" }),
  conflictingFraming: entry({ status: 400, answeredBy: "none", message: () => "Conflicting Content-Length or Transfer-Encoding headers" }),
  invalidChunkedEncoding: entry({ status: 400, answeredBy: "none", message: () => "Invalid chunked transfer encoding" }),
  invalidTransferEncoding: entry({ status: 400, answeredBy: "none", message: () => "Invalid Transfer-Encoding header" }),
  headersTooLarge: entry({ status: 431, answeredBy: "none", message: () => "Request headers are too large" }),
  requestTimeout: entry({ status: 408, answeredBy: "none", message: () => "The request was not completely sent in time" }),
  malformedHttp: entry({ status: 400, answeredBy: "none", message: () => "Malformed HTTP request" }),

  // The server host's static files.
  docsNotBuilt: entry({ status: 404, answeredBy: "none", message: () => "The API docs are not built yet: run `npm run docs`" }),
  noSuchDocsFile: entry({ status: 404, answeredBy: "none", message: (path: string) => `No such file in the API docs: ${path}` }),

  // Prefer (API operations only).
  preferCodeInvalid: entry({ status: 400, answeredBy: api, message: (value: string) => `Prefer: code must be an HTTP status, got ${JSON.stringify(value.slice(0, 20))}` }),
  preferDelayInvalid: entry({ status: 400, answeredBy: api, message: (maxMs: number) => `Prefer: delay must be a whole number of milliseconds from 0 to ${maxMs}` }),
  preferUndocumented: entry({
    status: 400,
    answeredBy: api,
    message: (operationId: string, documented: string) => `Prefer asks for a response that ${operationId} does not document. Documented: ${documented}`,
  }),

  // Who is calling. The key itself and the control token never appear in a message.
  missingApiKey: entry({ status: 401, answeredBy: api, message: (header: string) => `Missing API key: send it in the ${header} header` }),
  unknownApiKey: entry({ status: 401, answeredBy: api, message: () => "Unknown API key" }),
  otherAccount: entry({
    status: 403,
    answeredBy: (op, spec) => spec === "api" && withPathParameter("accountId")(op),
    message: (accountId: string) => `This API key does not grant access to account ${accountId}`,
  }),
  controlTokenRequired: entry({
    status: 401,
    answeredBy: (op, spec) => spec === "control" && withSecurity(op),
    message: (header: string) => `This control endpoint needs the ${header} header`,
  }),

  // Parameters and bodies: every problem, one item each.
  invalidParameters: entry({ status: 400, answeredBy: withParameters, message: (problems: string[]) => problems }),
  bodyRequired: entry({ status: 400, answeredBy: withBody, message: () => "A JSON request body is required" }),
  notJson: entry({
    status: 415,
    answeredBy: withBody,
    message: (type: string | undefined) => `Content-Type must be application/json, got ${type ? JSON.stringify(type.slice(0, 100)) : "none"}`,
  }),
  notUtf8Charset: entry({ status: 415, answeredBy: withBody, message: () => "Request body must be JSON encoded as UTF-8" }),
  compressedBody: entry({
    status: 415,
    answeredBy: withBody,
    message: (encoding: string) => `Content-Encoding ${JSON.stringify(encoding.slice(0, 40))} is not supported: send the body uncompressed`,
  }),
  /** The connection closes, since the rest of the body is not read (the server host lingers first). */
  bodyTooLarge: entry({
    status: 413,
    answeredBy: withBody,
    message: (limitBytes: number | undefined) => `Request body is larger than the limit of ${limitBytes ?? "the"} bytes`,
    headers: () => ({ Connection: "close" }),
  }),
  bodyLengthMismatch: entry({ status: 400, answeredBy: withBody, message: () => "Request body length does not match its Content-Length" }),
  bodyAborted: entry({ status: 400, answeredBy: withBody, message: () => "Request body was not completely sent" }),
  bodyNotUtf8: entry({ status: 400, answeredBy: withBody, message: () => "Request body is not valid UTF-8" }),
  bodyNotJson: entry({ status: 400, answeredBy: withBody, message: (reason: string) => `Request body is not valid JSON: ${clip(reason, 200)}` }),
  invalidBody: entry({ status: 400, answeredBy: withBody, message: (problems: string[]) => problems }),

  // The operations' own outcomes.
  domainNotFound: entry({ status: 404, answeredBy: (op, spec) => spec === "api" && withPathParameter("id")(op), message: (id: string) => `Email domain ${id} not found` }),
  duplicateDomain: entry({ status: 409, answeredBy: operation("createEmailDomain"), message: (name: string) => `Email domain ${name} already exists in this account` }),
  controlDomainNotFound: entry({
    status: 404,
    answeredBy: (op, spec) => spec === "control" && withPathParameter("id")(op),
    message: (id: string, accountId: string) => `Email domain ${id} not found in account ${accountId}`,
  }),
  invalidSeed: entry({ status: 400, answeredBy: operation("loadMockSeed"), message: (problems: string[]) => problems }),

  /** With when to try again; the cause (a Redis address) stays in the log. Switching faults never reads the store. */
  storeUnavailable: entry({
    status: 503,
    answeredBy: (op) => !operation("setMockFaults")(op),
    message: () => STORE_UNAVAILABLE_MESSAGE,
    headers: () => ({ "Retry-After": "1" }),
  }),

  // The server is broken: said loudly, with nothing internal (stack, file path, exception text).
  internalError: entry({ status: 500, answeredBy: "undocumented", message: () => "Internal server error" }),
  contractViolation: entry({ status: 500, answeredBy: "undocumented", message: (what: string) => what }),
};

export type ErrorKind = keyof typeof ERRORS;
type ArgsOf<K extends ErrorKind> = Parameters<(typeof ERRORS)[K]["message"]>;
/** The kinds whose message takes nothing. */
export type PlainErrorKind = { [K in ErrorKind]: ArgsOf<K> extends [] ? K : never }[ErrorKind];

/** The error of this kind, to throw: errorResponse (error-response.ts) answers it. */
export function httpError<K extends ErrorKind>(kind: K, ...args: ArgsOf<K>): HttpError {
  const e = ERRORS[kind] as CatalogueEntry<ArgsOf<K>>;
  return new HttpError(e.status, e.message(...args), e.headers?.(...args));
}
