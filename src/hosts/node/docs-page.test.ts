import { describe, expect, it } from "vitest";
import { DOCS_SERVER_META, originOf, servedDocsPage } from "./docs-page.js";

const page = `<head>${DOCS_SERVER_META}</head>`;

describe("the docs page as the mock serves it", () => {
  it("fills the request's host into the docs-server meta", () => {
    expect(servedDocsPage(page, originOf("127.0.0.1:4010"))).toBe('<head><meta name="docs-server" content="http://127.0.0.1:4010"></head>');
    expect(servedDocsPage(page, originOf("[::1]:8080"))).toContain('content="http://[::1]:8080"');
  });

  it.each(['evil.example"><script>alert(1)</script>', "a b", "", undefined])("leaves the page as built for the Host header %j", (host) => {
    expect(servedDocsPage(page, originOf(host))).toBe(page);
  });
});
