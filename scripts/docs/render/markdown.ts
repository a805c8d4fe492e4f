// The Markdown of the spec's descriptions (CommonMark's common subset: paragraphs, `##` headings, `-` lists,
// **bold**, `code` and [links](url)), rendered to HTML at build time. The text stays as written: spaces
// around inline code are kept, so a text excerpt of the page reads as the spec does.
import { el, esc, join, type Html } from "./html.js";

/** Inline Markdown: code spans first (nothing inside them is Markdown), then links and bold. */
export function inline(source: string, links: LinkResolver = defaultLinks): Html {
  const out: string[] = [];
  const pattern = /`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)|\*\*([^*]+)\*\*/g;
  let at = 0;
  for (const match of source.matchAll(pattern)) {
    out.push(esc(source.slice(at, match.index)));
    const [, code, linkText, href, bold] = match;
    if (code !== undefined) out.push(el("code", {}, esc(code)));
    else if (linkText !== undefined && href !== undefined) out.push(el("a", { href: links(href) }, inline(linkText, links)));
    else if (bold !== undefined) out.push(el("strong", {}, inline(bold, links)));
    at = match.index + match[0].length;
  }
  out.push(esc(source.slice(at)));
  return out.join("") as Html;
}

export type LinkResolver = (href: string) => string;
const defaultLinks: LinkResolver = (href) => href;

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
export const slug = (heading: string): string =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .trim()
    .replace(/\s/g, "-");

export interface MarkdownOptions {
  /** The level a `#` heading of the source becomes (`##` one deeper); default 3. */
  headingLevel?: number;
  links?: LinkResolver;
  /** Give headings GitHub's ids, so that `#section` links into the source keep working. */
  headingIds?: boolean;
}

const cells = (row: string): string[] => row.trim().replace(/^\|/, "").replace(/\|$/, "").split("|").map((c) => c.trim());

/** Block Markdown: paragraphs, headings, `-` lists, fenced code and pipe tables. */
export function markdown(source: string, options: MarkdownOptions = {}): Html {
  const { headingLevel = 3, links = defaultLinks, headingIds = false } = options;
  const blocks: Html[] = [];
  let paragraph: string[] = [];
  let list: string[] | undefined;
  let fence: string[] | undefined;
  let table: string[][] | undefined;
  const flush = () => {
    if (paragraph.length) blocks.push(el("p", {}, inline(paragraph.join(" "), links)));
    if (list) blocks.push(el("ul", {}, ...list.map((item) => el("li", {}, inline(item, links)))));
    if (table) {
      const [head = [], , ...rows] = table;
      blocks.push(el("div", { class: "table-scroll" }, el("table", {}, el("thead", {}, el("tr", {}, ...head.map((c) => el("th", { scope: "col" }, inline(c, links))))), el("tbody", {}, ...rows.map((r) => el("tr", {}, ...r.map((c) => el("td", {}, inline(c, links)))))))));
    }
    paragraph = [];
    list = undefined;
    table = undefined;
  };
  for (const raw of source.split("\n")) {
    const line = raw.trimEnd();
    if (fence) {
      if (/^\s*```/.test(line)) {
        blocks.push(el("pre", {}, el("code", {}, esc(fence.join("\n")))));
        fence = undefined;
      } else fence.push(raw);
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const item = /^\s{0,3}[-*]\s+(.*)$/.exec(line);
    if (/^\s*```/.test(line)) {
      flush();
      fence = [];
    } else if (line.trim() === "") flush();
    else if (/^\s*\|/.test(line)) {
      if (!table) flush();
      (table ??= []).push(cells(line));
    } else if (heading) {
      flush();
      const level = Math.min(6, headingLevel + heading[1]!.length - 1);
      blocks.push(el(`h${level}`, { id: headingIds ? slug(heading[2]!) : undefined }, inline(heading[2]!, links)));
    } else if (item) {
      if (paragraph.length) flush();
      (list ??= []).push(item[1]!);
    } else if (list && /^\s+\S/.test(raw)) list[list.length - 1] += ` ${line.trim()}`;
    else {
      if (list) flush();
      paragraph.push(line.trim());
    }
  }
  flush();
  if (fence) blocks.push(el("pre", {}, el("code", {}, esc(fence.join("\n")))));
  return join(blocks);
}
