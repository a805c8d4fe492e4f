#!/usr/bin/env node
// @ts-check
// Redocly CLI as the package.json scripts run it: telemetry off, and without the box Redocly 2.77 prints on
// every run under Node 20 ("Node.js 20 support is ending"). Redocly has no flag or variable for that box
// (lib/index.js writes it unconditionally when the major version is 20), so the one stderr write holding
// that sentence is dropped; every other line, warnings included, passes through. Plain JavaScript, because
// it must start Redocly without a TypeScript loader in front (npm start runs `bundle` when the spec changed).
process.env["REDOCLY_TELEMETRY"] ??= "off";
const NODE_20_NOTICE = "Node.js 20 support is ending";
const write = process.stderr.write.bind(process.stderr);
process.stderr.write = /** @type {typeof process.stderr.write} */ (
  (chunk, ...rest) => (String(chunk).includes(NODE_20_NOTICE) ? true : write(chunk, .../** @type {[any]} */ (rest)))
);
await import("@redocly/cli/bin/cli.js");
