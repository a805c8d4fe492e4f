// The CLI's flags over the variables, parsed by the suite's own parser: --model-delete-existing is a switch.
import { describe, expect, it } from "vitest";
import { parseOptions, UsageError } from "./options.js";

const base = ["--base-url", "http://127.0.0.1:1", "--api-key", "k", "--account-id", "a"];
const parse = (argv: string[], env: NodeJS.ProcessEnv = {}) => parseOptions([...base, ...argv], env, "/", () => {});

describe("--model-delete-existing", () => {
  it("is off without the flag or its variable", () => {
    expect(parse([]).settings.model.deleteExisting).toBe(false);
  });

  it("turns the model stage's deletes of pre-existing domains on, by flag or by variable", () => {
    expect(parse(["--model-delete-existing"]).settings.model.deleteExisting).toBe(true);
    expect(parse([], { CONTRACT_MODEL_DELETE_EXISTING: "1" }).settings.model.deleteExisting).toBe(true);
  });

  it("takes no value", () => {
    expect(() => parse(["--model-delete-existing", "1"])).toThrow(UsageError);
  });

  it("a wrong variable is named as the variable", () => {
    expect(() => parse([], { CONTRACT_MODEL_DELETE_EXISTING: "on" })).toThrow(/^CONTRACT_MODEL_DELETE_EXISTING must be 1/);
  });

  it("shows in --help with its warning", () => {
    let help = "";
    expect(() => parseOptions(["--help"], {}, "/", (t) => (help += t))).toThrow();
    expect(help).toMatch(/--model-delete-existing[\s\S]*destroys data/);
  });
});

describe("--parallel-runs and --parallel-clients", () => {
  it("set the concurrent stage, flags over the variables", () => {
    expect(parse(["--parallel-runs", "0", "--parallel-clients", "4"]).settings.parallel).toEqual({ runs: 0, clients: 4 });
    expect(parse(["--parallel-runs", "7"], { CONTRACT_PARALLEL_RUNS: "200", CONTRACT_PARALLEL_CLIENTS: "2" }).settings.parallel).toEqual({ runs: 7, clients: 2 });
  });

  it("a wrong value is a usage error naming the flag", () => {
    expect(() => parse(["--parallel-clients", "1"])).toThrow(UsageError);
    expect(() => parse(["--parallel-clients", "1"])).toThrow(/^--parallel-clients must be a whole number from 2 to 8/);
    expect(() => parse(["--parallel-runs", "x"])).toThrow(/^--parallel-runs must be a whole number/);
  });

  it("show in --help", () => {
    let help = "";
    expect(() => parseOptions(["--help"], {}, "/", (t) => (help += t))).toThrow();
    expect(help).toMatch(/--parallel-runs <n>[\s\S]*CONTRACT_PARALLEL_RUNS/);
    expect(help).toMatch(/--parallel-clients <k>[\s\S]*CONTRACT_PARALLEL_CLIENTS/);
  });
});
