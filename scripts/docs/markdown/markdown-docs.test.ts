// The docs for tools and assistants: llms.txt and one Markdown page per operation, from the spec alone,
// and the mock's docs route serving them with their media types.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { apiSpec } from "../../../src/generated/embedded.js";
import { docsFiles } from "../../../src/hosts/node/docs-page.js";
import { listOperations } from "../../../src/spec/operations.js";
import type { Changelog } from "../changelog/changelog-types.js";
import { CHANGELOG_JSON } from "../changelog/write-changelog.js";
import { links } from "../build-docs.js";
import { exampleRequests } from "../samples/example-requests.js";
import { fieldRows } from "./schema-summary.js";
import { defaultContext, markdownDocs, writeMarkdownDocs } from "./write-markdown-docs.js";

const changelog = JSON.parse(readFileSync(CHANGELOG_JSON, "utf8")) as Changelog;
const context = { ...defaultContext(apiSpec), links };
const pages = markdownDocs(apiSpec, changelog, context);
const operations = listOperations(apiSpec);
const work = mkdtempSync(join(tmpdir(), "markdown-docs-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Relative links of a Markdown text that point at another page of the folder (not ../, not the HTML page). */
const pageLinks = (text: string) =>
  [...text.replace(/```[\s\S]*?```|`[^`\n]*`/g, "").matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]!).filter((href) => !href.startsWith("../") && !href.endsWith(".html"));

describe("llms.txt", () => {
  const text = pages.get("llms.txt")!;

  it("follows llmstxt.org: the title as H1, the summary as a quote, then sections of links", () => {
    const lines = text.split("\n");
    expect(lines[0]).toBe(`# ${apiSpec.info.title}`);
    expect(lines[2]).toBe(`> ${apiSpec.info.summary}`);
    expect(text).toMatch(/^## Operations$/m);
    expect(text).toContain("`x-api-key`");
  });

  it("links every operation's page with its method and path, and every link resolves to a page written beside it", () => {
    for (const op of operations) expect(text).toContain(`(${op.operationId}.md): \`${op.method.toUpperCase()} ${op.path}\``);
    for (const href of pageLinks(text)) expect(pages.has(href), href).toBe(true);
  });
});

describe("one Markdown page per operation", () => {
  it("exists for each operation of the spec, and nothing else besides llms.txt, the overview and the changelog", () => {
    expect([...pages.keys()].sort()).toEqual(["changelog.md", "llms.txt", "overview.md", ...operations.map((o) => `${o.operationId}.md`)].sort());
  });

  it.each(operations.map((o) => [o.operationId, o] as const))("%s: method, path, parameters, body fields, every status, examples, four code samples", (_, op) => {
    const page = pages.get(`${op.operationId}.md`)!;
    expect(page).toContain(`\`${op.method.toUpperCase()} ${op.path}\``);
    expect(page).toContain(`index.html#operation/${op.operationId}`);
    for (const p of op.parameters) expect(page).toContain(`| \`${p.name}\` | ${p.in} |`);
    for (const status of Object.keys(op.responses)) expect(page).toMatch(new RegExp(`^### ${status}$`, "m"));
    for (const media of Object.values(op.requestBody?.content ?? {})) {
      for (const row of fieldRows(apiSpec, media.schema)) expect(page).toContain(`| \`${row.name}\` |`);
      for (const value of Object.values(media.examples)) expect(page).toContain(JSON.stringify(value, null, 2));
    }
    for (const fence of ["```sh\ncurl", "```js\n", "```ts\nimport", "```python\nimport requests"]) expect(page).toContain(fence);
    const first = exampleRequests(op, context)[0]!.request;
    for (const value of Object.values(first.path)) expect(page).toContain(value);
    for (const href of pageLinks(page)) expect(pages.has(href), href).toBe(true);
    expect(page).not.toMatch(/\]\(\.{0,2}\/?README\.md/); // the spec's README links go to the site's readme.html
  });

  it("lists every field of the domain the operations return", () => {
    const page = pages.get("getEmailDomain.md")!;
    const fields = fieldRows(apiSpec, { $ref: "#/components/schemas/EmailDomain" });
    expect(fields.length).toBeGreaterThan(30);
    for (const field of fields) expect(page).toContain(`| \`${field.name}\` |`);
  });
});

describe("changelog.md on the docs site", () => {
  it("is the committed changelog, its operation links going to the operations' pages", () => {
    const text = pages.get("changelog.md")!;
    for (const entry of changelog.entries) expect(text).toContain(`## ${entry.title}`);
    const links = pageLinks(text);
    expect(links.length).toBeGreaterThan(0);
    for (const href of links) expect(pages.has(href), href).toBe(true);
  });
});

describe("served by the mock's docs route", () => {
  it("answers llms.txt as text/plain and each page as text/markdown, from the folder npm run docs writes", () => {
    const written = writeMarkdownDocs(work, links);
    const serve = docsFiles(work);
    expect(serve("llms.txt", undefined)).toEqual({ type: "text/plain; charset=utf-8", body: pages.get("llms.txt") });
    for (const name of written.filter((n) => n.endsWith(".md"))) expect(serve(name, undefined)?.type, name).toBe("text/markdown; charset=utf-8");
    expect(serve("nothing.md", undefined)).toBeUndefined();
    // Served by a mock elsewhere, the samples and the server list name that mock, not the spec's loopback server.
    const served = serve("createEmailDomain.md", "http://10.0.0.7:8080")!.body;
    expect(served).toContain("curl -X POST 'http://10.0.0.7:8080/api/v1/accounts/");
    expect(served).not.toMatch(/localhost|127\.0\.0\.1/);
    expect(serve("llms.txt", "http://10.0.0.7:8080")!.body).toContain("Server: http://10.0.0.7:8080 (");
    expect(serve("../package.json", undefined)).toBeUndefined();
  });
});
