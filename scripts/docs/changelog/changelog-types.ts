// The API's changelog as data: one entry per release in openapi/releases/ (newest first), the working
// spec's unreleased changes on top. Written to openapi/changelog.json by `npm run changelog`; the docs
// page and the Markdown renderers read it.

export interface ChangelogLink {
  /** What the link says: an operationId, a schema name, "overview". */
  label: string;
  /** A fragment id of the docs page (scripts/docs/anchors.ts), without '#'. */
  anchor: string;
}

export interface ChangelogChange {
  breaking: boolean;
  /** Where, as the breaking-change gate words it: `POST /api/... (createEmailDomain) › response 503`. */
  where: string;
  /** What changed, in words (inline code in backticks). */
  what: string;
  /** Why it breaks clients, or why not. */
  why: string;
  /** The operations, schemas or sections it touches; never empty. */
  links: ChangelogLink[];
}

export interface ChangelogEntry {
  /** `1.0.0`, or `Unreleased` for the working spec. */
  title: string;
  /** The info.version of the spec the entry describes. */
  version: string;
  released: boolean;
  /** The release it is compared with; null for the first release. */
  comparedWith: string | null;
  /** One line: what the entry amounts to. */
  summary: string;
  changes: ChangelogChange[];
}

export interface Changelog {
  /** Newest first; the unreleased entry, when there is one, first of all. */
  entries: ChangelogEntry[];
}
