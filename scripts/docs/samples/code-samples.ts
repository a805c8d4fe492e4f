// Every code sample of one request, in the order the docs show them. Pure and browser-safe: the docs page
// may call it again when the reader edits the example.
import type { SpecOperation } from "../../../src/spec/operations.js";
import { curlSample } from "./curl-sample.js";
import { fetchSample } from "./fetch-sample.js";
import { pythonSample } from "./python-sample.js";
import type { CodeSample, SampleLanguage, SampleRequest } from "./sample-request.js";
import { typedClientSample } from "./typed-client-sample.js";

export type { CodeSample, SampleLanguage, SampleRequest } from "./sample-request.js";

const GENERATORS: Array<{ language: SampleLanguage; label: string; write: (operation: SpecOperation, request: SampleRequest) => string }> = [
  { language: "curl", label: "curl", write: curlSample },
  { language: "javascript", label: "JavaScript (fetch)", write: fetchSample },
  { language: "typescript", label: "TypeScript (typed client)", write: typedClientSample },
  { language: "python", label: "Python (requests)", write: pythonSample },
];

export function codeSamples(operation: SpecOperation, request: SampleRequest): CodeSample[] {
  if (request.operationId !== operation.operationId) throw new Error(`a request of ${request.operationId} given for ${operation.operationId}`);
  return GENERATORS.map(({ language, label, write }) => ({ language, label, code: write(operation, request) }));
}
