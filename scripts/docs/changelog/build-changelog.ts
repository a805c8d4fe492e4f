// The changelog from the breaking-change gate (scripts/breaking/gate.ts, `redocly diff`): each release of
// openapi/releases/ against the one before, and the working spec against the latest release. Node only.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packageRoot } from "../../../src/project-paths.js";
import { diffSpecs } from "../../breaking/gate.js";
import type { Json } from "../../breaking/spec-pointer.js";
import { bundleSpec, listReleases, RELEASES_DIR, SPEC_ROOT } from "../../breaking/spec-sources.js";
import { diffEntry, firstReleaseEntry } from "./changelog-entry.js";
import type { Changelog, ChangelogEntry } from "./changelog-types.js";

const readJson = async (file: string): Promise<Json> => JSON.parse(await readFile(file, "utf8")) as Json;
const versionOf = (spec: Json): string => String((spec as { info?: { version?: unknown } }).info?.version ?? "");

export interface ChangelogSources {
  releasesDir: string;
  /** The working spec's openapi.yaml. */
  specRoot: string;
}

export const DEFAULT_SOURCES: ChangelogSources = { releasesDir: join(packageRoot, RELEASES_DIR), specRoot: join(packageRoot, SPEC_ROOT) };

export async function buildChangelog(sources: ChangelogSources = DEFAULT_SOURCES): Promise<Changelog> {
  const releases = (await listReleases(sources.releasesDir)).reverse(); // oldest first
  const first = releases[0];
  if (!first) throw new Error(`no release in ${sources.releasesDir}: cut one with npm run release:cut`);
  const work = await mkdtemp(join(tmpdir(), "changelog-"));
  try {
    const entries: ChangelogEntry[] = [firstReleaseEntry(versionOf(await readJson(first.file)), await readJson(first.file))];
    const compare = async (baseFile: string, revisionFile: string, title: (version: string) => string, released: boolean) => {
      const [base, revision] = await Promise.all([readJson(baseFile), readJson(revisionFile)]);
      const changes = await diffSpecs(baseFile, revisionFile, work);
      return diffEntry(title(versionOf(revision)), versionOf(revision), released, versionOf(base), changes, { base, revision });
    };
    for (let i = 1; i < releases.length; i++) entries.push(await compare(releases[i - 1]!.file, releases[i]!.file, (v) => v, true));
    const working = join(work, "working.json");
    await bundleSpec(sources.specRoot, working, packageRoot);
    entries.push(await compare(releases[releases.length - 1]!.file, working, () => "Unreleased", false));
    return { entries: entries.reverse() };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
