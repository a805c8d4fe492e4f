// npm run docs:md — writes the docs for tools and assistants into dist/docs/ beside the HTML reference:
// llms.txt, overview.md, changelog.md and one {operationId}.md per operation. The mock serves them at /docs/.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { demoSeed } from "../../../src/generated/embedded.js";
import { bundledSpecJson, docsHtml } from "../../../src/project-paths.js";
import type { OpenApiDocument } from "../../../src/spec/load-spec.js";
import { listOperations } from "../../../src/spec/operations.js";
import type { Changelog } from "../changelog/changelog-types.js";
import { renderChangelogMarkdown } from "../changelog/render-changelog-markdown.js";
import { CHANGELOG_JSON } from "../changelog/write-changelog.js";
import { CHANGELOG_PAGE, llmsTxt, OVERVIEW_PAGE, overviewMarkdown } from "./llms-txt.js";
import { operationMarkdown, operationPageName, type MarkdownContext } from "./operation-markdown.js";

/** The pages by file name. Links of the changelog go to the operations' pages and the HTML reference. */
export function markdownDocs(spec: OpenApiDocument, changelog: Changelog, context: MarkdownContext): Map<string, string> {
  const pages = new Map<string, string>([
    ["llms.txt", llmsTxt(spec)],
    [OVERVIEW_PAGE, overviewMarkdown(spec)],
    [CHANGELOG_PAGE, renderChangelogMarkdown(changelog, (anchor) => {
      const [kind, name] = anchor.split("/");
      return kind === "operation" && name ? operationPageName(name) : `index.html#${anchor}`;
    })],
  ]);
  for (const operation of listOperations(spec)) pages.set(operationPageName(operation.operationId), operationMarkdown(spec, operation, context));
  return pages;
}

/** The samples' server and key: the spec's first server, and the demo key of the seed's first account. */
export function defaultContext(spec: OpenApiDocument): MarkdownContext {
  const apiKey = demoSeed.accounts[0]?.apiKeys[0];
  const baseUrl = spec.servers?.[0]?.url;
  if (!apiKey || !baseUrl) throw new Error("docs:md needs a server in the spec and an account with a key in the demo seed");
  return { baseUrl, apiKey, apiKeyNote: "the demo key of the local mock's first account" };
}

/** `links` rewrites the spec's own links (e.g. `README.md#x`, which the HTML site serves as readme.html). */
export function writeMarkdownDocs(dir: string = dirname(docsHtml), links: (href: string) => string = (href) => href): string[] {
  const spec = JSON.parse(readFileSync(bundledSpecJson, "utf8")) as OpenApiDocument;
  const changelog = JSON.parse(readFileSync(CHANGELOG_JSON, "utf8")) as Changelog;
  mkdirSync(dir, { recursive: true });
  const pages = markdownDocs(spec, changelog, { ...defaultContext(spec), links });
  for (const [name, text] of pages) writeFileSync(join(dir, name), text);
  return [...pages.keys()];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { links } = await import("../build-docs.js");
  const written = writeMarkdownDocs(undefined, links);
  console.log(`Docs for tools written to ${dirname(docsHtml)}/: ${written.join(", ")}`);
}
