// The curl command of a sample request: method (when not GET), URL, the key header, and the JSON body.
import type { SpecOperation } from "../../../src/spec/operations.js";
import { sampleHeaders } from "./operation-facts.js";
import { shellQuote } from "./literals.js";
import { requestUrl } from "./request-url.js";
import type { SampleRequest } from "./sample-request.js";

export function curlSample(operation: SpecOperation, request: SampleRequest): string {
  const hasBody = request.body !== undefined;
  const lines = [`curl${operation.method === "get" ? "" : ` -X ${operation.method.toUpperCase()}`} ${shellQuote(requestUrl(operation, request))}`];
  for (const [name, value] of sampleHeaders(operation, request.apiKey, hasBody)) lines.push(`  -H ${shellQuote(`${name}: ${value}`)}`);
  if (hasBody) lines.push(`  --data ${shellQuote(JSON.stringify(request.body))}`);
  return lines.join(" \\\n") + "\n";
}
