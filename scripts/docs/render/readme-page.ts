// The project README as a page beside the reference (readme.html), so that the spec's links to it
// ("the project README") open it from any host, with the reference's stylesheet and headings' GitHub ids.
import { el, esc } from "./html.js";
import { markdown } from "./markdown.js";

export function renderReadme(source: string, title: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${esc(`README — ${title}`)}</title>
<link rel="stylesheet" href="docs.css">
</head>
<body>
${el("header", { class: "top" }, el("p", { class: "brand" }, el("a", { href: "index.html" }, esc(`← ${title}`))))}
${el("main", { id: "main", class: "readme" }, markdown(source, { headingLevel: 1, headingIds: true }))}
</body>
</html>
`;
}
