// The tests' round-robin proxy as its own process, for the bench: `tsx round-robin-proxy-server.ts PORT URL...`.
// A process of its own, so its CPU is measured apart from autocannon's.
import { startRoundRobinProxy } from "../../test-support/round-robin-proxy.js";

const [port, ...upstreams] = process.argv.slice(2);
await startRoundRobinProxy(upstreams, Number(port));
process.on("SIGTERM", () => process.exit(0));
