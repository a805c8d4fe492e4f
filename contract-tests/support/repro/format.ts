// The recorded-step format of a reproduction: what a failing test (or a shrunk model-based sequence) did,
// call by call, in a form that names no secret. write-script.ts turns a Repro into a POSIX shell script.
//
// Placeholders, in `path` and in text bodies (and in `expected.contains`/`lacks`), written `{name}`:
//   {accountA}    the account id the suite worked in   (script: $CONTRACT_ACCOUNT_ID)
//   {accountB}    the second account's id               (script: $CONTRACT_OTHER_ACCOUNT_ID)
//   {created:N}   the `id` of the domain step N (1-based) created (its answer's top-level "id")
//   {run}         8 characters unique to one run of the script (so a rerun never collides with an earlier one);
//                 a name keeps its length: the suite's 12-character tokens become {run} and 4 more characters
// A literal `{` that is none of these stays as it is.

/** Which API key a call sent: account A's, account B's, none, or a value that is no account's key. */
export type KeyUse = { who: "A" } | { who: "B" } | { who: "none" } | { who: "wrong"; value: string };

/** A request body as sent. Long runs of one character (the 413 cases) are kept as a count, not inline. */
export type BodyPart = string | { repeat: string; times: number };

export interface ReproCall {
  method: string;
  /** Path and query with placeholders, e.g. `/api/v1/accounts/{accountA}/email-domains/{created:1}`. */
  path: string;
  key: KeyUse;
  /** The body as sent, in order; absent when none was sent. */
  body?: BodyPart[];
  /** The content-type header as sent, if any. */
  contentType?: string;
}

export interface ReproExpectation {
  /** Statuses the contract allows for this call (one, or several where the spec leaves room). */
  status: number[];
  /**
   * Body facts that matter, as compact JSON fragments the answer must contain (`"description":null`) or must
   * not contain (`"id":"{created:1}"`). The script compares them with the answer with its whitespace around
   * `:` and `,` removed.
   */
  contains?: string[];
  lacks?: string[];
  /** The answer's media type (`application/json`), compared without parameters. */
  mediaType?: string;
  /** Top-level properties of a JSON object answer: present, of one of these JSON types (and enum values, if any). */
  shape?: FieldShape[];
  /** The only top-level properties a JSON object answer (or each object of an array answer) may have. */
  onlyFields?: string[];
  /** Facts about one domain of the answer (the object, or the array's element with that id). */
  fields?: FieldFact[];
  /** Ids a list answer must show in this relative order, where it shows them. */
  order?: string[];
  /** The ids of this list answer are exactly those of step `step`'s (the same list, read again, nothing written in between). */
  sameIdsAs?: number;
  /** The ids of this list answer are, in order, those of step `step`'s list from its index `from` on (as far as that one goes). */
  sliceOf?: { step: number; from: number };
  /** Headers: the named header (lower case) lists each of these comma-separated values. */
  headers?: { name: string; lists: string[] }[];
  /** Check the invariants the spec states for every domain of the answer (invariants.ts, restated in sh). */
  invariants?: boolean;
  /** In words, printed by the script: what the rule says of this call. */
  rule?: string;
}

/**
 * One field of one domain of the answer, by the domain's id (a placeholder such as {created:2}, or a literal
 * id): its compact JSON value is `equals`, or it is the same as in step `sameAsStep`'s answer (a rule that
 * the call leaves it as it was; a step that did not show the domain is not compared).
 */
export interface FieldFact {
  id: string;
  field: string;
  equals?: string;
  sameAsStep?: number;
  /** In words, printed when the fact does not hold. */
  why?: string;
}

export type JsonType = "string" | "number" | "boolean" | "null" | "object" | "array";

export interface FieldShape {
  name: string;
  types: JsonType[];
  /** Allowed string values (the schema's enum), when it has one. */
  enum?: string[];
}

export interface ReproAnswer {
  status: number;
  /** The answer's body as received (the script prints at most its first 2,000 characters). */
  body: string;
}

export interface ReproStep {
  call: ReproCall;
  /** What the contract requires; absent for a call made only to set up, whose answer is printed, not judged. */
  expected?: ReproExpectation;
  /** What the server answered when the suite ran (printed beside the rerun's answer). */
  actual?: ReproAnswer;
}

export interface Repro {
  /** The failure, as the report names it (test file and name, or the model stage's property). */
  title: string;
  /** The rule that was broken, in one line (the failure's message). */
  rule: string;
  /** The server it failed against: the script's default BASE_URL. */
  baseUrl: string;
  steps: ReproStep[];
  /**
   * A sequence that deleted the accounts' own domains (--model-delete-existing) starts where it started: each
   * listed account is made to hold exactly these ids (every other domain deleted) before the first step.
   */
  startFrom?: { collection: string; key: KeyUse; ids: string[] }[];
  /** How to replay it in the suite (model-based stage): seed and path, and the CLI flags that do it. */
  replay?: { seed: number; path: string };
}
