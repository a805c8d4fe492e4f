// The "<package>/client" entry: the typed client, its error, and the types its methods take and return.
export { createEmailDomainsClient } from "./create-email-domains-client.js";
export type { CallOptions, EmailDomainsClient, EmailDomainsClientOptions } from "./create-email-domains-client.js";
export { EmailDomainsApiError } from "./email-domains-api-error.js";
export type * from "../api-types.js";
