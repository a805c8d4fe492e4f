// npm run changelog [-- --check]
// Writes openapi/changelog.json (the data the docs page reads) and openapi/CHANGELOG.md (the API's
// changelog in the repo) from the releases and the working spec; --check exits 1 when either is stale.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { packageRoot } from "../../../src/project-paths.js";
import { buildChangelog } from "./build-changelog.js";
import type { Changelog } from "./changelog-types.js";
import { renderChangelogMarkdown } from "./render-changelog-markdown.js";
import { sourceLinker } from "./source-links.js";

export const CHANGELOG_JSON = join(packageRoot, "openapi", "changelog.json");
export const CHANGELOG_MD = join(packageRoot, "openapi", "CHANGELOG.md");

export function changelogFiles(changelog: Changelog): Array<[string, string]> {
  return [
    [CHANGELOG_JSON, `${JSON.stringify(changelog, null, 2)}\n`],
    [CHANGELOG_MD, renderChangelogMarkdown(changelog, sourceLinker(join(packageRoot, "openapi")))],
  ];
}

/** Builds the changelog and writes both files; returns their paths. */
export async function writeChangelog(): Promise<string[]> {
  const files = changelogFiles(await buildChangelog());
  for (const [file, text] of files) writeFileSync(file, text);
  return files.map(([file]) => file);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const check = process.argv.includes("--check");
  try {
    if (check) {
      const files = changelogFiles(await buildChangelog());
      const stale = files.filter(([file, text]) => !existsSync(file) || readFileSync(file, "utf8") !== text).map(([file]) => relative(packageRoot, file));
      if (stale.length) console.error(`changelog: ${stale.join(", ")} stale; run npm run changelog and commit`);
      process.exitCode = stale.length ? 1 : 0;
    } else {
      console.log(`changelog: wrote ${(await writeChangelog()).map((file) => relative(packageRoot, file)).join(", ")}`);
    }
  } catch (error) {
    console.error(`changelog cannot run: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  }
}
