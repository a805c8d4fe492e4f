// The API reference as the mock serves it at /docs: the built page (scripts/docs/build-docs.ts) with the
// mock's own origin filled into its docs-server <meta>, which the page adds as the first server, so the
// Servers list and the request URLs name the mock that served the docs (not the spec's localhost:4010).
// The published file keeps the empty <meta> and shows the spec's servers only.

/** The marker in scripts/docs/offline-template.hbs; build-docs.ts fails when the template lacks it. */
export const DOCS_SERVER_META = '<meta name="docs-server" content="">';

/** `http://` + a Host header that is a plain host[:port] (anything else is not echoed into the page). */
export function originOf(host: string | undefined): string | undefined {
  return host && /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/.test(host) ? `http://${host}` : undefined;
}

export function servedDocsPage(html: string, origin: string | undefined): string {
  return origin ? html.replace(DOCS_SERVER_META, `<meta name="docs-server" content="${origin}">`) : html;
}
