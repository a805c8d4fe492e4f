// Runs the project's own @redocly/cli (the pinned devDependency) as a child process, telemetry off.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const require = createRequire(import.meta.url);

function redoclyBin(): string {
  const manifestPath = require.resolve("@redocly/cli/package.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { bin: Record<string, string> };
  const bin = manifest.bin["redocly"];
  if (!bin) throw new Error("@redocly/cli declares no `redocly` bin");
  return join(dirname(manifestPath), bin);
}

export interface RedoclyRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `redocly <args>` in `cwd`; resolves with the exit code instead of throwing on a non-zero one. */
export async function redocly(args: string[], cwd: string): Promise<RedoclyRun> {
  try {
    const { stdout, stderr } = await run(process.execPath, [redoclyBin(), ...args], {
      cwd,
      env: { ...process.env, REDOCLY_TELEMETRY: "off" },
      maxBuffer: 32 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof e.code !== "number") throw err;
    return { code: e.code, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

/** The last lines of redocly's output that say what went wrong, without its Node.js support banner. */
export function redoclyProblem(result: RedoclyRun): string {
  const lines = `${result.stderr}\n${result.stdout}`
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !/[║╔╚═]/.test(l));
  return lines.slice(-3).join(" ");
}
