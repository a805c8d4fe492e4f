// The changelog: what the committed data lists, what the gate's diff turns into (a breaking edit marked and
// linked), and the renderers. The staleness of the committed files is checked by `npm run check:generated`.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { apiSpec } from "../../../src/generated/embedded.js";
import { packageRoot } from "../../../src/project-paths.js";
import { listOperations } from "../../../src/spec/operations.js";
import { listReleases, RELEASES_DIR, SPEC_ROOT } from "../../breaking/spec-sources.js";
import { operationAnchor, schemaAnchor } from "../anchors.js";
import { buildChangelog } from "./build-changelog.js";
import type { Changelog } from "./changelog-types.js";
import { renderChangelogHtml } from "./render-changelog-html.js";
import { renderChangelogMarkdown } from "./render-changelog-markdown.js";
import { sourceLinker } from "./source-links.js";
import { CHANGELOG_JSON } from "./write-changelog.js";

const committed = JSON.parse(readFileSync(CHANGELOG_JSON, "utf8")) as Changelog;
const work = mkdtempSync(join(tmpdir(), "changelog-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("the committed changelog (openapi/changelog.json)", () => {
  it("has the working spec's unreleased changes on top, then one entry per release, newest first", async () => {
    const releases = (await listReleases(join(packageRoot, RELEASES_DIR))).map((r) => `${r.version.major}.${r.version.minor}.${r.version.patch}`);
    expect(committed.entries.map((e) => e.title)).toEqual(["Unreleased", ...releases]);
    expect(committed.entries.map((e) => e.title)).toContain("1.0.0");
  });

  it("links every change to something the page has: an operation of the spec, a schema, or the overview", () => {
    const ids = new Set(listOperations(apiSpec).map((o) => o.operationId as string));
    const schemas = new Set(Object.keys(apiSpec.components?.schemas ?? {}));
    for (const change of committed.entries.flatMap((e) => e.changes)) {
      expect(change.links.length, change.what).toBeGreaterThan(0);
      for (const { anchor } of change.links) {
        const [kind, name] = anchor.split("/");
        if (kind === "operation") expect(ids).toContain(name);
        else if (kind === "schema") expect(schemas).toContain(name);
        else expect(anchor).toBe("overview");
      }
    }
  });
});

describe("a changelog built from releases by the gate's diff", { timeout: 120_000 }, () => {
  it("marks a removed response field as breaking, links it to its schema and the operations that return it", async () => {
    const releases = join(work, "releases");
    const { mkdirSync } = await import("node:fs");
    mkdirSync(releases);
    const first = join(packageRoot, RELEASES_DIR, "1.0.0.json");
    copyFileSync(first, join(releases, "1.0.0.json"));
    const next = JSON.parse(readFileSync(first, "utf8"));
    next.info.version = "2.0.0";
    delete next.components.schemas.EmailDomain.properties.dkimAttempts;
    next.components.schemas.EmailDomain.required = next.components.schemas.EmailDomain.required.filter((n: string) => n !== "dkimAttempts");
    writeFileSync(join(releases, "2.0.0.json"), JSON.stringify(next));

    const changelog = await buildChangelog({ releasesDir: releases, specRoot: join(packageRoot, SPEC_ROOT) });

    expect(changelog.entries.map((e) => [e.title, e.released, e.comparedWith])).toEqual([
      ["Unreleased", false, "2.0.0"],
      ["2.0.0", true, "1.0.0"],
      ["1.0.0", true, null],
    ]);
    const removed = changelog.entries[1]!.changes.filter((c) => c.breaking);
    expect(removed.length).toBeGreaterThan(0);
    expect(removed.map((c) => c.where).join("\n")).toContain("dkimAttempts");
    const anchors = removed.flatMap((c) => c.links.map((l) => l.anchor));
    expect(anchors).toContain(schemaAnchor("EmailDomain"));
    expect(anchors).toContain(operationAnchor("getEmailDomain"));
    // The working spec has the field: against 2.0.0 it comes back, which breaks nobody.
    const readded = changelog.entries[0]!.changes.filter((c) => c.where.includes("dkimAttempts"));
    expect(readded.length).toBeGreaterThan(0);
    expect(readded.every((c) => !c.breaking)).toBe(true);

    const markdown = renderChangelogMarkdown(changelog, (a) => `#${a}`);
    expect(markdown).toMatch(/## 2\.0\.0\n\n1 breaking change|## 2\.0\.0\n\n\d+ breaking changes/);
    expect(markdown).toMatch(/### Breaking\n\n- \*\*Breaking:\*\* .*dkimAttempts.*\[EmailDomain\]\(#schema\/EmailDomain\)/);
    expect(markdown).not.toContain("removed..");
    expect(markdown).toContain("› field `[].dkimAttempts` added.");
  });
});

describe("rendering", () => {
  const changelog: Changelog = {
    entries: [
      {
        title: "Unreleased",
        version: "1.1.0",
        released: false,
        comparedWith: "1.0.0",
        summary: "1 breaking change, 1 non-breaking change since 1.0.0.",
        changes: [
          { breaking: false, where: "info", what: "`description` <b>reworded</b>", why: "text only", links: [{ label: "overview", anchor: "overview" }] },
          { breaking: true, where: "GET /x (getX) › response 200 › field `a_b`", what: "property removed", why: "clients read it", links: [{ label: "getX", anchor: "operation/getX" }] },
        ],
      },
    ],
  };

  it("HTML: breaking first and marked in words, code spans, text escaped, no style or script attributes", () => {
    const html = renderChangelogHtml(changelog);
    expect(html.indexOf("Breaking:")).toBeLessThan(html.indexOf("reworded"));
    expect(html).toContain(`<strong class="changelog-breaking">Breaking:</strong> GET /x (getX) › response 200 › field <code>a_b</code>: property removed. <span class="changelog-why">Clients read it.</span> (<a href="#operation/getX">getX</a>)`);
    expect(html).toContain("&lt;b&gt;reworded&lt;/b&gt;");
    expect(html).not.toMatch(/\sstyle=|\son\w+=|<script/i);
    expect(html).toContain('id="changelog/unreleased"');
  });

  it("Markdown: links through the given href, markup outside code escaped", () => {
    const md = renderChangelogMarkdown(changelog, (a) => `page.html#${a}`);
    expect(md).toContain("## Unreleased (working spec, info.version 1.1.0)");
    expect(md).toContain("- **Breaking:** GET /x (getX) › response 200 › field `a_b`: property removed. Clients read it. ([getX](page.html#operation/getX))");
    expect(md).toContain("\\<b>reworded\\</b>");
  });

  it("the repo's links point at the line of each operationId in openapi/paths/", () => {
    const link = sourceLinker(join(packageRoot, "openapi"));
    for (const { operationId } of listOperations(apiSpec)) {
      const [file, line] = link(operationAnchor(operationId)).split("#L");
      const text = readFileSync(join(packageRoot, "openapi", file!), "utf8").split("\n")[Number(line) - 1];
      expect(text).toMatch(new RegExp(`operationId:\\s*${operationId}\\b`));
    }
    expect(link("overview")).toBe("openapi.yaml");
    expect(link(schemaAnchor("EmailDomain"))).toBe("components/schemas/EmailDomain.yaml");
  });
});
