// The same request with the platform's fetch (browser, Node 18+, Deno), as an ES module (top-level await).
import type { SpecOperation } from "../../../src/spec/operations.js";
import { jsLiteral } from "./literals.js";
import { sampleHeaders, successHasBody } from "./operation-facts.js";
import { requestUrl } from "./request-url.js";
import type { SampleRequest } from "./sample-request.js";

export function fetchSample(operation: SpecOperation, request: SampleRequest): string {
  const hasBody = request.body !== undefined;
  const headers = Object.fromEntries(sampleHeaders(operation, request.apiKey, hasBody));
  const init = [
    `  method: ${JSON.stringify(operation.method.toUpperCase())},`,
    `  headers: ${jsLiteral(headers, "  ")},`,
    ...(hasBody ? [`  body: JSON.stringify(${jsLiteral(request.body, "  ")}),`] : []),
  ];
  const show = successHasBody(operation)
    ? `console.log(response.status, response.ok ? await response.json() : await response.text());`
    : `console.log(response.status, response.ok ? "" : await response.text());`;
  return [`const response = await fetch(${JSON.stringify(requestUrl(operation, request))}, {`, ...init, `});`, show, ""].join("\n");
}
