// What the bare ceiling servers (bare-express-server.ts, bare-node-server.ts) are started with:
// PORT BODIES_FILE, where the file holds the bodies the mock answered.
import { readFileSync } from "node:fs";

export interface Bodies {
  one: unknown;
  page: unknown;
  created: Record<string, unknown>;
}

export const port = Number(process.argv[2]);
export const bodies = JSON.parse(readFileSync(process.argv[3] ?? "", "utf8")) as Bodies;
