// The same request through the kit's typed client (@vortex/email-domains-client): the path values in the
// order of the path template, then the query (when the operation has query parameters), then the body.
import type { SpecOperation } from "../../../src/spec/operations.js";
import { CLIENT_PACKAGE } from "../../package/client-package-name.js";
import { CLIENT_METHODS } from "./client-methods.js";
import { jsLiteral } from "./literals.js";
import { parameterNames, successHasBody } from "./operation-facts.js";
import type { SampleRequest } from "./sample-request.js";

export function typedClientSample(operation: SpecOperation, request: SampleRequest): string {
  const args = parameterNames(operation, "path").map((name) => {
    const value = request.path[name];
    if (value === undefined) throw new Error(`${operation.operationId}: no value for the path parameter ${name}`);
    return JSON.stringify(value);
  });
  if (parameterNames(operation, "query").length > 0) args.push(jsLiteral(request.query));
  if (operation.requestBody) args.push(jsLiteral(request.body ?? {}));
  const call = `client.${CLIENT_METHODS[operation.operationId]}(${args.join(", ")})`;
  return [
    `import { createEmailDomainsClient } from ${JSON.stringify(CLIENT_PACKAGE)};`,
    "",
    `const client = createEmailDomainsClient({ baseUrl: ${JSON.stringify(request.baseUrl)}, apiKey: ${JSON.stringify(request.apiKey)} });`,
    ...(successHasBody(operation) ? [`const result = await ${call};`, "console.log(result);"] : [`await ${call};`]),
    "",
  ].join("\n");
}
