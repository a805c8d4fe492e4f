// The README and the files under docs/ it hands the details to: every relative link leads to a file that
// exists, every `#anchor` to a heading of its target (GitHub's ids), and every docs/*.md is linked from the
// README, so nothing moved out of it is lost.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { packageRoot } from "../../src/project-paths.js";
import { slug } from "./render/markdown.js";

const docsDir = join(packageRoot, "docs");
const files = [join(packageRoot, "README.md"), ...readdirSync(docsDir).filter((f) => f.endsWith(".md")).map((f) => join(docsDir, f))];
const read = (file: string) => readFileSync(file, "utf8");
/** Headings outside code blocks, as GitHub ids them. */
const anchors = (file: string) => new Set([...read(file).replace(/```[\s\S]*?```/g, "").matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1]!)));
const links = (file: string) => [...read(file).replace(/```[\s\S]*?```/g, "").matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((href) => !/^[a-z]+:/.test(href));

describe("README.md and docs/", () => {
  it.each(files.map((f) => [relative(packageRoot, f), f]))("%s: every relative link and anchor resolves", (_, file) => {
    const broken = links(file).filter((href) => {
      const [path, anchor] = href.split("#") as [string, string | undefined];
      const target = path === "" ? file : normalize(join(dirname(file), path));
      if (!existsSync(target)) return true;
      return anchor !== undefined && target.endsWith(".md") && !anchors(target).has(anchor);
    });
    expect(broken).toEqual([]);
  });

  it("links every file under docs/ from the README", () => {
    const linked = new Set(links(join(packageRoot, "README.md")).map((href) => normalize(join(packageRoot, href.split("#")[0]!))));
    expect(files.slice(1).filter((file) => !linked.has(file)).map((file) => relative(packageRoot, file))).toEqual([]);
  });
});
