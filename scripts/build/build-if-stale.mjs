// @ts-check
// `npm run build`, and the first step of `npm start`: brings dist/ up to date, rebuilding only the parts
// older than their inputs (file times, as make does). With nothing changed it costs one walk over openapi/
// and src/ instead of three Redocly runs, tsc and a docs build (npm start took 10.5 s at every start before).
//   bundle  openapi/, redocly.yaml            -> dist/openapi.json, dist/openapi.yaml, dist/mock-control.json
//   code    what tsconfig.build.json includes (tests aside), the tsconfigs -> dist/ (tsc, incremental)
//   docs    the bundle, scripts/docs/ (renderer, page script, css), src/ (the mock the page runs), README.md -> dist/docs/
// Plain JavaScript: it runs on every start, before anything is compiled, where a TypeScript loader would
// cost half a second of the start.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const at = (/** @type {string[]} */ ...parts) => join(root, ...parts);
/** Written after a successful tsc: what it emits is as new as this file. */
const codeStamp = at("dist", ".src-built");

/** The newest modification time of these files and of everything under these folders (0 when none exists). */
function newest(/** @type {string[]} */ paths, skip = (/** @type {string} */ _path) => false) {
  let max = 0;
  for (const path of paths) {
    if (!existsSync(path) || skip(path)) continue;
    const stat = statSync(path);
    max = Math.max(max, stat.isDirectory() ? newest(readdirSync(path).map((name) => join(path, name)), skip) : stat.mtimeMs);
  }
  return max;
}

/** True when an output is missing or older than the newest input. */
function stale(/** @type {string[]} */ inputs, /** @type {string[]} */ outputs, skip = (/** @type {string} */ _path) => false) {
  if (outputs.some((file) => !existsSync(file))) return true;
  return newest(inputs, skip) > Math.min(...outputs.map((file) => statSync(file).mtimeMs));
}

function run(/** @type {string} */ command, /** @type {string[]} */ args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(undefined) : reject(new Error(`${command} ${args.join(" ")} exited with ${code}`))));
  });
}

const isTest = (/** @type {string} */ path) => /\.test(-d)?\.ts$/.test(path);
const bundle = [at("dist", "openapi.json"), at("dist", "openapi.yaml"), at("dist", "mock-control.json")];

export async function buildIfStale() {
  if (stale([at("openapi"), at("redocly.yaml")], bundle)) await run("npm", ["run", "bundle", "--silent"]);
  const tsc = [at("node_modules", ".bin", "tsc"), "-p", "tsconfig.build.json", "--incremental", "--tsBuildInfoFile", "dist/tsconfig.build.tsbuildinfo"];
  // The top folders of what tsconfig.build.json includes: contract-tests/cli imports from contract-tests/support.
  const include = /** @type {{ include: string[] }} */ (JSON.parse(readFileSync(at("tsconfig.build.json"), "utf8"))).include;
  const built = [...new Set(include.map((dir) => dir.split("/")[0] ?? dir))].map((dir) => at(dir));
  const code = stale([...built, at("tsconfig.json"), at("tsconfig.build.json")], [codeStamp], isTest)
    ? run(tsc[0] ?? "tsc", tsc.slice(1)).then(() => writeFileSync(codeStamp, `${new Date().toISOString()}\n`))
    : undefined;
  const docsInputs = [bundle[0] ?? "", at("openapi", "changelog.json"), at("scripts", "docs"), at("src"), at("README.md")];
  const docs = stale(docsInputs, [at("dist", "docs", "index.html"), at("dist", "docs", "docs.js")], isTest) ? run("npm", ["run", "docs:html", "--silent"]) : undefined;
  await Promise.all([code, docs]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildIfStale();
