// The layering of src/ (../shared/DESIGN.md, issue 27), checked by dependency-cruiser in `npm test` (stage
// "layering"): hosts -> engine -> domain -> storage port, every arrow pointing down; and what runs in a browser
// never reaches Node. `npm run lint:layers` runs it alone; a broken rule prints the import that breaks it.

/** Modules that run on Node only: the node hosts, the node backends and their openers, file readers. */
const NODE_ONLY = [
  "^src/hosts/node/",
  "^src/hosts/mcp/",
  "^src/usage/", // the email-domains-usage command (issue 28): a Node CLI over the TypeScript compiler
  "^src/storage/(redis|sqlite)-",
  "^src/domain/open-(redis|sqlite)-store\\.ts$",
  "^src/optional-package\\.ts$",
  "^src/project-paths\\.ts$",
  "^src/seed/load-seed\\.ts$",
  "^src/spec/load-spec\\.ts$",
];
/** The backends behind the port: only hosts and the domain's openers pick one. */
const BACKENDS = "^src/storage/(memory-store|web-storage-store|redis-[^/]+|sqlite-[^/]+)\\.ts$";
const TESTS = "\\.test(-d)?\\.ts$";

/** hosts -> engine -> domain -> storage: nothing in a layer imports from a layer above it. */
const LAYERS = [
  { name: "engine-below-hosts", comment: "The engine (and all below it) imports no host.", from: "^src/(engine|domain|storage|spec|seed|shared|generated)/", above: "^src/hosts/" },
  { name: "domain-below-engine", comment: "The domain (and all below it) imports nothing of the engine.", from: "^src/(domain|storage|spec|seed|shared|generated)/", above: "^src/engine/" },
  { name: "storage-below-domain", comment: "The port and its backends know no rule of the domain: its changes are handed to them.", from: "^src/(storage|shared|generated)/", above: "^src/domain/" },
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "node-only-imports",
      comment: "Only the node hosts and node backends import Node's modules, express, pino, better-sqlite3 or redis: the rest runs in a browser too.",
      severity: "error",
      from: { path: "^src/", pathNot: [...NODE_ONLY, TESTS] },
      to: { dependencyTypesNot: ["type-only"], path: ["^(express|pino|better-sqlite3|redis|@redis/[^/]+)$", "node_modules/(express|pino|pino-[^/]+|better-sqlite3|redis|@redis/[^/]+)/"] },
    },
    {
      name: "node-builtins",
      comment: "Node's built-in modules, from code that must run in a browser.",
      severity: "error",
      from: { path: "^src/", pathNot: [...NODE_ONLY, TESTS] },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "browser-safe-stays-safe",
      comment: "A module that runs in a browser imports no node-only module (so nothing it reaches is node-only).",
      severity: "error",
      from: { path: "^src/", pathNot: [...NODE_ONLY, TESTS] },
      to: { path: NODE_ONLY, dependencyTypesNot: ["type-only"] },
    },
    {
      name: "engine-no-backend",
      comment: "The engine speaks to the store through the port (storage/port.ts, types.ts, store-errors.ts) and never imports a backend.",
      severity: "error",
      from: { path: "^src/engine/", pathNot: TESTS },
      to: { path: "^src/storage/", pathNot: "^src/storage/(port|types|store-errors)\\.ts$" },
    },
    ...LAYERS.map(({ name, comment, from, above }) => ({ name, comment, severity: "error", from: { path: from, pathNot: TESTS }, to: { path: above } })),
    {
      name: "domain-picks-no-backend",
      comment: "The domain's operations run over any port; only the openers (stores.ts, open-*-store.ts) pick a backend.",
      severity: "error",
      from: { path: "^src/domain/", pathNot: ["^src/domain/(stores|open-(redis|sqlite)-store)\\.ts$", TESTS] },
      to: { path: BACKENDS },
    },
    {
      name: "shared-imports-nothing",
      comment: "src/shared holds plain helpers (deep freeze, constant-time compare) that every layer may use.",
      severity: "error",
      from: { path: "^src/shared/" },
      to: { path: "^src/", pathNot: "^src/shared/" },
    },
    {
      name: "client-only-types",
      comment: "The typed client ships alone: it imports only the generated types and itself.",
      severity: "error",
      from: { path: "^src/client/", pathNot: TESTS },
      to: { path: "^src/", pathNot: ["^src/client/", "^src/generated/", "^src/api-types\\.ts$"] },
    },
    {
      name: "no-circular",
      severity: "error",
      from: { path: "^src/" },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^src/generated/.*\\.js$" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"] },
  },
};
