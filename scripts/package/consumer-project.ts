// A throwaway project outside the repo that installs tarballs the way a user does (`npm install` from the
// files, scripts allowed, npm's cache first), and the helpers to look at what the install brought.
import { execFile, spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface LockEntry {
  version?: string;
  hasInstallScript?: boolean;
  dev?: boolean;
}

export async function createProject(dir: string, install: string[]): Promise<{ installMs: number }> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), `${JSON.stringify({ name: "consumer", private: true, type: "module" }, null, 2)}\n`);
  const started = performance.now();
  await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", ...install], { cwd: dir, timeout: 240_000 });
  return { installMs: Math.round(performance.now() - started) };
}

/** `npm install ARGS` in an existing project, as a user types it (scripts allowed, npm's cache first). */
export async function npmInstall(dir: string, args: string[]): Promise<{ installMs: number }> {
  const started = performance.now();
  await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", ...args], { cwd: dir, timeout: 240_000 });
  return { installMs: Math.round(performance.now() - started) };
}

/** Bytes of every file under `dir` (their sizes, as npm's unpackedSize counts; symlinks not followed). */
export function directoryBytes(dir: string): number {
  if (!existsSync(dir)) return 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) bytes += statSync(join(entry.parentPath, entry.name)).size;
  }
  return bytes;
}

/** Bytes the files under `dir` take on disk (allocated blocks, as `du` counts them; symlinks not followed). */
export function diskBytes(dir: string): number {
  if (!existsSync(dir)) return 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() || entry.isDirectory()) bytes += statSync(join(entry.parentPath, entry.name)).blocks * 512;
  }
  return bytes;
}

/** Every installed copy of a package: the node_modules paths that end in its name. */
export function copiesOf(installed: Record<string, LockEntry>, name: string): string[] {
  return Object.keys(installed).filter((path) => path === `node_modules/${name}` || path.endsWith(`/node_modules/${name}`));
}

/** The installed packages, keyed by their node_modules path, from the project's package-lock.json. */
export function installedPackages(dir: string): Record<string, LockEntry> {
  const lock = JSON.parse(readFileSync(join(dir, "package-lock.json"), "utf8")) as { packages: Record<string, LockEntry> };
  return Object.fromEntries(Object.entries(lock.packages).filter(([path]) => path !== ""));
}

/** Paths under `dir` whose name matches, e.g. compiled native addons. */
export function findFiles(dir: string, name: RegExp): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && name.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Runs a command to its end; never throws, so a test can assert on the exit code and the output. */
export async function runToEnd(
  command: string,
  args: string[],
  cwd: string,
  timeoutMs = 30_000,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(command, args, { cwd, timeout: timeoutMs, env, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number | string; stdout?: string; stderr?: string; message: string };
    return { code: typeof e.code === "number" ? e.code : null, stdout: e.stdout ?? "", stderr: e.stderr ?? e.message };
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export interface StartedServer {
  url: string;
  /** Milliseconds from spawn to the first HTTP answer. */
  firstAnswerMs: number;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Spawns a server command in its own process group (npx starts the bin as a grandchild), polls
 * `url + readyPath` until anything answers, and stops the whole group.
 */
export async function startServer(command: string, args: string[], cwd: string, port: number, readyPath = "/openapi.json", timeoutMs = 30_000): Promise<StartedServer> {
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(command, args, { cwd, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let text = "";
  child.stdout.on("data", (chunk: Buffer) => (text += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        // already gone
      }
      await exited;
    }
  };
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${command} ${args.join(" ")} exited with ${child.exitCode} before answering:\n${text}`);
    if (performance.now() - started > timeoutMs) {
      await stop();
      throw new Error(`${command} ${args.join(" ")} did not answer within ${timeoutMs} ms:\n${text}`);
    }
    const answered = await fetch(url + readyPath, { signal: AbortSignal.timeout(1_000) }).then(
      async (res) => (await res.arrayBuffer(), true),
      () => false,
    );
    if (answered) return { url, firstAnswerMs: Math.round(performance.now() - started), output: () => text, stop };
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
