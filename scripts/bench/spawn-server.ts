// Starts one server as a child process on 127.0.0.1 and waits for its first answered request, which is
// also how startup time is measured. Every child is tracked so the run can kill them all on exit.
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { request } from "node:http";
import { createServer } from "node:net";
import { HOST } from "./bench-config.js";
import { cpuMs } from "./process-cpu.js";

export interface ServerProcess {
  name: string;
  url: string;
  pid: number;
  /** Milliseconds from spawn to the first answered request. */
  startupMs: number;
  /** CPU the server used until that first answer (Linux): steadier than wall time on a busy machine. */
  startupCpuMs: number | undefined;
  stop(): Promise<void>;
}

const children = new Set<ChildProcess>();

/** Kills every child still running: called on exit, on Ctrl+C and on a failure. */
export function killAll(): void {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  children.clear();
}

/** One GET with a short timeout; resolves with the status, or undefined when nothing answered. */
export function probe(url: string, headers: Record<string, string> = {}, timeoutMs = 1_000): Promise<number | undefined> {
  return new Promise((resolve) => {
    const req = request(url, { headers, agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode));
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(undefined));
    req.end();
  });
}

export interface SpawnOptions {
  name: string;
  command: string;
  args: string[];
  port: number;
  /** A path that answers once the server is ready (any status counts as an answer). */
  readyPath: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
  /** A file the child's stdout is appended to (a request log), as a shell's `> file` would; default none. */
  stdoutFile?: string;
}

export async function spawnServer(options: SpawnOptions): Promise<ServerProcess> {
  const url = `http://${HOST}:${options.port}`;
  const started = performance.now();
  const out = options.stdoutFile === undefined ? "ignore" : openSync(options.stdoutFile, "a");
  const child = spawn(options.command, options.args, { stdio: ["ignore", out, "pipe"] });
  if (typeof out === "number") closeSync(out); // the child holds its own copy
  children.add(child);
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    if (stderr.length < 4_000) stderr += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = started + (options.timeoutMs ?? 30_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${options.name} exited with ${child.exitCode} before answering:\n${stderr}`);
    if (performance.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${options.name} did not answer within ${options.timeoutMs ?? 30_000} ms:\n${stderr}`);
    }
    const status = await probe(url + options.readyPath, options.headers, 500);
    if (status !== undefined) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  const startupMs = performance.now() - started;
  const startupCpuMs = child.pid === undefined ? undefined : cpuMs(child.pid);
  return {
    name: options.name,
    url,
    pid: child.pid!,
    startupMs,
    startupCpuMs,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 3_000);
        await exited;
        clearTimeout(timer);
      }
      children.delete(child);
    },
  };
}

/** A port that was free a moment ago (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}
