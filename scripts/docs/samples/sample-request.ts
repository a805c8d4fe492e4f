// One request as a code sample shows it: the values the docs panel holds for an operation.
import type { OperationId } from "../../../src/spec/operations.js";

export type QueryValue = string | number | boolean;

export interface SampleRequest {
  operationId: OperationId;
  /** The origin of the API, without `/api/v1`: `http://localhost:4010`. */
  baseUrl: string;
  apiKey: string;
  /** A value for each path parameter, by name. */
  path: Record<string, string>;
  /** The query parameters to send (a parameter left out is not sent). */
  query: Record<string, QueryValue>;
  /** The JSON body, parsed; undefined when the request sends none. */
  body?: unknown;
}

export type SampleLanguage = "curl" | "javascript" | "typescript" | "python";

export interface CodeSample {
  language: SampleLanguage;
  /** What a tab shows: `curl`, `JavaScript (fetch)`, ... */
  label: string;
  code: string;
}
