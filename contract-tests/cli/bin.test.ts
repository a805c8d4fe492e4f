// package.json's bin points at what the build (tsconfig.build.json) emits for the CLI's entry, which starts
// with a shebang, so `npx email-domains-contract` runs after `npm run build`.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { packageRoot } from "../../src/project-paths.js";

const entry = join(packageRoot, "contract-tests", "cli", "main.ts");
const readJson = (file: string) => JSON.parse(readFileSync(join(packageRoot, file), "utf8")) as Record<string, unknown>;

describe("the email-domains-contract bin", () => {
  it("is the build's output of contract-tests/cli/main.ts", async () => {
    const tsc = join(packageRoot, "node_modules", ".bin", "tsc");
    const { stdout } = await promisify(execFile)(tsc, ["-p", "tsconfig.build.json", "--listFilesOnly"], { cwd: packageRoot });
    expect(stdout.split("\n").map((f) => f.trim())).toContain(entry);
    const { outDir, rootDir } = readJson("tsconfig.json")["compilerOptions"] as { outDir: string; rootDir: string };
    const emitted = join(outDir, relative(join(packageRoot, rootDir), entry)).replace(/\.ts$/, ".js");
    expect((readJson("package.json")["bin"] as Record<string, string>)["email-domains-contract"]).toBe(emitted);
  }, 60_000);

  it("starts with a shebang for node", () => {
    expect(readFileSync(entry, "utf8").split("\n")[0]).toBe("#!/usr/bin/env node");
  });
});
