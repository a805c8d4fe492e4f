#!/usr/bin/env node
// email-domains-usage: run in a consumer's project, writes what its TypeScript does with the email-domain API
// (email-domains-usage.json), for the spec owners' breaking-change gate (`check:breaking -- --usage FILE`).
// Exit 0 written; 2 when it cannot read the project (no tsconfig, no package.json, no typescript installed).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { Command } from "commander";
import { packageRoot } from "../project-paths.js";
import { loadBundledSpec } from "../spec/load-spec.js";
import { analyzeProject, openProject } from "./analyze-project.js";
import { CLIENT_PACKAGE_NAME } from "./kit-files.js";
import { loadTypeScript } from "./load-typescript.js";
import { DEFAULT_MANIFEST_FILE, MANIFEST_VERSION, type UsageManifest } from "./usage-manifest.js";

const NAME = "email-domains-usage";

const program = new Command()
  .name(NAME)
  .description("Write what this project's TypeScript does with the email-domain API (calls, request properties, statuses, response properties read), for the API's breaking-change gate")
  .option("-p, --project <tsconfig>", "the TypeScript project to read", "tsconfig.json")
  .option("-o, --out <file>", "where to write the manifest", DEFAULT_MANIFEST_FILE)
  .parse();
const options = program.opts<{ project: string; out: string }>();

function packageJson(dir: string): { name: string; version: string; dir: string } {
  for (let at = dir; ; at = dirname(at)) {
    const file = resolve(at, "package.json");
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, "utf8")) as { name?: unknown; version?: unknown };
      if (typeof manifest.name !== "string" || typeof manifest.version !== "string") throw new Error(`${file} has no name and version (the manifest names the consumer by them)`);
      return { name: manifest.name, version: manifest.version, dir: at };
    }
    if (dirname(at) === at) throw new Error(`no package.json in ${dir} or above it`);
  }
}

try {
  const tsconfig = resolve(options.project);
  const consumer = packageJson(dirname(tsconfig));
  const ts = await loadTypeScript(consumer.dir);
  const kit = JSON.parse(readFileSync(resolve(packageRoot, "package.json"), "utf8")) as { name: string; version: string };
  const calls = analyzeProject(openProject(ts, tsconfig, consumer.dir, new Set([kit.name, CLIENT_PACKAGE_NAME])));
  const manifest: UsageManifest = {
    manifestVersion: MANIFEST_VERSION,
    consumer: { name: consumer.name, version: consumer.version },
    kit: { name: kit.name, version: kit.version, apiVersion: loadBundledSpec().info.version },
    calls,
  };
  const out = resolve(options.out);
  writeFileSync(out, `${JSON.stringify(manifest, null, 2)}\n`);
  const reads = calls.reduce((n, c) => n + c.reads.length, 0);
  console.log(`${NAME}: ${calls.length} call(s) of ${new Set(calls.map((c) => c.operationId)).size} operation(s), ${reads} read(s); wrote ${relative(process.cwd(), out) || out}`);
} catch (err) {
  // One line: the project or the machine is the problem, not the code it reads.
  process.stderr.write(`${NAME}: ${(err instanceof Error ? err.message : String(err)).split("\n")[0]}\n`);
  process.exitCode = 2;
}
