// The servers compared side by side, each started the way a user would start it.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { API_KEY, bundledSpec, ITEM_PATH, mockEntry, prismEntry, tsxLoader } from "./bench-config.js";
import { spawnServer, type ServerProcess } from "./spawn-server.js";

const authHeaders = { "x-api-key": API_KEY };

/**
 * How the mock is started:
 *   defaults        exactly as `npm start` runs it (request log on, response check on); the log goes to
 *                   `logFile`, as `npm start > file` would take it
 *   quiet           `--quiet`: no request log, response check on
 *   quiet-unchecked `--quiet --no-response-check`
 */
export type MockMode = "defaults" | "quiet" | "quiet-unchecked";

export const MOCK_NAMES: Record<MockMode, string> = {
  defaults: "mock, npm start defaults",
  quiet: "mock --quiet",
  "quiet-unchecked": "mock --quiet, check off",
};

const MOCK_FLAGS: Record<MockMode, string[]> = {
  defaults: [],
  quiet: ["--quiet"],
  "quiet-unchecked": ["--quiet", "--no-response-check"],
};

export function startMock(port: number, mode: MockMode, options: { extraArgs?: string[]; logFile?: string } = {}): Promise<ServerProcess> {
  return spawnServer({
    name: MOCK_NAMES[mode],
    command: process.execPath,
    args: [mockEntry, "--port", String(port), ...MOCK_FLAGS[mode], ...(options.extraArgs ?? [])],
    port,
    readyPath: ITEM_PATH,
    headers: authHeaders,
    timeoutMs: 60_000,
    ...(options.logFile === undefined ? {} : { stdoutFile: options.logFile }),
  });
}

export const PRISM_NAME = "prism mock -v error";

export function startPrism(port: number): Promise<ServerProcess> {
  return spawnServer({
    name: PRISM_NAME,
    command: process.execPath,
    args: [prismEntry, "mock", "-h", "127.0.0.1", "-p", String(port), "-v", "error", bundledSpec],
    port,
    readyPath: ITEM_PATH,
    headers: authHeaders,
  });
}

/** The two ceilings: Express serialising on every request, and Express sending a body serialised at start. */
export type BareMode = "res.json" | "pre-serialised";

export const BARE_NAMES: Record<BareMode, string> = {
  "res.json": "bare Express, res.json",
  "pre-serialised": "bare Express, pre-serialised",
};

/** `bodies` are the mock's own answers, written to a file the bare server reads at start. */
export function startBareExpress(port: number, bodies: object, workDir: string, mode: BareMode): Promise<ServerProcess> {
  const file = join(workDir, "bare-express-bodies.json");
  writeFileSync(file, JSON.stringify(bodies));
  return spawnServer({
    name: BARE_NAMES[mode],
    command: process.execPath,
    args: ["--import", tsxLoader, join(import.meta.dirname, "bare-express-server.ts"), String(port), file, mode],
    port,
    readyPath: ITEM_PATH,
  });
}

export const BARE_NODE_NAME = "bare node:http, pre-serialised";

/** node:http alone, sending the same bodies (bare-node-server.ts): not a ceiling for Express apps, a floor for Node. */
export function startBareNode(port: number, bodies: object, workDir: string): Promise<ServerProcess> {
  const file = join(workDir, "bare-node-bodies.json");
  writeFileSync(file, JSON.stringify(bodies));
  return spawnServer({
    name: BARE_NODE_NAME,
    command: process.execPath,
    args: ["--import", tsxLoader, join(import.meta.dirname, "bare-node-server.ts"), String(port), file],
    port,
    readyPath: ITEM_PATH,
  });
}
