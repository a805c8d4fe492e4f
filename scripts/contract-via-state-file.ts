// The contract suite against the mock started with --state-file (the SQLite backend behind the real CLI):
// everything the suite asks of the in-memory mock must hold when the state lives in a file. Then the mock is
// restarted on the same file: it must start on what the suite left (the file is kept, not seeded again).
import { join } from "node:path";
import { spawnServer, type SpawnedServer } from "../test-support/spawn-server.js";
import { tempDir } from "../test-support/store-fixtures.js";
import { runContractSuite } from "./run-contract-suite.js";

const tmp = tempDir("contract-state-file-");
const file = join(tmp.dir, "state.db");
let server: SpawnedServer | undefined;
let exitCode = 1;
try {
  server = await spawnServer(["--state-file", file, "--quiet"]);
  console.log(`mock on ${server.url} with --state-file ${file}`);
  const suiteCode = await runContractSuite(server.url, "state-file", process.argv.slice(2));
  await server.kill();
  server = await spawnServer(["--state-file", file]);
  const kept = /Seed\s+not loaded: the state already held data/.test(server.output());
  console.log(kept ? "restarted on the same file: it kept the suite's data" : `restarted on the same file, but it did not say it kept its data:\n${server.output()}`);
  exitCode = suiteCode === 0 && kept ? 0 : 1;
} catch (error) {
  console.error(String(error));
} finally {
  await server?.kill();
  tmp.remove();
}
process.exit(exitCode);
