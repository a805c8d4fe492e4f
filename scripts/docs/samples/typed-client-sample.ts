// The same request through the kit's typed client (@vortex/email-domains-client), whose methods are the
// spec's operationIds and take `{ path, query, body }` as the operation documents them.
import type { SpecOperation } from "../../../src/spec/operations.js";
import { CLIENT_PACKAGE } from "../../package/client-package-name.js";
import { jsLiteral } from "./literals.js";
import { parameterNames, successHasBody } from "./operation-facts.js";
import type { SampleRequest } from "./sample-request.js";

export function typedClientSample(operation: SpecOperation, request: SampleRequest): string {
  const input: Record<string, unknown> = {};
  if (parameterNames(operation, "path").length > 0) input["path"] = request.path;
  if (parameterNames(operation, "query").length > 0 && Object.keys(request.query).length > 0) input["query"] = request.query;
  if (operation.requestBody) input["body"] = request.body ?? {};
  const call = `client.${operation.operationId}(${jsLiteral(input)})`;
  return [
    `import { createEmailDomainsClient } from ${JSON.stringify(CLIENT_PACKAGE)};`,
    "",
    `const client = createEmailDomainsClient({ baseUrl: ${JSON.stringify(request.baseUrl)}, apiKey: ${JSON.stringify(request.apiKey)} });`,
    ...(successHasBody(operation) ? [`const result = await ${call};`, "console.log(result);"] : [`await ${call};`]),
    "",
  ].join("\n");
}
