// Tiny HTML building blocks for the docs page: every text that comes from the spec goes through `esc`.
export type Html = string & { readonly __html: true };

export function esc(text: string): Html {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;") as Html;
}

/** Joins trusted fragments (already escaped or built by these helpers). */
export function join(parts: ReadonlyArray<Html | false | undefined | null>, separator = ""): Html {
  return parts.filter((p): p is Html => typeof p === "string").join(separator) as Html;
}

type Attributes = Record<string, string | number | boolean | undefined>;

function attributes(attrs: Attributes): string {
  return Object.entries(attrs)
    .filter(([, v]) => v !== undefined && v !== false)
    .map(([k, v]) => (v === true ? ` ${k}` : ` ${k}="${esc(String(v))}"`))
    .join("");
}

/** `<name attrs>children</name>`; children are trusted Html. */
export function el(name: string, attrs: Attributes, ...children: ReadonlyArray<Html | false | undefined | null>): Html {
  return `<${name}${attributes(attrs)}>${join(children)}</${name}>` as Html;
}

/** A void element such as `<input>`. */
export function voidEl(name: string, attrs: Attributes): Html {
  return `<${name}${attributes(attrs)}>` as Html;
}

export const text = (value: string): Html => esc(value);

export { OVERVIEW_ANCHOR, operationAnchor, schemaAnchor } from "../anchors.js";
export const tagAnchor = (tag: string): string => `tag-${tag.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;

/** JSON as the page shows it (two-space indent). */
export const json = (value: unknown): string => JSON.stringify(value, null, 2);
