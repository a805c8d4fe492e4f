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
