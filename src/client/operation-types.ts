// The typed client's view of one operation, derived from the generated `operations` only: what a call
// takes (path parameters, query, JSON body) and what it resolves to (the documented success body).
import type { operations } from "../generated/openapi.js";

export type OperationId = keyof operations;

type Parameters<K extends OperationId> = operations[K]["parameters"];
type PathOf<K extends OperationId> = NonNullable<Parameters<K>["path"]>;
type QueryOf<K extends OperationId> = NonNullable<Parameters<K>["query"]>;
type BodyOf<K extends OperationId> = operations[K] extends { requestBody: { content: { "application/json": infer B } } } ? B : never;

/** `{ path, query?, body }`, each only where the operation documents it. */
export type OperationInput<K extends OperationId> = ([PathOf<K>] extends [never] ? unknown : { path: PathOf<K> }) &
  ([QueryOf<K>] extends [never] ? unknown : { query?: QueryOf<K> }) &
  ([BodyOf<K>] extends [never] ? unknown : { body: BodyOf<K> });

type Responses<K extends OperationId> = operations[K]["responses"];
type SuccessStatus<K extends OperationId> = Extract<keyof Responses<K>, 200 | 201 | 202 | 204>;
type JsonOf<R> = R extends { content: { "application/json": infer B } } ? B : void;

/** The data of the documented success response (void for 204). */
export type OperationResult<K extends OperationId> = JsonOf<Responses<K>[SuccessStatus<K>]>;

/** Per-call extras: cancel with `signal`; send extra headers, e.g. the mock's `prefer: code=409`. */
export interface CallOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

/** One method per operationId: an operation of the spec without one does not compile. */
export type OperationMethods = {
  [K in OperationId]: (input: OperationInput<K>, options?: CallOptions) => Promise<OperationResult<K>>;
};
