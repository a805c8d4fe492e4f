// Hostile requests for every operation the spec documents, as raw HTTP/1.1 bytes (and, where a Fetch Request
// can say the same, as one). Each case names the statuses it may get, read from the operation's documented
// responses: a body operation gets broken JSON, bodies its schema refuses, wrong content types and bodies over
// its `x-max-body-bytes`; a path parameter gets ids that are not one; a secured operation gets missing, broken
// and foreign keys; a path gets the methods it does not document. An operation the spec gains gets its cases
// with no edit here; one that lacks a response a case needs (a body operation with no 415) fails the file,
// naming what is missing.
import type { OpenAPIV3_1 } from "openapi-types";
import { specRequest } from "../contract-tests/support/spec-requests.js";
import { apiSpec } from "../src/generated/embedded.js";
import { listOperations, resolve, successStatus, type SpecOperation } from "../src/spec/operations.js";
import { createSchemaValidators } from "../src/spec/schema-validator.js";

export interface HostileCase {
  name: string;
  send: Buffer;
  allowed: number[];
  halfClose?: boolean;
  /** For a method a path does not document: the methods its 405's Allow header must name. */
  allow?: string[];
}

export interface HostileWorld {
  own: { accountId: string; apiKey: string };
  other: { accountId: string; apiKey: string };
  /** A domain of `own` (the requests name it), and one of `other`. */
  ownDomainId: string;
  otherDomainId: string;
}

// Outside any operation (info.description): framing the HTTP server cannot read is a 400; an unknown path a
// 404, an undocumented method a 405.
export const FRAMING = [400];
export const ROUTE = [404, 405];
const JSON_TYPE = "content-type: application/json";

export const operations = listOperations(apiSpec);
const validators = createSchemaValidators(apiSpec);

/** What a case sends, before it became bytes: the in-process hosts get the same request as a Fetch Request. */
const partsOf = new WeakMap<Buffer, { method: string; path: string; headers: string[]; payload: Buffer | undefined }>();

/** A request as bytes, with Host and Connection: close; Content-Length is added unless a header sets framing. */
export function request(method: string, path: string, headers: string[], body?: string | Buffer): Buffer {
  const payload = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  const framing = headers.some((h) => /^(content-length|transfer-encoding):/i.test(h));
  const lines = [`${method} ${path} HTTP/1.1`, "host: 127.0.0.1", "connection: close", ...headers];
  if (payload && !framing) lines.push(`content-length: ${payload.length}`);
  const bytes = Buffer.concat([Buffer.from(`${lines.join("\r\n")}\r\n\r\n`, "latin1"), payload ?? Buffer.alloc(0)]);
  if (!framing) partsOf.set(bytes, { method, path, headers, payload });
  return bytes;
}

/** The case as a Fetch Request, or undefined when fetch cannot express it (framing, methods fetch forbids). */
export function asFetchRequest(send: Buffer): Request | undefined {
  const parts = partsOf.get(send);
  if (!parts || !parts.path.startsWith("/")) return undefined;
  try {
    const headers = new Headers();
    for (const line of parts.headers) {
      const at = line.indexOf(":");
      headers.append(line.slice(0, at).trim(), line.slice(at + 1).trim());
    }
    const init = { method: parts.method, headers, ...(parts.payload ? { body: new Uint8Array(parts.payload) } : {}) };
    const fetchRequest = new Request(`http://email-domains.mock.invalid${parts.path}`, init);
    // Fetch upper-cases the standard methods ("get" becomes "GET"): then it is no longer the same case.
    return fetchRequest.method === parts.method ? fetchRequest : undefined;
  } catch {
    return undefined;
  }
}

/** The statuses of `wanted` that the operation documents; none is a gap in the spec, and fails the file. */
export function documented(op: SpecOperation, wanted: number[], what: string): number[] {
  const found = wanted.filter((status) => op.responses[String(status)] !== undefined);
  if (found.length === 0) throw new Error(`${op.operationId} documents none of ${wanted.join(", ")}, which ${what} needs`);
  return found;
}

const big = (n: number) => "x".repeat(n);
const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
const nestedObject = (depth: number) => '{"":'.repeat(depth) + "1" + "}".repeat(depth);
/** JSON text with one more property before the closing brace of an object's text. */
const plus = (objectText: string, member: string) => (objectText === "{}" ? `{${member}}` : `${objectText.slice(0, -1)},${member}}`);

/** Strings the hostname rule, a length limit or a pattern should refuse; each is tried on every string property. */
export const HOSTILE_STRINGS: Array<[string, string]> = [
  ["Cyrillic homoglyph", "exаmple.com"],
  ["Greek homoglyph", "αpple.com"],
  ["full-width letters", "ｅｘａｍｐｌｅ.com"],
  ["zero-width joiner", "exa\u200dmple.com"],
  ["right-to-left override", "\u202eexample.com"],
  ["NUL inside", "exa\u0000mple.com"],
  ["newline at the end", "example.com\n"],
  ["single label", "localhost"],
  ["single label TLD", "com"],
  ["trailing dot", "example.com."],
  ["leading hyphen", "-bad.example.com"],
  ["empty label", "a..example.com"],
  ["64-character label", `${big(64)}.example.com`],
  ["254 characters", `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(59)}.com`],
  ["space inside", "exa mple.com"],
  ["IP address with port", "127.0.0.1:80"],
  ["URL", "https://example.com/"],
  ["email address", "user@example.com"],
  ["empty", ""],
  ["wildcard", "*.example.com"],
  ["underscore", "_dmarc.example.com"],
  ["100,000 characters", `${big(99_980)}.example.com`],
  ["100,000 labels", "a.".repeat(49_000) + "com"],
];

/** Values of the wrong kind for any property; each becomes a case where the property's schema refuses it. */
const HOSTILE_VALUES: Array<[string, unknown]> = [
  ["a number", 42],
  ["true", true],
  ["an object", {}],
  ["an array", ["x"]],
  ['{"$gt": ""}', { $gt: "" }],
  ['{"$ne": null}', { $ne: null }],
  ["nested 20,000 deep", undefined], // sent as text: JSON.stringify cannot nest that deep
];

/** Ids that are not a domain's (or account's): traversal, injection, encodings, length. */
function hostileIds(valid: string, otherAccountId: string): Array<[string, string]> {
  return [
    ["../", "..%2F..%2F..%2Fetc%2Fpasswd"],
    ["dot-dot segment", ".."],
    ["../ to the other account", `..%2F${otherAccountId}`],
    ["%00", "%00"],
    ["uuid then %00", `${valid}%00`],
    ["uuid then SQL", `${valid}'%20OR%20'1'='1`],
    ["SQL injection", "1%20OR%201=1;%20DROP%20TABLE%20domains"],
    ["NoSQL operator", "%7B%22%24gt%22%3A%22%22%7D"],
    ["upper-case uuid", valid.toUpperCase()],
    ["invalid percent-encoding", "%E0%A4%A"],
    ["encoded newline (header injection)", "x%0D%0ASet-Cookie:%20a=b"],
    ["a 20 kB id", big(20_000)],
  ];
}

/** Query values an integer parameter refuses ([name, raw query with NAME for the parameter]). */
const HOSTILE_INTEGER_QUERIES: Array<[string, string]> = [
  ["twice", "NAME=0&NAME=1"],
  ["fractional", "NAME=1.5"],
  ["huge", "NAME=99999999999999999999999"],
  ["negative", "NAME=-1"],
  ["empty", "NAME="],
  ["NaN", "NAME=NaN"],
  ["Infinity", "NAME=Infinity"],
  ["text", "NAME=abc"],
  ["in hex", "NAME=0x10"],
  ["in exponent form", "NAME=1e3"],
  ["with spaces", "NAME=%205"],
  ["20 kB", `NAME=${"9".repeat(20_000)}`],
];
/** Array forms a server may read as the first value or refuse. */
const ARRAY_QUERIES: Array<[string, string]> = [
  ["as an array", "NAME[]=1&NAME[]=2"],
  ["as an indexed array", "NAME[0]=1"],
];

/** Methods tried on every path, besides those it documents (fetch refuses some: those run on the server only). */
const PROBED_METHODS = ["GET", "PUT", "POST", "PATCH", "DELETE", "TRACE", "PROPFIND", "MKCOL", "LINK", "PURGE", "SEARCH"];

interface Target {
  op: SpecOperation;
  path: string;
  key: string[];
  body: unknown;
}

function targetOf(op: SpecOperation, world: HostileWorld): Target {
  const sent = specRequest(op, { accountId: world.own.accountId, id: world.ownDomainId });
  return { op, path: sent.path, key: op.apiKeyHeader ? [`${op.apiKeyHeader}: ${world.own.apiKey}`] : [], body: sent.body };
}

/** The JSON body schema of an operation, resolved at the top, with a validator; undefined without one. */
function bodySchema(op: SpecOperation): { schema: OpenAPIV3_1.SchemaObject; refuses: (value: unknown) => boolean } | undefined {
  const raw = op.requestBody?.content["application/json"]?.schema;
  if (!raw) return undefined;
  const validate = validators.compile(raw);
  return { schema: resolve<OpenAPIV3_1.SchemaObject>(apiSpec, raw), refuses: (value) => !validate(value) };
}

/** Broken JSON, refused bodies, content types, sizes and framing, for an operation that takes a JSON body. */
function bodyCases(t: Target): HostileCase[] {
  const { op } = t;
  const body = bodySchema(op);
  if (!body) return [];
  if (t.body === undefined || typeof t.body !== "object" || t.body === null || Array.isArray(t.body)) throw new Error(`${op.operationId} needs an example of its JSON object body`);
  const limit = op.maxBodyBytes;
  if (limit === undefined) throw new Error(`${op.operationId} takes a body but documents no 413 with x-max-body-bytes`);
  const example = t.body as Record<string, unknown>;
  const text = JSON.stringify(example);
  const headers = [...t.key, JSON_TYPE];
  const send = (payload: string | Buffer, h = headers) => request(op.method.toUpperCase(), t.path, h, payload);
  const bad = documented(op, [400], "a body that is not the documented JSON");
  const name = (what: string) => `${op.operationId}: ${what}`;
  const properties = Object.keys(body.schema.properties ?? {});
  // A property the example gives a string: where bytes inside a string and over-long strings go.
  const stringKey = Object.keys(example).find((k) => typeof example[k] === "string") ?? properties[0] ?? "x";
  const withBytes = (bytes: number[]) => {
    const [before, after] = JSON.stringify({ ...example, [stringKey]: "\u0001" }).split("\\u0001") as [string, string];
    return Buffer.concat([Buffer.from(before), Buffer.from(bytes), Buffer.from(after)]);
  };
  const refused = (label: string, value: unknown, payload: string = JSON.stringify(value)) => (body.refuses(value) ? [{ name: name(label), send: send(payload), allowed: bad }] : []);
  const wrongType = documented(op, [415], "a body of another media type");
  const tooLarge = documented(op, [413], "a body over its limit");
  const notJson = (label: string, type: string | undefined, payload: string | Buffer, allowed = wrongType) =>
    type !== undefined && op.requestBody?.content[type] !== undefined ? [] : [{ name: name(label), send: send(payload, [...t.key, ...(type === undefined ? [] : [`content-type: ${type}`])]), allowed }];

  return [
    // Broken JSON
    { name: name("malformed JSON"), send: send(`${text.slice(0, -1)},, }`), allowed: bad },
    { name: name("truncated JSON"), send: send(text.slice(0, text.length - 3)), allowed: bad },
    { name: name("trailing comma in an object"), send: send(`${text.slice(0, -1)},}`), allowed: bad },
    { name: name("single quotes"), send: send(text.replace(/"/g, "'")), allowed: bad },
    { name: name("comment in JSON"), send: send(`${text.slice(0, -1)} /* hi */}`), allowed: bad },
    { name: name("NaN literal"), send: send(`{"${stringKey}":NaN}`), allowed: bad },
    { name: name("two JSON documents"), send: send(text + text), allowed: bad },
    { name: name("empty body with a JSON type"), send: send(""), allowed: bad },
    { name: name("whitespace-only body"), send: send("   \n "), allowed: bad },
    // RFC 8259 lets a parser skip a byte-order mark: read or not, the unknown property keeps it from being stored.
    { name: name("byte-order mark then JSON"), send: send(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(plus(text, '"unknownProperty":1'))])), allowed: bad },
    // Invalid UTF-8 inside a string the schema would otherwise take
    { name: name(`invalid UTF-8 bytes in ${stringKey}`), send: send(withBytes([0xff, 0xfe, 0xc3])), allowed: bad },
    { name: name(`UTF-8-encoded lone surrogate in ${stringKey}`), send: send(withBytes([0xed, 0xa0, 0x80])), allowed: bad },
    { name: name(`overlong UTF-8 encoding of '/' in ${stringKey}`), send: send(withBytes([0xc0, 0xaf])), allowed: bad },
    ...notJson("latin-1 charset declared", "application/json; charset=latin1", text),
    ...notJson("UTF-16 charset declared", "application/json; charset=utf-16", Buffer.from(text, "utf16le")),
    // Bodies of the wrong JSON type, where the schema refuses them
    ...["null", '"a string"', "42", "-0.5e400", "true", "[]", `[${text}]`, "{}"].flatMap((payload) => refused(`body ${payload.slice(0, 40)}`, JSON.parse(payload), payload)),
    // Content types the operation does not take
    ...notJson("text/plain", "text/plain", text),
    ...notJson("no content type", undefined, text),
    ...notJson("form-encoded", "application/x-www-form-urlencoded", `${stringKey}=x`),
    ...notJson("multipart", "multipart/form-data; boundary=b", `--b\r\ncontent-disposition: form-data; name="${stringKey}"\r\n\r\nx\r\n--b--`),
    ...notJson("XML", "application/xml", `<${stringKey}>x</${stringKey}>`),
    ...notJson("garbage content type", ";;;===//", text, [...wrongType, ...bad]),
    { name: name("gzip content-encoding with a plain body"), send: send(text, [...headers, "content-encoding: gzip"]), allowed: [...bad, ...wrongType] },
    { name: name("unknown content-encoding"), send: send(text, [...headers, "content-encoding: snappy"]), allowed: wrongType },
    // Size and depth (the limit is the spec's)
    { name: name(`body over its ${limit}-byte limit`), send: send(JSON.stringify({ ...example, [stringKey]: big(limit) })), allowed: tooLarge },
    { name: name(`body twice its ${limit}-byte limit`), send: send(JSON.stringify({ ...example, [stringKey]: big(2 * limit) })), allowed: tooLarge },
    { name: name("Content-Length of 10 GB announced, little sent"), send: send(text, [...headers, "content-length: 10000000000"]), allowed: tooLarge },
    { name: name("array nested 20,000 deep"), send: send(nested(20_000)), allowed: bad },
    { name: name("object nested 20,000 deep"), send: send(nestedObject(20_000)), allowed: bad },
    { name: name("a 100,000-character key"), send: send(plus(text, `"${big(100_000)}":1`)), allowed: bad },
    // Unknown properties, prototype pollution and operator injection
    ...refused("an unknown property", { ...example, unknownProperty: 1 }),
    ...refused("a read-only field of the answer (isDefault)", { ...example, isDefault: true }),
    ...refused("__proto__ key beside the body", JSON.parse(plus(text, '"__proto__":{"polluted":"yes","isDefault":true}')), plus(text, '"__proto__":{"polluted":"yes","isDefault":true}')),
    ...refused("__proto__ key holding the body", JSON.parse(`{"__proto__":${plus(text, '"polluted":"yes"')}}`), `{"__proto__":${plus(text, '"polluted":"yes"')}}`),
    ...refused("constructor.prototype keys", { ...example, constructor: { prototype: { polluted: "yes" } } }),
    ...refused(`__proto__ in ${stringKey}'s value`, JSON.parse(`{"${stringKey}":{"__proto__":{"polluted":"yes"}}}`), `{"${stringKey}":{"__proto__":{"polluted":"yes"}}}`),
    ...refused("$where key", { ...example, $where: "sleep(1000)" }),
    // Every property: values of the wrong kind, and strings its rule refuses
    ...properties.flatMap((p) => [
      ...HOSTILE_VALUES.flatMap(([label, value]) =>
        value === undefined
          ? [{ name: name(`${p} ${label}`), send: send(`{"${p}":${nested(20_000)}}`), allowed: bad }]
          : refused(`${p}: ${label}`, { ...example, [p]: value }),
      ),
      ...HOSTILE_STRINGS.flatMap(([label, value]) => refused(`${p}: ${label}`, { ...example, [p]: value })),
    ]),
    // The mock's Prefer header picks the documented example answer: nothing is stored
    { name: name("SQL text in a string, with Prefer: code=400"), send: send(JSON.stringify({ ...example, [stringKey]: "x'); DROP TABLE domains; --" }), [...headers, "prefer: code=400"]), allowed: bad },
    // Framing the HTTP server cannot read, on this operation's path
    ...framingCases(t, text, headers, tooLarge, wrongType),
  ];
}

function framingCases(t: Target, text: string, headers: string[], tooLarge: number[], wrongType: number[]): HostileCase[] {
  const name = (what: string) => `${t.op.operationId}: ${what}`;
  const send = (payload: string, extra: string[]) => request(t.op.method.toUpperCase(), t.path, [...headers, ...extra], payload);
  const chunk = (payload: string) => `${Buffer.byteLength(payload).toString(16)}\r\n${payload}\r\n`;
  return [
    { name: name("Content-Length not a number"), send: send(text, ["content-length: abc"]), allowed: FRAMING },
    { name: name("negative Content-Length"), send: send(text, ["content-length: -5"]), allowed: FRAMING },
    { name: name("two different Content-Lengths"), send: send(text, ["content-length: 5", `content-length: ${Buffer.byteLength(text)}`]), allowed: FRAMING },
    { name: name("Content-Length shorter than the body"), send: send(text, ["content-length: 10"]), allowed: [400] },
    { name: name("Content-Length longer than the body, then EOF"), send: send(text, [`content-length: ${Buffer.byteLength(text) + 100}`]), allowed: [400], halfClose: true },
    { name: name("Content-Length and chunked together"), send: send(`5\r\n${text.slice(0, 5)}\r\n0\r\n\r\n`, ["content-length: 13", "transfer-encoding: chunked"]), allowed: FRAMING },
    { name: name("chunk size not hex"), send: send(`zz\r\n${text}\r\n0\r\n\r\n`, ["transfer-encoding: chunked"]), allowed: FRAMING },
    { name: name("chunk longer than announced"), send: send(`3\r\n${text}\r\n0\r\n\r\n`, ["transfer-encoding: chunked"]), allowed: FRAMING },
    { name: name("chunked without the last chunk, then EOF"), send: send(chunk(text), ["transfer-encoding: chunked"]), allowed: [400], halfClose: true },
    { name: name("huge chunk size"), send: send("ffffffffffffffffff\r\nx\r\n0\r\n\r\n", ["transfer-encoding: chunked"]), allowed: [...FRAMING, ...tooLarge] },
    { name: name("unknown transfer-encoding"), send: send(text, ["transfer-encoding: gzip"]), allowed: [...FRAMING, ...wrongType] },
  ];
}

/** A request of the operation as the spec describes it, with other headers or another path. */
function sendAs(t: Target, extra: { headers?: string[]; key?: string[]; path?: string } = {}): Buffer {
  const hasBody = t.body !== undefined;
  const headers = [...(extra.key ?? t.key), ...(hasBody ? [JSON_TYPE] : []), ...(extra.headers ?? [])];
  return request(t.op.method.toUpperCase(), extra.path ?? t.path, headers, hasBody ? JSON.stringify(t.body) : undefined);
}

/** Path parameters that are not what they name; a domain of the other account under one's own. */
function pathCases(t: Target, world: HostileWorld): HostileCase[] {
  const { op } = t;
  return op.parameters
    .filter((p) => p.in === "path")
    .flatMap((p) => {
      const values = { accountId: world.own.accountId, id: world.ownDomainId };
      const valid = specRequest(op, values).pathParams[p.name]!;
      // The account's parameter is the key's scope: another value may be a 403; any other parameter names a thing in it.
      const isAccount = valid === world.own.accountId;
      const allowed = documented(op, isAccount ? [400, 403] : [400, 404], `a ${p.name} that is not one`);
      const at = (value: string) => t.path.replace(`/${encodeURIComponent(valid)}`, `/${value}`);
      return [
        // A bare `..` is no value: a URL parser may resolve it, and the path then leaves the spec's (404).
        ...hostileIds(valid, world.other.accountId).map(([label, value]) => ({ name: `${op.operationId}: ${p.name} ${label}`, send: sendAs(t, { path: at(value) }), allowed: value === ".." ? [...allowed, 404] : allowed })),
        ...(isAccount
          ? []
          : [{ name: `${op.operationId}: ${p.name} of the other account's domain, under one's own account`, send: sendAs(t, { path: at(world.otherDomainId) }), allowed: documented(op, [404], "a domain of another account") }]),
      ];
    });
}

/** Query parameters of integer type get values that are not one; safe methods get hostile queries too. */
function queryCases(t: Target): HostileCase[] {
  const { op } = t;
  const safe = op.method === "get";
  const ok = safe ? [successStatus(op)] : [];
  const integers = op.parameters.filter((p) => p.in === "query" && (p.schema as OpenAPIV3_1.SchemaObject | undefined)?.type === "integer");
  const cases = integers.flatMap((p) => [
    ...HOSTILE_INTEGER_QUERIES.map(([label, query]) => ({ label: `${p.name} ${label}`, query: query.replace(/NAME/g, p.name), allowed: documented(op, [400], `a ${p.name} that is not an integer`) })),
    ...(safe ? ARRAY_QUERIES.map(([label, query]) => ({ label: `${p.name} ${label}`, query: query.replace(/NAME/g, p.name), allowed: [...ok, 400] })) : []),
  ]);
  if (safe) {
    cases.push({ label: "__proto__ in the query", query: "__proto__[polluted]=yes&constructor[prototype][polluted]=yes&__proto__=x", allowed: [...ok, 400] });
    cases.push({ label: "20 kB URL query", query: `q=${big(20_000)}`, allowed: [...ok, 400] });
  }
  return cases.map((c) => ({ name: `${op.operationId}: ${c.label}`, send: sendAs(t, { path: `${t.path}?${c.query}` }), allowed: c.allowed }));
}

/** Keys: missing, empty, huge, repeated, with bytes a header may not hold, and another account's. */
function keyCases(t: Target, world: HostileWorld): HostileCase[] {
  const { op } = t;
  const header = op.apiKeyHeader;
  if (header === undefined) return [];
  const unauthorized = documented(op, [401], "a missing or unknown key");
  const name = (what: string) => `${op.operationId}: ${what}`;
  const own = `${header}: ${world.own.apiKey}`;
  const latin1 = Buffer.concat([
    Buffer.from(`${op.method.toUpperCase()} ${t.path} HTTP/1.1\r\nhost: x\r\nconnection: close\r\n${header}: ${world.own.apiKey}\xe9`, "latin1"),
    Buffer.from("\r\n\r\n"),
  ]);
  return [
    { name: name(`no ${header}`), send: sendAs(t, { key: [] }), allowed: unauthorized },
    { name: name(`empty ${header}`), send: sendAs(t, { key: [`${header}: `] }), allowed: unauthorized },
    { name: name(`unknown ${header}`), send: sendAs(t, { key: [`${header}: not-a-key-of-anyone-0123`] }), allowed: unauthorized },
    { name: name(`10 kB ${header}`), send: sendAs(t, { key: [`${header}: ${big(10_240)}`] }), allowed: unauthorized },
    { name: name(`${header} repeated (same key twice)`), send: sendAs(t, { key: [own, own] }), allowed: unauthorized },
    { name: name(`${header} repeated (two accounts' keys)`), send: sendAs(t, { key: [own, `${header}: ${world.other.apiKey}`] }), allowed: unauthorized },
    { name: name(`${header} with latin-1 bytes`), send: latin1, allowed: unauthorized },
    { name: name("the other account's key"), send: sendAs(t, { key: [`${header}: ${world.other.apiKey}`] }), allowed: documented(op, [403], "a key of another account") },
  ];
}

/** Every path of the spec, with the methods it does not document: 405, naming the documented ones in Allow. */
function methodCases(targets: Target[]): HostileCase[] {
  const paths = new Map<string, Target[]>();
  for (const t of targets) paths.set(t.op.path, [...(paths.get(t.op.path) ?? []), t]);
  return [...paths.values()].flatMap((onPath) => {
    const methods = onPath.map((t) => t.op.method.toUpperCase());
    const t = onPath[0]!;
    return PROBED_METHODS.filter((m) => !methods.includes(m)).map((method) => ({
      name: `${method} on ${t.op.path}`,
      send: request(method, t.path, t.key),
      allowed: [405],
      allow: methods,
    }));
  });
}

/** Requests that reach no operation: paths outside the spec's, odd request lines, headers broken below HTTP. */
function routeCases(targets: Target[]): HostileCase[] {
  const get = targets.find((t) => t.op.method === "get" && t.body === undefined);
  if (!get) throw new Error("the spec documents no GET operation to send the request-line cases to");
  const ok = successStatus(get.op);
  const key = get.key.join("\r\n");
  const prefix = get.path.split("/").slice(0, 3).join("/"); // `/api/v1`
  return [
    { name: "unencoded ../ in the path", send: request("GET", `${get.path}/../../../../etc/passwd`, get.key), allowed: ROUTE },
    { name: "unknown method FOO", send: request("FOO", get.path, get.key), allowed: [...FRAMING, ...ROUTE] },
    { name: "lower-case method", send: request("get", get.path, get.key), allowed: [...FRAMING, ...ROUTE] },
    { name: "20 kB URL path", send: request("GET", `${prefix}/${big(20_000)}`, get.key), allowed: ROUTE },
    { name: "absolute-form URL", send: request("GET", `http://evil.example${get.path}`, get.key), allowed: [ok, 400, 404] },
    // CORS answers any OPTIONS with its preflight 204 (README: CORS).
    { name: "asterisk URL", send: request("OPTIONS", "*", []), allowed: [204, ...FRAMING, ...ROUTE] },
    { name: "header without a colon", send: Buffer.from(`GET ${get.path} HTTP/1.1\r\nhost: x\r\nconnection: close\r\nthis is not a header\r\n\r\n`), allowed: FRAMING },
    { name: "bare LF line endings", send: Buffer.from(`GET ${get.path} HTTP/1.1\nhost: x\nconnection: close\n${key}\n\n`), allowed: [ok, ...FRAMING] },
    { name: "HTTP/1.1 without Host", send: Buffer.from(`GET ${get.path} HTTP/1.1\r\nconnection: close\r\n${key}\r\n\r\n`), allowed: [ok, ...FRAMING] },
    { name: "not HTTP at all", send: Buffer.from("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 TLS hello\r\n\r\n", "latin1"), allowed: FRAMING },
  ];
}

/** Every hostile case of every documented operation, with the requests that reach none. */
export function hostileCases(world: HostileWorld, documentedOperations: readonly SpecOperation[] = operations): HostileCase[] {
  const targets = documentedOperations.map((op) => targetOf(op, world));
  return [
    ...targets.flatMap((t) => [...bodyCases(t), ...pathCases(t, world), ...queryCases(t), ...keyCases(t, world)]),
    ...methodCases(targets),
    ...routeCases(targets),
  ];
}
