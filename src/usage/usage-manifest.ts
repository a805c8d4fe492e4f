// The usage manifest that `email-domains-usage` writes in a consumer's project and the breaking-change gate
// reads (`npm run check:breaking -- --usage FILE...`). Its JSON Schema is usage-manifest.schema.json beside
// this file; the two are kept in step by a test that validates written manifests with Ajv.

/** Where in the consumer's code: a path relative to the consumer's project root (forward slashes), 1-based line. */
export interface SourceLocation {
  file: string;
  line: number;
}

/** Where a request property sits: the JSON body, or a parameter. */
export type RequestPlace = "body" | "query" | "path" | "header" | "cookie";

/** A request property the call sends. `field` is a dot path inside the body (`""` = the whole body). */
export interface SentField extends SourceLocation {
  in: RequestPlace;
  field: string;
  /** The value was built where it cannot be followed (a variable, a spread): counted as sending every property under `field`. */
  every?: true;
  how?: string;
}

/** A status the code tells apart from the others (`err.statusCode === 409`, `response.status === 404`). */
export interface StatusUse extends SourceLocation {
  status: number;
}

/**
 * A response property the code reads. `of` says which body: the documented success body (`data`) or an
 * error body (`error`). `field` is a dot path, array items transparent (`dkimStatus` for `list[0].dkimStatus`);
 * `""` is the body itself.
 */
export interface ReadField extends SourceLocation {
  of: "data" | "error";
  field: string;
  /** The value escapes (spread, serialised, passed to code outside the project): every property under `field` counts as read. */
  every?: true;
  /** Why `every` (e.g. `spread`, `passed to JSON.stringify`). */
  how?: string;
}

export interface CallUsage extends SourceLocation {
  operationId: string;
  method: string;
  path: string;
  via: "typed-client" | "openapi-fetch";
  /** The callee as written, e.g. `client.create` or `api.GET`. */
  callee: string;
  sends: SentField[];
  statuses: StatusUse[];
  reads: ReadField[];
}

export interface UsageManifest {
  manifestVersion: 1;
  consumer: { name: string; version: string };
  /** The kit (and so the API version, `info.version` of its spec) the consumer compiled against. */
  kit: { name: string; version: string; apiVersion: string };
  calls: CallUsage[];
}

export const MANIFEST_VERSION = 1;
export const DEFAULT_MANIFEST_FILE = "email-domains-usage.json";
