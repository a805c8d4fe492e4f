// A throwaway frontend project outside the repo: it installs the packed kit, imports the client and the
// types by the package's name, compiles with strict settings, and calls a running mock.
import { execFile } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { tscBin } from "./pack-package.js";

const run = promisify(execFile);

export interface ConsumerTarget {
  baseUrl: string;
  apiKey: string;
  accountId: string;
  domain: string;
}

export async function createConsumer(dir: string, packageName: string, tarball: string, target: ConsumerTarget): Promise<void> {
  mkdirSync(join(dir, "src"), { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "kit-consumer", private: true, type: "module" }, null, 2));
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        lib: ["ES2022", "DOM"],
        module: "NodeNext",
        moduleResolution: "NodeNext",
        strict: true,
        noUncheckedIndexedAccess: true,
        types: [],
        outDir: "dist",
        rootDir: "src",
      },
      include: ["src"],
    }),
  );
  writeFileSync(join(dir, "src", "main.ts"), consumerSource(packageName, target));
  // --prefer-offline: the kit's dependencies usually sit in npm's cache already (npm ci filled it).
  await run("npm", ["install", "--prefer-offline", "--ignore-scripts", "--no-audit", "--no-fund", tarball], { cwd: dir, timeout: 120_000 });
}

export async function compileConsumer(dir: string): Promise<void> {
  await run(tscBin, ["-p", dir], { cwd: dir });
}

export async function runConsumer(dir: string): Promise<unknown> {
  const { stdout } = await run(process.execPath, [join(dir, "dist", "main.js")], { cwd: dir, timeout: 30_000 });
  return JSON.parse(stdout);
}

function consumerSource(pkg: string, t: ConsumerTarget): string {
  return `import { createEmailDomainsClient, EmailDomainsApiError } from "${pkg}/client";
import type { EmailDomain } from "${pkg}";

const accountId = ${JSON.stringify(t.accountId)};
const client = createEmailDomainsClient({ baseUrl: ${JSON.stringify(t.baseUrl)}, apiKey: ${JSON.stringify(t.apiKey)} });

const listed: EmailDomain[] = await client.list(accountId);
const created: EmailDomain = await client.create(accountId, { domain: ${JSON.stringify(t.domain)}, description: null });
let conflict: number | undefined;
try {
  await client.create(accountId, { domain: created.domain });
} catch (err) {
  if (err instanceof EmailDomainsApiError) conflict = err.statusCode;
}
console.log(JSON.stringify({ listed: listed.length, created: created.domain, verified: created.isVerified, conflict }));

// Proves the types arrived through the package and are not \`any\`: these lines must not compile.
export function neverCalled(): void {
  // @ts-expect-error misspelled body field
  void client.create(accountId, { domian: "x.example.com" });
  // @ts-expect-error misspelled response field
  void created.isVerifed;
}
`;
}
