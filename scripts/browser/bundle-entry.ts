// Bundles one entry of the package as a browser app's bundler would (esbuild, platform browser, ESM,
// minified), with msw left to the app: the /msw entry's peer dependency is not part of its cost.
// platform "browser" gives no Node built-ins, so an entry that reaches `node:` anything fails to build.
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { build, type BuildOptions } from "esbuild";
import { packageRoot } from "../../src/project-paths.js";

/** The entries a browser app imports, by their export name in package.json. */
export const BROWSER_ENTRIES = { "./fetch": "src/hosts/fetch.ts", "./msw": "src/hosts/msw.ts" } as const;

export interface Bundle {
  code: string;
  bytes: number;
  gzipBytes: number;
  /** Input files that ended up in the bundle, relative to the package root. */
  inputs: string[];
}

export const browserBuildOptions = {
  bundle: true,
  platform: "browser",
  format: "esm",
  target: "es2022",
  minify: true,
  external: ["msw", "msw/*"],
  write: false,
  metafile: true,
  logLevel: "silent",
} as const satisfies BuildOptions;

export async function bundleForBrowser(options: { entry: string } | { source: string }): Promise<Bundle> {
  const input = "entry" in options ? { entryPoints: [join(packageRoot, options.entry)] } : { stdin: { contents: options.source, resolveDir: packageRoot, loader: "ts" as const } };
  const result = await build({ ...browserBuildOptions, ...input, absWorkingDir: packageRoot });
  const code = result.outputFiles.map((f) => f.text).join("\n");
  const bytes = Buffer.byteLength(code);
  return { code, bytes, gzipBytes: gzipSync(code).byteLength, inputs: Object.keys(result.metafile.inputs) };
}
