// The checks before any test, read against the spec: a doubled path prefix, account ids, network errors.
import { describe, expect, it } from "vitest";
import { loadBundledSpec } from "../../src/spec/load-spec.js";
import { listOperations } from "../../src/spec/operations.js";
import { parseOptions, type RunOptions } from "./options.js";
import { checkOptions, commonPathSegments, doubledPrefix, networkReason, PreflightError } from "./preflight.js";

const spec = loadBundledSpec();
const common = commonPathSegments(spec);
const options = (baseUrl: string, accountId = "a0000000-0000-4000-8000-000000000001"): RunOptions =>
  parseOptions(["--base-url", baseUrl, "--api-key", "k", "--account-id", accountId, "--report-dir", "/r", "--timeout-ms", "1000"], {}, "/");

describe("the spec's common path prefix", () => {
  it("is what every operation's path starts with, up to the first template", () => {
    expect(common.length).toBeGreaterThanOrEqual(2);
    for (const op of listOperations(spec)) expect(op.path.startsWith(`/${common.join("/")}/`)).toBe(true);
  });
});

describe("doubledPrefix", () => {
  const two = `/${common.slice(0, 2).join("/")}`;
  it.each([
    [`http://h:1${two}`, two],
    [`https://h/gateway${two}`, two],
    [`http://h:1/${common.join("/")}`, `/${common.join("/")}`],
    ["http://h:1", undefined],
    [`http://h:1/${common[0]}`, undefined], // one segment may be a gateway's mount point
    [`http://h:1${two}-staging`, undefined],
  ])("%s -> %s", (url, doubled) => {
    expect(doubledPrefix(url, spec)).toBe(doubled);
  });
});

describe("checkOptions", () => {
  it("refuses a doubled prefix with the URL to use instead", () => {
    const two = `/${common.slice(0, 2).join("/")}`;
    expect(() => checkOptions(options(`http://h:1${two}`), spec)).toThrow(new PreflightError(`--base-url http://h:1${two} ends in ${two}, which every path of the API starts with already: use --base-url http://h:1`));
  });

  it("refuses what is not an http URL, and an account id its parameter's schema rejects", () => {
    expect(() => checkOptions(options("h:1"), spec)).toThrow(PreflightError);
    expect(() => checkOptions(options("ftp://h"), spec)).toThrow(/http or https/);
    expect(() => checkOptions(options("http://h", "12"), spec)).toThrow(/--account-id 12: must match format "uuid"/);
    expect(() => checkOptions(options("http://h"), spec)).not.toThrow();
  });
});

describe("networkReason", () => {
  const cause = (code: string) => Object.assign(new TypeError("fetch failed"), { cause: { code } });
  it.each([
    [cause("ECONNREFUSED"), /^connection refused/],
    [cause("ENOTFOUND"), /^host not found$/],
    [Object.assign(new Error("The operation was aborted due to timeout"), { name: "TimeoutError" }), /timeout/],
  ])("%s", (error, reason) => {
    expect(networkReason(error, 1000)).toMatch(reason);
  });
});
