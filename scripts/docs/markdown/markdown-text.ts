// Small pieces of Markdown: table cells, fenced blocks, one-line summaries of the spec's prose.

/** Text for one table cell: one line, `|` escaped. */
export function cell(text: string | undefined): string {
  return (text ?? "").replace(/\s*\n\s*/g, " ").replace(/\|/g, "\\|").trim();
}

/** A fenced block whose fence is longer than any backtick run inside. */
export function fenced(language: string, code: string): string {
  const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${language}\n${code.replace(/\n$/, "")}\n${fence}`;
}

/** The first sentence of a description (up to the first full stop followed by a space or the end). */
export function firstSentence(text: string | undefined): string {
  const flat = (text ?? "").replace(/\s*\n\s*/g, " ").trim();
  const end = /\.(\s|$)/.exec(flat);
  return end ? flat.slice(0, end.index + 1) : flat;
}

/** Demotes every ATX heading of `markdown` by `levels` (a description's `##` under the page's own `##`). */
export function demoteHeadings(markdown: string, levels: number): string {
  return markdown.replace(/^(#{1,6})(\s)/gm, (_m, hashes: string, space: string) => `${"#".repeat(Math.min(6, hashes.length + levels))}${space}`);
}
