// The same request with Python's requests library.
import type { SpecOperation } from "../../../src/spec/operations.js";
import { pythonLiteral } from "./literals.js";
import { sampleHeaders, successHasBody } from "./operation-facts.js";
import { filledPath } from "./request-url.js";
import type { SampleRequest } from "./sample-request.js";

export function pythonSample(operation: SpecOperation, request: SampleRequest): string {
  const hasBody = request.body !== undefined;
  // requests sets content-type itself for json=; only the key header is written out.
  const headers = Object.fromEntries(sampleHeaders(operation, request.apiKey, false));
  const url = `${request.baseUrl.replace(/\/+$/, "")}${filledPath(operation, request.path)}`;
  const args = [
    `    ${JSON.stringify(url)},`,
    `    headers=${pythonLiteral(headers, "    ")},`,
    ...(Object.keys(request.query).length ? [`    params=${pythonLiteral(request.query, "    ")},`] : []),
    ...(hasBody ? [`    json=${pythonLiteral(request.body, "    ")},`] : []),
    `    timeout=10,`,
  ];
  const show = successHasBody(operation)
    ? `print(response.status_code, response.json() if response.ok else response.text)`
    : `print(response.status_code, "" if response.ok else response.text)`;
  return ["import requests", "", `response = requests.${operation.method}(`, ...args, ")", show, ""].join("\n");
}
