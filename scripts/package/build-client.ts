// Builds @vortex/email-domains-client into one folder that `npm pack` turns into the client's tarball:
//   esm/          tsc output of src/client/index.ts and exactly what it imports (client, generated types)
//   cjs/          the same as one CommonJS file (esbuild) with openapi-fetch inlined, beside the same types
//   openapi.json  the bundled spec;  README.md  src/client/README.md;  package.json  derived from the root's
// Its one runtime dependency is openapi-fetch at the root's exact version: the build fails when the client
// imports any other package (a Node built-in, a server library), so a frontend never installs more. The
// CommonJS file carries its own copy of openapi-fetch (6 kB): esbuild, bundling an ES module, reads a
// require()d package's default export as Node does (module.exports, not openapi-fetch's `exports.default`).
//   npm run build:client [-- --out DIR]      (default dist/packages/client)
import { execFile } from "node:child_process";
import { copyFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs, promisify } from "node:util";
import { build } from "esbuild";
import { bundledSpecJson, packageRoot } from "../../src/project-paths.js";
import { CLIENT_PACKAGE } from "./client-package-name.js";

const run = promisify(execFile);
export { CLIENT_PACKAGE };
/** The only package the client may import at run time. */
const RUNTIME_DEPENDENCY = "openapi-fetch";
const entry = join(packageRoot, "src", "client", "index.ts");

interface RootManifest {
  version: string;
  license: string;
  engines: Record<string, string>;
  dependencies: Record<string, string>;
}

export async function buildClientPackage(out: string): Promise<string> {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const tsc = join(packageRoot, "node_modules", ".bin", "tsc");
  await run(tsc, ["-p", join(packageRoot, "tsconfig.client.json"), "--outDir", join(out, "esm")], { cwd: packageRoot });

  const bundle = await build({
    entryPoints: [entry],
    outfile: join(out, "cjs", "index.js"),
    bundle: true,
    format: "cjs",
    platform: "neutral",
    target: "es2022",
    metafile: true,
    logLevel: "silent",
  });
  const packages = Object.keys(bundle.metafile.inputs).flatMap((path) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? []);
  const foreign = [...new Set(packages)].filter((name) => name !== RUNTIME_DEPENDENCY);
  if (foreign.length > 0) throw new Error(`the client imports ${foreign.join(", ")}: its only runtime dependency may be ${RUNTIME_DEPENDENCY}`);
  // The declarations again under cjs/, where cjs/package.json makes TypeScript read them as CommonJS.
  cpSync(join(out, "esm"), join(out, "cjs"), { recursive: true, filter: (src) => !src.endsWith(".js") });
  writeFileSync(join(out, "cjs", "package.json"), `${JSON.stringify({ type: "commonjs" }, null, 2)}\n`);

  copyFileSync(bundledSpecJson, join(out, "openapi.json"));
  copyFileSync(join(packageRoot, "src", "client", "README.md"), join(out, "README.md"));
  writeFileSync(join(out, "package.json"), `${JSON.stringify(clientManifest(), null, 2)}\n`);
  return out;
}

function clientManifest() {
  const root = JSON.parse(readFileSync(join(packageRoot, "package.json"), "utf8")) as RootManifest;
  const version = root.dependencies[RUNTIME_DEPENDENCY];
  if (!version) throw new Error(`package.json has no dependency ${RUNTIME_DEPENDENCY}`);
  return {
    name: CLIENT_PACKAGE,
    version: root.version,
    description: "Typed client and TypeScript types of the Vortex Software email-domain API (ESM and CommonJS)",
    type: "module",
    license: root.license,
    engines: root.engines,
    sideEffects: false,
    exports: {
      ".": {
        import: { types: "./esm/client/index.d.ts", default: "./esm/client/index.js" },
        require: { types: "./cjs/client/index.d.ts", default: "./cjs/index.js" },
      },
      "./openapi.json": "./openapi.json",
      "./package.json": "./package.json",
    },
    main: "./cjs/index.js",
    types: "./esm/client/index.d.ts",
    files: ["esm/", "cjs/", "openapi.json"],
    dependencies: { [RUNTIME_DEPENDENCY]: version },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { out: { type: "string", default: join(packageRoot, "dist", "packages", "client") } } });
  const out = await buildClientPackage(resolve(values.out!));
  console.log(`${CLIENT_PACKAGE} built in ${out} (npm pack there makes the tarball)`);
}
