// The package's main entry: the contract's TypeScript types, generated from the OpenAPI document.
// `import type { EmailDomain } from "@vortex/email-domains-contract-kit"`; the client is under "/client".
export type { paths, operations, components } from "./generated/openapi.js";
export type * from "./api-types.js";
