// Every example request of every operation with its code samples: what the Markdown pages show and what
// the tests run. Browser-safe.
import type { OpenApiDocument } from "../../../src/spec/load-spec.js";
import { listOperations, type SpecOperation } from "../../../src/spec/operations.js";
import { codeSamples, type CodeSample } from "./code-samples.js";
import { exampleRequests, type NamedRequest } from "./example-requests.js";

export interface OperationSamples {
  operation: SpecOperation;
  example: NamedRequest;
  samples: CodeSample[];
}

export function allSamples(spec: OpenApiDocument, context: { baseUrl: string; apiKey: string }): OperationSamples[] {
  return listOperations(spec).flatMap((operation) =>
    exampleRequests(operation, context).map((example) => ({ operation, example, samples: codeSamples(operation, example.request) })),
  );
}
