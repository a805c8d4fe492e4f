/** The npm name of the typed client package (scripts/package/build-client.ts); browser-safe, for the docs' samples. */
export const CLIENT_PACKAGE = "@vortex/email-domains-client";
