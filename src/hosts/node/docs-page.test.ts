import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DOCS_SERVER_META, docsFiles, originOf, servedDocsPage } from "./docs-page.js";

const page = `<head>${DOCS_SERVER_META}</head>`;
const servers = '<ul data-servers=""><li><code>http://localhost:4010</code> — The local mock</li><li><code>https://api.example.com</code> — Production</li></ul>';

describe("the docs page as the mock serves it", () => {
  it("fills the request's host into the docs-server meta", () => {
    expect(servedDocsPage(page, originOf("127.0.0.1:4010"))).toBe('<head><meta name="docs-server" content="http://127.0.0.1:4010"></head>');
    expect(servedDocsPage(page, originOf("[::1]:8080"))).toContain('content="http://[::1]:8080"');
  });

  it("lists its own origin first, in place of the spec's loopback servers", () => {
    expect(servedDocsPage(servers, "http://127.0.0.1:5123")).toBe(
      '<ul data-servers=""><li><code>http://127.0.0.1:5123</code> — This mock, which serves these docs</li><li><code>https://api.example.com</code> — Production</li></ul>',
    );
  });

  it.each(['evil.example"><script>alert(1)</script>', "a b", "", undefined])("leaves the page as built for the Host header %j", (host) => {
    expect(servedDocsPage(page + servers, originOf(host))).toBe(page + servers);
  });
});

describe("the docs folder's files", () => {
  const dir = mkdtempSync(join(tmpdir(), "docs-files-"));
  writeFileSync(join(dir, "index.html"), page);
  writeFileSync(join(dir, "docs.js"), "export {};");
  writeFileSync(join(dir, ".hidden.js"), "secret");
  const files = docsFiles(dir);

  it("serves index.html for the folder, with the origin filled in, and its scripts with their type", () => {
    expect(files("", "http://h:1")).toEqual({ type: "text/html; charset=utf-8", body: '<head><meta name="docs-server" content="http://h:1"></head>' });
    expect(files("docs.js", undefined)).toEqual({ type: "text/javascript; charset=utf-8", body: "export {};" });
  });

  it.each([".hidden.js", "../index.html", "a/b.js", "missing.js", "index.json"])("has no file %j", (name) => {
    expect(files(name, undefined)).toBeUndefined();
  });
});
