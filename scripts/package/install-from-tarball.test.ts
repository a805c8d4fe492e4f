// A project outside this repo installs the packed kit, imports `<package>/client` and the types from
// `<package>`, compiles with this repo's tsc, and calls a running mock.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMock, type RunningMock } from "../../src/start-mock.js";
import { call, DEMO_A, domainsPath } from "../../src/testing/demo-api.js";
import { compileConsumer, createConsumer, runConsumer } from "./consumer-project.js";
import { packPackage, type PackedPackage } from "./pack-package.js";

const workDir = mkdtempSync(join(tmpdir(), "email-domains-kit-"));
let mock: RunningMock;
let packed: PackedPackage;

beforeAll(async () => {
  mock = await startMock({ port: 0 });
  packed = await packPackage(workDir);
}, 120_000);

afterAll(async () => {
  await mock?.close();
  rmSync(workDir, { recursive: true, force: true });
});

describe("the packed kit in another project", { timeout: 180_000 }, () => {
  it("ships the built client and types that package.json exports point at", () => {
    for (const file of ["dist/src/client/index.js", "dist/src/client/index.d.ts", "dist/src/index.d.ts", "dist/src/generated/openapi.d.ts"]) {
      expect(packed.files).toContain(file);
    }
    expect(packed.files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).toEqual([]); // built output only
  });

  it("installs, compiles against `<package>/client` and `<package>`, and calls the mock", async () => {
    const consumer = join(workDir, "consumer");
    const target = { baseUrl: mock.url, apiKey: DEMO_A.key, accountId: DEMO_A.accountId, domain: "consumer.example-kit.com" };
    await createConsumer(consumer, packed.name, packed.tarball, target);
    await compileConsumer(consumer);

    const result = await runConsumer(consumer);

    expect(result).toEqual({ listed: 5, created: "consumer.example-kit.com", verified: false, conflict: 409 });
    const stored = await call(mock.url, "GET", domainsPath(DEMO_A.accountId), { key: DEMO_A.key });
    expect((stored.body as Array<{ domain: string }>).map((d) => d.domain)).toContain("consumer.example-kit.com");
  });
});
