// The fragment ids (without '#') that the docs page gives its sections and that the changelog, the code
// samples and the Markdown pages link to. One definition, used by the page and by every generator.

/** The section of one operation: `operation/createEmailDomain`. */
export function operationAnchor(operationId: string): string {
  return `operation/${operationId}`;
}

/** The section of a named schema (`components/schemas/{name}`): `schema/EmailDomain`. */
export function schemaAnchor(name: string): string {
  return `schema/${name}`;
}

/** The page's introduction: what `info`, `servers` and the document's `security` describe. */
export const OVERVIEW_ANCHOR = "overview";
