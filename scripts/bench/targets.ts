// The four servers compared side by side, each started the way a user would start it.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { API_KEY, bundledSpec, ITEM_PATH, mockEntry, prismEntry, tsxLoader } from "./bench-config.js";
import { spawnServer, type ServerProcess } from "./spawn-server.js";

const authHeaders = { "x-api-key": API_KEY };

export function startMock(port: number, responseCheck: boolean, extraArgs: string[] = []): Promise<ServerProcess> {
  return spawnServer({
    name: responseCheck ? "mock (check on)" : "mock (check off)",
    command: process.execPath,
    args: [mockEntry, "--port", String(port), "--quiet", ...(responseCheck ? [] : ["--no-response-check"]), ...extraArgs],
    port,
    readyPath: ITEM_PATH,
    headers: authHeaders,
    timeoutMs: 60_000,
  });
}

export function startPrism(port: number): Promise<ServerProcess> {
  return spawnServer({
    name: "prism mock -v error",
    command: process.execPath,
    args: [prismEntry, "mock", "-h", "127.0.0.1", "-p", String(port), "-v", "error", bundledSpec],
    port,
    readyPath: ITEM_PATH,
    headers: authHeaders,
  });
}

/** `bodies` are the mock's own answers, written to a file the bare server reads at start. */
export function startBareExpress(port: number, bodies: object, workDir: string): Promise<ServerProcess> {
  const file = join(workDir, "bare-express-bodies.json");
  writeFileSync(file, JSON.stringify(bodies));
  return spawnServer({
    name: "bare Express 5",
    command: process.execPath,
    args: ["--import", tsxLoader, join(import.meta.dirname, "bare-express-server.ts"), String(port), file],
    port,
    readyPath: ITEM_PATH,
  });
}
