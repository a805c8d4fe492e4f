// The root of @vortex/email-domains-client (npm run build:client), also the kit's "/client" entry: the typed
// client, its error, and the contract's types (the named ones and the generated `paths` and `components`).
export { createEmailDomainsClient } from "./create-email-domains-client.js";
export type { CallOptions, EmailDomainsClient, EmailDomainsClientOptions, OperationInput, OperationMethods, OperationResult } from "./create-email-domains-client.js";
export { EmailDomainsApiError } from "./email-domains-api-error.js";
export type * from "../api-types.js";
export type { paths, operations, components } from "../generated/openapi.js";
