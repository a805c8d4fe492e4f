// The samples do what they show: every curl sample (and every fetch sample) runs against a mock started
// here with the demo accounts and gets the operation's documented success status; every TypeScript sample
// compiles against the built client package (one tsc run); every Python sample is valid Python.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiSpec } from "../../../src/generated/embedded.js";
import { listOperations } from "../../../src/spec/operations.js";
import { startMock, type RunningMock } from "../../../src/hosts/node/start-mock.js";
import { DEMO_A } from "../../../test-support/demo-api.js";
import { allSamples, type OperationSamples } from "./all-samples.js";
import { codeSamples } from "./code-samples.js";
import { successHasBody, successStatus } from "./operation-facts.js";
import { prepareSampleProject, typecheckSamples } from "./typecheck-samples.js";

const run = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), "code-samples-"));
let mock: RunningMock;
let sets: OperationSamples[];
let project: Promise<string>;
const code = (set: OperationSamples, language: string) => set.samples.find((s) => s.language === language)!.code;
const label = (set: OperationSamples) => `${set.operation.operationId} (${set.example.name})`;

beforeAll(async () => {
  mock = await startMock({ port: 0 });
  sets = allSamples(apiSpec, { baseUrl: mock.url, apiKey: DEMO_A.apiKey });
  // curl reads $CURL_HOME/.curlrc: the status goes after the body, the sample itself stays as shown.
  writeFileSync(join(work, ".curlrc"), `-sS\n-w "\\n%{http_code}"\n`);
  project = prepareSampleProject(work); // builds the client package while the mock tests run
  project.catch(() => {}); // awaited (and reported) by its test
});

afterAll(async () => {
  await mock?.close();
  rmSync(work, { recursive: true, force: true });
});

const reset = async () => expect((await fetch(`${mock.url}/__mock/reset`, { method: "POST" })).status).toBe(204);

describe("code samples against the mock", { timeout: 60_000 }, () => {
  it("the demo account of the spec's examples is the mock's account A", () => {
    for (const set of sets) if ("accountId" in set.example.request.path) expect(set.example.request.path["accountId"]).toBe(DEMO_A.accountId);
  });

  it("every curl sample gets the documented success status (state reset before each)", async () => {
    const results: string[] = [];
    for (const set of sets) {
      await reset();
      const { stdout } = await run("bash", ["-c", code(set, "curl")], { env: { ...process.env, CURL_HOME: work }, timeout: 10_000 });
      const lines = stdout.split("\n");
      const status = Number(lines.pop());
      const body = lines.join("\n");
      results.push(`${label(set)} ${status}`);
      expect(status, `${label(set)}: ${body}`).toBe(successStatus(set.operation));
      if (successHasBody(set.operation)) expect(() => JSON.parse(body)).not.toThrow();
      else expect(body).toBe("");
    }
    expect(results).toHaveLength(sets.length);
  });

  it("every fetch sample runs as an ES module in Node (one process) and gets the documented success status", async () => {
    const files = sets.map((set, i) => {
      const file = join(work, `fetch-${i}.mjs`);
      writeFileSync(file, code(set, "javascript"));
      return file;
    });
    // One Node process imports the samples in turn, resetting the mock before each; each prints its status first.
    const runner = `for (const file of ${JSON.stringify(files)}) { await fetch(${JSON.stringify(`${mock.url}/__mock/reset`)}, { method: "POST" }); process.stdout.write("\\n@@ "); await import(file); }`;
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", runner], { timeout: 30_000 });
    const outputs = stdout.split("\n@@ ").slice(1);
    expect(outputs).toHaveLength(sets.length);
    sets.forEach((set, i) => expect(outputs[i]!.split(" ")[0]?.trim(), `${label(set)}: ${outputs[i]}`).toBe(String(successStatus(set.operation))));
  });

  it("a curl sample that breaks the contract is caught: a body with an unknown property gets 400", async () => {
    const set = sets.find((s) => s.example.request.body !== undefined)!;
    const broken = codeSamples(set.operation, { ...set.example.request, body: { ...(set.example.request.body as object), unknown: 1 } });
    const { stdout } = await run("bash", ["-c", broken[0]!.code], { env: { ...process.env, CURL_HOME: work } });
    expect(stdout.split("\n").pop()).toBe("400");
  });
});

describe("TypeScript samples against the built client package", { timeout: 180_000 }, () => {
  it("all compile with strict NodeNext settings in one tsc run, and a wrong one does not", async () => {
    const files = sets.map((set, i) => ({ name: `sample-${i}-${set.operation.operationId}-${set.example.name}.ts`, code: code(set, "typescript") }));
    // The control: a body field the spec does not know, and a query value of the wrong type.
    const withBody = sets.find((s) => s.example.request.body !== undefined)!;
    const withQuery = sets.find((s) => Object.keys(s.example.request.query).length > 0)!;
    const wrongBody = codeSamples(withBody.operation, { ...withBody.example.request, body: { domian: "x.example.com" } })[2]!.code;
    const wrongQuery = codeSamples(withQuery.operation, { ...withQuery.example.request, query: { start: "first" } })[2]!.code;
    files.push({ name: "control-wrong-body.ts", code: wrongBody }, { name: "control-wrong-query.ts", code: wrongQuery });

    const started = performance.now();
    const result = await typecheckSamples(await project, files);
    console.log(`tsc over ${files.length} TypeScript samples: ${Math.round(performance.now() - started)} ms`);

    const failing = new Set([...result.output.matchAll(/^src\/([^(]+)\(/gm)].map((m) => m[1]));
    expect([...failing].sort(), result.output).toEqual(["control-wrong-body.ts", "control-wrong-query.ts"]);
  });
});

describe("Python samples", () => {
  it("exist for every operation and compile (python3 -m py_compile)", async () => {
    const files = sets.map((set, i) => {
      const file = join(work, `sample_${i}.py`);
      writeFileSync(file, code(set, "python"));
      return file;
    });
    expect(new Set(sets.map((s) => s.operation.operationId))).toEqual(new Set(listOperations(apiSpec).map((o) => o.operationId)));
    await expect(run("python3", ["-m", "py_compile", ...files])).resolves.toBeDefined();
    writeFileSync(join(work, "broken.py"), code(sets[0]!, "python").replace("requests.", "requests..")); // the check can fail
    await expect(run("python3", ["-m", "py_compile", join(work, "broken.py")])).rejects.toThrow();
  });
});
