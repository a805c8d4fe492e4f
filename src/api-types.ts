// Named aliases of the generated types, so consumers write `EmailDomain` instead of indexing `components`.
// Types only: importing this module costs nothing at run time.
import type { components, operations } from "./generated/openapi.js";

type Schemas = components["schemas"];

export type EmailDomain = Schemas["EmailDomain"];
export type EmailDomainList = Schemas["EmailDomainList"];
export type CreateEmailDomainRequest = Schemas["CreateEmailDomainRequest"];
export type UpdateEmailDomainRequest = Schemas["UpdateEmailDomainRequest"];
/** The body of every error response: `{statusCode, error, message}`. */
export type ErrorBody = Schemas["Error"];
export type TokenVerificationStatus = Schemas["TokenVerificationStatus"];
export type DkimStatus = Schemas["DkimStatus"];
export type DnsCheckStatus = Schemas["DnsCheckStatus"];
export type VerificationError = Schemas["VerificationError"];
export type ListEmailDomainsQuery = NonNullable<operations["listEmailDomains"]["parameters"]["query"]>;
