// Starts Debian's redis-server for one test file: a unix socket in a fresh temp dir, no TCP port, and no
// persistence unless asked for (`durable`: appendonly with fsync on every write, for the crash tests).
// `kill()` is kill -9; `restart()` starts a new server on the same dir and socket, so the data files of a
// durable server are read back. `stop()` kills it and removes the dir; it is safe to call more than once.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { tempDir } from "./store-fixtures.js";

export const REDIS_SERVER_BINARY = process.env.REDIS_SERVER_BIN ?? "/usr/bin/redis-server";

export interface TestRedis {
  /** `unix:///…/redis.sock`: what `--redis-url` and createRedisStore take. */
  url: string;
  socketPath: string;
  dir: string;
  /** kill -9 of the server; resolves when it has exited. */
  kill(): Promise<void>;
  /** Starts it again on the same dir (after kill()). */
  restart(): Promise<void>;
  /** SIGSTOP / SIGCONT: a server that accepts nothing and answers nothing, but keeps its socket. */
  pause(): void;
  resume(): void;
  /** Kills the server and removes its dir. */
  stop(): Promise<void>;
}

export async function startRedisServer(options: { durable?: boolean; startTimeoutMs?: number } = {}): Promise<TestRedis> {
  if (!existsSync(REDIS_SERVER_BINARY)) {
    throw new Error(`${REDIS_SERVER_BINARY} not found: install Debian's redis-server (apt-get install -y redis-server), as .ci/run does`);
  }
  const tmp = tempDir("email-domains-redis-");
  const socketPath = join(tmp.dir, "redis.sock");
  const args = [
    "--port", "0",
    "--unixsocket", socketPath,
    "--unixsocketperm", "700",
    "--dir", tmp.dir,
    "--save", "",
    "--daemonize", "no",
    "--loglevel", "warning",
    ...(options.durable ? ["--appendonly", "yes", "--appendfsync", "always"] : ["--appendonly", "no"]),
  ];
  let child: ChildProcess | undefined;
  let log = "";

  async function launch(): Promise<void> {
    const started = spawn(REDIS_SERVER_BINARY, args, { stdio: ["ignore", "pipe", "pipe"] });
    child = started;
    // A test process that ends without stop() (a timeout, a crash) takes its redis-server with it.
    const orphanGuard = () => started.kill("SIGKILL");
    process.once("exit", orphanGuard);
    started.once("exit", () => process.off("exit", orphanGuard));
    started.stdout!.on("data", (c: Buffer) => (log += c.toString("utf8")));
    started.stderr!.on("data", (c: Buffer) => (log += c.toString("utf8")));
    const deadline = Date.now() + (options.startTimeoutMs ?? 10_000);
    while (!(await answersPing(socketPath))) {
      if (started.exitCode !== null || started.signalCode !== null) throw new Error(`redis-server exited at start:\n${log}`);
      if (Date.now() > deadline) {
        started.kill("SIGKILL");
        throw new Error(`redis-server did not answer on ${socketPath} in time:\n${log}`);
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async function kill(): Promise<void> {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = once(running, "exit");
    running.kill("SIGCONT"); // a paused server would not die of SIGKILL any later, but keep it simple
    running.kill("SIGKILL");
    await exited;
  }

  try {
    await launch();
  } catch (error) {
    tmp.remove();
    throw error;
  }
  return {
    url: `unix://${socketPath}`,
    socketPath,
    dir: tmp.dir,
    kill,
    restart: launch,
    pause: () => child?.kill("SIGSTOP"),
    resume: () => child?.kill("SIGCONT"),
    async stop() {
      await kill();
      tmp.remove();
    },
  };
}

/** One PING over the socket; true on +PONG. A server still loading its AOF answers -LOADING, so false. */
function answersPing(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    if (!existsSync(path)) return resolve(false);
    const socket = connect(path);
    let reply = "";
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.on("error", () => done(false));
    socket.on("connect", () => socket.write("PING\r\n"));
    socket.on("data", (c: Buffer) => {
      reply += c.toString("latin1");
      if (reply.includes("\r\n")) done(reply.startsWith("+PONG"));
    });
  });
}
