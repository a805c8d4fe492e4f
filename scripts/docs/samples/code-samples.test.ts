// The generators over the spec's own operations and examples: what each sample must say, and that the
// module the docs page bundles stays browser-safe.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { apiSpec } from "../../../src/generated/embedded.js";
import { listOperations } from "../../../src/spec/operations.js";
import { allSamples } from "./all-samples.js";
import { codeSamples } from "./code-samples.js";
import { exampleRequests } from "./example-requests.js";
import { jsLiteral, pythonLiteral, shellQuote } from "./literals.js";

const run = promisify(execFile);
const context = { baseUrl: "http://localhost:4010", apiKey: "demo-key-account-a" };
const all = allSamples(apiSpec, context);
const operations = listOperations(apiSpec);

describe("code samples generated from the spec", () => {
  it("exist for every operation in four languages, one set per request example of its body", () => {
    for (const operation of operations) {
      const examples = Object.values(operation.requestBody?.content ?? {}).flatMap((media) => Object.keys(media.examples));
      const sets = all.filter((s) => s.operation.operationId === operation.operationId);
      expect(sets.map((s) => s.example.name)).toEqual(examples.length ? examples : ["default"]);
      for (const set of sets) expect(set.samples.map((s) => s.language)).toEqual(["curl", "javascript", "typescript", "python"]);
    }
  });

  it.each(all.map((s) => [`${s.operation.operationId} (${s.example.name})`, s] as const))("%s: each names the method, the filled path and the key", (_, set) => {
    const { operation, example } = set;
    const filled = operation.path.replace(/\{(\w+)\}/g, (_m, name: string) => example.request.path[name]!);
    expect(filled).not.toContain("{");
    for (const sample of set.samples) {
      expect(sample.code).toContain(context.apiKey);
      if (sample.language !== "typescript") expect(sample.code).toContain(filled);
      else for (const value of Object.values(example.request.path)) expect(sample.code).toContain(JSON.stringify(value));
    }
    const [curl, js, , python] = set.samples.map((s) => s.code);
    expect(curl).toContain(operation.method === "get" ? "curl '" : `-X ${operation.method.toUpperCase()}`);
    expect(js).toContain(`method: "${operation.method.toUpperCase()}"`);
    expect(python).toContain(`requests.${operation.method}(`);
    const body = example.request.body;
    expect(curl!.includes("--data")).toBe(body !== undefined);
    if (body !== undefined) expect(curl).toContain(shellQuote(JSON.stringify(body)));
  });

  it("fill in an edited example: another key, base URL, path value, query and body", () => {
    const operation = operations.find((o) => o.operationId === "createEmailDomain")!;
    const [example] = exampleRequests(operation, context);
    const edited = { ...example!.request, baseUrl: "https://api.example.test/", apiKey: "k'ey", path: { accountId: "b0000000-0000-4000-8000-000000000002" }, body: { domain: "o'hara.example.com", description: null } };
    const [curl, js, ts, python] = codeSamples(operation, edited).map((s) => s.code);
    expect(curl).toContain(`'https://api.example.test/api/v1/accounts/b0000000-0000-4000-8000-000000000002/email-domains'`);
    expect(curl).toContain(`-H 'x-api-key: k'\\''ey'`);
    expect(js).toContain(`"x-api-key": "k'ey"`);
    expect(ts).toContain(`client.createEmailDomain({\n  path: {\n    accountId: "b0000000-0000-4000-8000-000000000002",\n  },\n  body: {\n    domain: "o'hara.example.com",\n    description: null,\n  },\n})`);
    expect(python).toContain(`"description": None,`);
  });

  it("quote for the shell so that bash reads the exact text back", async () => {
    const text = `it's "quoted" $HOME \`x\` \\ ; & |`;
    const { stdout } = await run("bash", ["-c", `printf %s ${shellQuote(text)}`]);
    expect(stdout).toBe(text);
  });

  it("write JSON as JavaScript and Python literals", () => {
    const value = { a: [1, true, null], "b-c": { d: "é\"" }, e: [], f: {} };
    expect(eval(`(${jsLiteral(value)})`)).toEqual(value);
    expect(pythonLiteral(value)).toBe(`{\n    "a": [\n        1,\n        True,\n        None,\n    ],\n    "b-c": {\n        "d": "é\\"",\n    },\n    "e": [],\n    "f": {},\n}`);
  });

  it("refuse a request of another operation, and a path without its value", () => {
    const [list, create] = operations;
    const request = exampleRequests(list!, context)[0]!.request;
    expect(() => codeSamples(create!, request)).toThrow(/given for/);
    expect(() => codeSamples(list!, { ...request, path: {} })).toThrow(/no value for the path parameter accountId/);
  });

  it("bundle for the browser: the generators import nothing of Node", async () => {
    const result = await build({
      stdin: { contents: `export * from "./code-samples.ts"; export * from "./example-requests.ts"; export * from "./all-samples.ts";`, resolveDir: import.meta.dirname, loader: "ts" },
      bundle: true,
      write: false,
      platform: "browser",
      format: "esm",
      logLevel: "silent",
      external: [],
    });
    expect(result.errors).toEqual([]);
    expect(result.outputFiles[0]!.text).not.toMatch(/from "node:/);
  });
});
