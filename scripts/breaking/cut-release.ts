// npm run release:cut
// Keeps the bundle of the current spec as openapi/releases/<info.version>.json, the base that
// `npm run check:breaking` compares with. A release is never overwritten: bump info.version first.
import { copyFile, mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { packageRoot } from "../../src/project-paths.js";
import { bundleSpec, RELEASES_DIR, SPEC_ROOT } from "./spec-sources.js";
import { writeChangelog } from "../docs/changelog/write-changelog.js";
import { parseVersion } from "./version.js";

const work = await mkdtemp(join(tmpdir(), "cut-release-"));
try {
  const bundled = join(work, "openapi.json");
  await bundleSpec(join(packageRoot, SPEC_ROOT), bundled, packageRoot);
  const version = String((JSON.parse(await readFile(bundled, "utf8")) as { info?: { version?: unknown } }).info?.version);
  const target = join(packageRoot, RELEASES_DIR, `${version}.json`);
  if (!parseVersion(version)) {
    console.error(`release:cut: info.version "${version}" is not MAJOR.MINOR.PATCH`);
    process.exitCode = 1;
  } else if (existsSync(target)) {
    console.error(`release:cut: ${relative(packageRoot, target)} exists and is never overwritten; raise info.version in openapi/openapi.yaml first`);
    process.exitCode = 1;
  } else {
    await mkdir(join(packageRoot, RELEASES_DIR), { recursive: true });
    await copyFile(bundled, target);
    const changelog = await writeChangelog(); // the new release gets its entry; the unreleased one starts again
    console.log(`Cut release ${version}: ${relative(packageRoot, target)}, changelog ${changelog.map((f) => relative(packageRoot, f)).join(", ")} (commit them)`);
  }
} catch (err) {
  console.error(`release:cut: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  await rm(work, { recursive: true, force: true });
}
