// @ts-check
// `npm start`: rebuild what changed (build-if-stale.mjs), then run the mock's command line in this same
// process (it reads the flags after `npm start --` from process.argv), which saves starting a second Node.
import { buildIfStale } from "./build-if-stale.mjs";

await buildIfStale();
await import("../../dist/src/hosts/node/cli.js");
