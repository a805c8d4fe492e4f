// Records every call the suite's client makes, as sent and as answered, so that a failing test can be turned
// into a reproduction (to-repro.ts). Calls made outside a test (a file's beforeAll) are kept as the file's
// set-up: a test's reproduction starts with them, since its data may come from there.

import type { Repro } from "./format.js";

export interface RecordedCall {
  method: string;
  /** Path and query, as sent. */
  path: string;
  /** The key header's value; undefined when none was sent. */
  apiKey: string | undefined;
  contentType: string | undefined;
  /** The body as sent (text); undefined when none was sent. */
  body: string | undefined;
  status: number;
  /** The answer's content-type header. */
  mediaType: string | undefined;
  answer: string;
}

const setup: RecordedCall[] = [];
let current: RecordedCall[] | undefined;
/** A reproduction a test wrote itself (the concurrent stage's racing script): the text its failure carries. */
export interface WrittenReproduction {
  annotation: string;
}

let supplied: Repro | WrittenReproduction | undefined;

/** A new test file: forget the set-up calls of the one before (files may share this module). */
export function startFile(): void {
  setup.length = 0;
  current = undefined;
}

/** From now on, calls belong to a test. */
export function startTest(): void {
  current = [];
  supplied = undefined;
}

/**
 * A test that knows its minimal reproduction better than its recorded calls (the model stage's shrunk
 * sequence) hands it over before it fails: the report then carries this one.
 */
export function supplyReproduction(repro: Repro | WrittenReproduction): void {
  supplied = repro;
}

/**
 * The calls of the test that just ended, with the file's set-up calls first (none when the test made no call
 * itself: its failure is not about a call); later calls are set-up again.
 */
export function endTest(): { calls: RecordedCall[]; supplied: Repro | WrittenReproduction | undefined } {
  const own = current ?? [];
  const calls = own.length === 0 ? [] : [...setup, ...own];
  const ended = { calls, supplied };
  current = undefined;
  supplied = undefined;
  return ended;
}

/** The calls made outside tests so far (the file's set-up): a failed beforeAll's reproduction. */
export const setUpCalls = (): RecordedCall[] => [...setup];

/** Wraps a fetch so every call through it is recorded (the answer is read from a clone). */
export function recordingFetch(
  fetch: (request: Request, init?: RequestInit) => Promise<Response>,
  apiKeyHeader: string,
): (request: Request, init?: RequestInit) => Promise<Response> {
  return async (request, init) => {
    const into = current ?? setup;
    const body = request.body === null ? undefined : await request.clone().text();
    const url = new URL(request.url);
    const response = await fetch(request, init);
    into.push({
      method: request.method,
      path: url.pathname + url.search,
      apiKey: request.headers.get(apiKeyHeader) ?? undefined,
      contentType: request.headers.get("content-type") ?? undefined,
      body,
      status: response.status,
      mediaType: response.headers.get("content-type") ?? undefined,
      answer: await response.clone().text(),
    });
    return response;
  };
}
