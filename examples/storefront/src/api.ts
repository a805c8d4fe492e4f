// The storefront's two ways to the email-domain API: the kit's typed client, and openapi-fetch typed with the
// kit's generated `paths` (for the screens that want the raw response and its status).
import createClient from "openapi-fetch";
import { createEmailDomainsClient, type paths } from "@vortex/email-domains-contract-kit/client";

const baseUrl = "http://127.0.0.1:4010";
const apiKey = "demo-key-account-a";

export const domains = createEmailDomainsClient({ baseUrl, apiKey });
export const http = createClient<paths>({ baseUrl, headers: { "x-api-key": apiKey } });
