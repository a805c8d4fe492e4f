// Runs the real CLI (src/hosts/node/cli.ts through tsx, so no build is needed) as a child process, for the tests
// that must kill it, signal it or restart it. The child listens on a free loopback port.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { packageRoot } from "../src/project-paths.js";

export interface SpawnedServer {
  url: string;
  child: ChildProcess;
  /** Everything the process wrote so far. */
  output(): string;
  /** Resolves with the exit code and signal (at once when it has already exited). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL when still running; always resolves. */
  kill(): Promise<void>;
}

export async function spawnServer(args: string[], startTimeoutMs = 15_000): Promise<SpawnedServer> {
  const child = spawn(process.execPath, ["--import", "tsx", join(packageRoot, "src", "hosts", "node", "cli.ts"), "--port", "0", "--host", "127.0.0.1", ...args], {
    cwd: packageRoot,
    stdio: ["ignore", "pipe", "pipe"],
    // The flags given are the whole configuration: a REDIS_URL or MOCK_CONTROL_TOKEN of the caller's shell is not.
    env: { ...withoutMockSettings(process.env), PORT: "0" },
  });
  let text = "";
  child.stdout!.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
  child.stderr!.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
  const exited = once(child, "exit").then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null }));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in ${startTimeoutMs} ms:\n${text}`)), startTimeoutMs);
    const look = () => {
      const match = /listening on (http:\/\/\S+)/.exec(text);
      if (match) {
        clearTimeout(timer);
        child.stdout!.off("data", look);
        resolve(match[1]!);
      }
    };
    child.stdout!.on("data", look);
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening:\n${text}`));
    });
  });
  return {
    url,
    child,
    output: () => text,
    exited,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}

function withoutMockSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { REDIS_URL: _url, MOCK_CONTROL_TOKEN: _token, ...rest } = env;
  return rest;
}
