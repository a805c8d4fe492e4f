// The changelog as an HTML fragment for the docs page: a <section> per entry, breaking changes marked by
// text (not colour alone), each change linked to what it touches. No style or script attributes (the page's
// CSP); classes for the page's stylesheet. Pure and browser-safe.
import { changeText, sentence, escapeHtml, inlineHtml } from "./changelog-text.js";
import type { Changelog, ChangelogChange } from "./changelog-types.js";

/** The fragment id of an entry: `changelog/1.0.0`, `changelog/unreleased`. */
export function entryAnchor(title: string): string {
  return `changelog/${title.toLowerCase()}`;
}

function item(change: ChangelogChange, href: (anchor: string) => string): string {
  const links = change.links.map((l) => `<a href="${escapeHtml(href(l.anchor))}">${escapeHtml(l.label)}</a>`).join(", ");
  const mark = change.breaking ? `<strong class="changelog-breaking">Breaking:</strong> ` : "";
  const why = change.breaking ? ` <span class="changelog-why">${inlineHtml(sentence(change.why))}</span>` : "";
  return `<li${change.breaking ? ' class="breaking"' : ""}>${mark}${inlineHtml(sentence(changeText(change)))}${why} (${links})</li>`;
}

/** `href` turns an anchor into a link; on the page itself: (anchor) => `#${anchor}`. `level` is the heading level of each entry. */
export function renderChangelogHtml(changelog: Changelog, href: (anchor: string) => string = (a) => `#${a}`, level = 3): string {
  return changelog.entries
    .map((entry) => {
      const heading = entry.released ? entry.title : `${entry.title} (working spec, info.version ${entry.version})`;
      const items = [...entry.changes.filter((c) => c.breaking), ...entry.changes.filter((c) => !c.breaking)].map((c) => item(c, href));
      return [
        `<section class="changelog-entry" id="${escapeHtml(entryAnchor(entry.title))}" aria-labelledby="${escapeHtml(entryAnchor(entry.title))}-title">`,
        `<h${level} id="${escapeHtml(entryAnchor(entry.title))}-title">${escapeHtml(heading)}</h${level}>`,
        `<p>${escapeHtml(entry.summary)}</p>`,
        ...(items.length ? ["<ul>", ...items, "</ul>"] : []),
        "</section>",
      ].join("\n");
    })
    .join("\n");
}
