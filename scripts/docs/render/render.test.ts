// The page renderer without a browser: Markdown as the spec writes it, schema words read from the schema,
// and a page that a strict CSP accepts (no inline script, style or event handler) with one panel per operation.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { demoSeed } from "../../../src/generated/embedded.js";
import { packageRoot } from "../../../src/project-paths.js";
import { loadBundledSpec } from "../../../src/spec/load-spec.js";
import { listOperations } from "../../../src/spec/operations.js";
import { inline, markdown, slug } from "./markdown.js";
import { renderPage } from "./page.js";
import { constraintsOf, typeOf } from "./schema.js";

describe("the Markdown of the spec's descriptions", () => {
  it("keeps the spaces around inline code and escapes everything else", () => {
    expect(inline("at the 0-based index `start` (documented) <b>")).toBe("at the 0-based index <code>start</code> (documented) &lt;b&gt;");
    expect(inline("**Decision:** a [README](README.md#x)", (href) => href.replace("README.md", "readme.html"))).toBe('<strong>Decision:</strong> a <a href="readme.html#x">README</a>');
  });

  it("renders paragraphs, continued list items, headings with GitHub's ids, fences and tables", () => {
    expect(markdown("a\nb\n\n- one\n  more\n- two", {})).toBe("<p>a b</p><ul><li>one more</li><li>two</li></ul>");
    expect(markdown("## Reaching every verification state", { headingLevel: 1, headingIds: true })).toBe('<h2 id="reaching-every-verification-state">Reaching every verification state</h2>');
    expect(markdown("```sh\nnpm start <x>\n```")).toBe("<pre><code>npm start &lt;x&gt;</code></pre>");
    expect(markdown("| a | b |\n|---|---|\n| `1` | 2 |")).toContain("<td><code>1</code></td><td>2</td>");
    expect(slug("In the browser: the MSW worker")).toBe("in-the-browser-the-msw-worker");
  });
});

describe("schema words", () => {
  it("are read from the schema: type, format, nullability, enum, bounds", () => {
    expect(typeOf({ type: ["string", "null"], format: "date-time" })).toBe("string (date-time) or null");
    expect(typeOf({ $ref: "#/components/schemas/EmailDomain" } as never)).toBe('<a href="#schema/EmailDomain">EmailDomain</a>');
    expect(typeOf({ type: "array", items: { $ref: "#/components/schemas/X" } } as never)).toBe('array of <a href="#schema/X">X</a>');
    expect(constraintsOf({ type: "string", enum: ["a", "b"], maxLength: 500 })).toBe('<span class="constraints">one of <code>&quot;a&quot;</code>, <code>&quot;b&quot;</code>; maxLength <code>500</code></span>');
  });
});

describe("the page", () => {
  const spec = loadBundledSpec();
  const html = renderPage(spec, demoSeed, { links: (h) => h, changelogHtml: "" });

  it("needs nothing a strict CSP refuses: no inline script, style attribute or event handler", () => {
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle=|<style|\son[a-z]+=/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//); // nothing from another host
  });

  it("has one panel per operation, a Send button, a status place and the prefilled example as the body", () => {
    for (const op of listOperations(spec)) {
      const form = new RegExp(`<form data-operation-id="${op.operationId}"[\\s\\S]*?</form>`).exec(html)?.[0] ?? "";
      expect(form, op.operationId).toContain('<button type="submit">Send</button>');
      expect(form, op.operationId).toContain("data-try-status");
      const first = Object.values(op.requestBody?.content["application/json"]?.examples ?? {})[0];
      if (first !== undefined) expect(form).toContain(JSON.stringify(first, null, 2).replace(/"/g, "&quot;"));
    }
  });

  it("keeps the README's section that the spec links to", () => {
    const readme = readFileSync(join(packageRoot, "README.md"), "utf8");
    const anchors = [...html.matchAll(/href="README\.md#([^"]+)"/g)].map((m) => m[1]!);
    expect(anchors.length).toBeGreaterThan(0);
    for (const anchor of anchors) expect(markdown(readme, { headingLevel: 1, headingIds: true })).toContain(`id="${anchor}"`);
  });
});
