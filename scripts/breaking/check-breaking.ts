// npm run check:breaking [-- --base <git ref>] [--usage FILE... [--strict]]
// Compares the working spec (openapi/, bundled) with the latest release in openapi/releases/ (or with
// the spec of a commit) and fails (exit 1) on a breaking change unless info.version raises the major.
// With --usage (consumers' manifests from `npx email-domains-usage`), each breaking change names the uses it
// breaks, and one that no given consumer uses does not fail the gate unless --strict (docs/breaking-gate.md).
// Writes reports/breaking-changes.md and .json, and appends the Markdown to $GITHUB_STEP_SUMMARY.
// Exit 2, with one line, when it cannot compare (bad ref, no release, a spec that does not bundle).
import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { Command, CommanderError } from "commander";
import { packageRoot } from "../../src/project-paths.js";
import { CannotRun } from "./cannot-run.js";
import { gateReport } from "./gate-report.js";
import { renderJson, renderMarkdown, renderText, type SpecLabel } from "./report.js";
import { bundleSpec, bundleSpecAtRef, listReleases, RELEASES_DIR, SPEC_ROOT } from "./spec-sources.js";
import { readManifests } from "./usage-manifests.js";
import { parseVersion } from "./version.js";

interface Options {
  base?: string;
  releasesDir: string;
  reportsDir: string;
  usage?: string[];
  strict?: boolean;
}

function parseOptions(argv: string[]): Options {
  const program = new Command("check:breaking")
    .description("Fail on a breaking change of openapi/ against the latest release (or --base <git ref>)")
    .option("--base <git ref>", "compare with the spec of this commit instead of the latest release")
    .option("--releases-dir <dir>", "where the releases are kept", RELEASES_DIR)
    .option("--reports-dir <dir>", "where to write breaking-changes.md and .json", "reports")
    .option("--usage <manifest...>", "consumers' usage manifests (npx email-domains-usage): name the uses each breaking change breaks; one no consumer uses does not fail")
    .option("--strict", "with --usage: a breaking change that no given consumer uses fails too")
    .exitOverride()
    .configureOutput({ writeErr: () => {} });
  try {
    return program.parse(argv).opts<Options>();
  } catch (err) {
    if (err instanceof CommanderError && err.code === "commander.helpDisplayed") process.exit(0);
    throw new CannotRun(err instanceof Error ? err.message.replace(/^error: /, "") : String(err));
  }
}

async function infoVersion(file: string): Promise<string> {
  const spec = JSON.parse(await readFile(file, "utf8")) as { info?: { version?: unknown } };
  return String(spec.info?.version ?? "");
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv);
  const manifests = options.usage ? readManifests(options.usage.map((f) => resolve(process.env["INIT_CWD"] ?? process.cwd(), f))) : undefined;
  const work = await mkdtemp(join(tmpdir(), "check-breaking-"));
  try {
    const revisionFile = join(work, "revision.json");
    await bundleSpec(join(packageRoot, SPEC_ROOT), revisionFile, packageRoot);
    const revision: SpecLabel = { label: "the working spec openapi/", version: await infoVersion(revisionFile) };
    if (!parseVersion(revision.version)) throw new CannotRun(`info.version "${revision.version}" of openapi/ is not MAJOR.MINOR.PATCH`);

    let baseFile: string;
    let base: SpecLabel;
    if (options.base !== undefined) {
      baseFile = join(work, "base.json");
      const commit = await bundleSpecAtRef(packageRoot, options.base, work, baseFile);
      base = { label: `the spec at ${options.base} (${commit.slice(0, 12)})`, version: await infoVersion(baseFile) };
    } else {
      const dir = resolve(packageRoot, options.releasesDir);
      const latest = (await listReleases(dir))[0];
      if (!latest) throw new CannotRun(`no release in ${relative(packageRoot, dir) || dir}: cut one with npm run release:cut`);
      baseFile = latest.file;
      base = { label: `release ${relative(packageRoot, latest.file)}`, version: await infoVersion(latest.file) };
    }

    const usage = manifests ? { manifests, strict: options.strict === true } : undefined;
    const report = await gateReport({ base: baseFile, revision: revisionFile }, { base, revision }, work, usage);

    console.log(renderText(report));
    const reports = resolve(packageRoot, options.reportsDir);
    await mkdir(reports, { recursive: true });
    const markdown = renderMarkdown(report);
    await writeFile(join(reports, "breaking-changes.md"), markdown);
    await writeFile(join(reports, "breaking-changes.json"), renderJson(report));
    if (process.env["GITHUB_STEP_SUMMARY"]) await appendFile(process.env["GITHUB_STEP_SUMMARY"], markdown + "\n");
    console.log(`Reports: ${relative(process.cwd(), join(reports, "breaking-changes.md"))}, breaking-changes.json`);
    return report.verdict.pass ? 0 : 1;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

try {
  process.exitCode = await main();
} catch (err) {
  // One clear line: this is a problem of the inputs or the machine, not a verdict on the spec.
  const message = err instanceof Error ? err.message : String(err);
  console.error(`check:breaking cannot run: ${message.split("\n")[0]}`);
  process.exitCode = 2;
}
