import { describe, expect, it } from "vitest";
import { createMemoryStore } from "../domain/stores.js";
import { ACCOUNT_A, testEnvironment, testSeed } from "../../test-support/store-fixtures.js";
import { jsonText } from "./json-text.js";

describe("jsonText", () => {
  it("writes exactly what JSON.stringify writes, for every kind of body", () => {
    const frozen = Object.freeze({ a: 1, nested: Object.freeze({ b: [1, "x", null] }) });
    const bodies: unknown[] = [
      { statusCode: 404, error: "Not Found", message: "Email domain x not found" },
      frozen,
      [frozen, frozen],
      [],
      [1, "two", null, undefined, { three: 3 }, [4]],
      "text",
      42,
      null,
      { date: new Date(0), text: 'quote " and \u2028' },
    ];
    for (const body of bodies) expect(jsonText(body)).toBe(JSON.stringify(body));
  });

  it("gives a stored domain's new text after the store changes it", async () => {
    const store = createMemoryStore(testSeed(), testEnvironment());
    const [first] = await store.list(ACCOUNT_A, 0, 1);
    expect(jsonText(first)).toBe(JSON.stringify(first));
    const changed = await store.updateDescription(ACCOUNT_A, first!.id, "a new description");
    expect(jsonText(changed)).toBe(JSON.stringify(changed));
    expect(jsonText(changed)).toContain("a new description");
    const page = await store.list(ACCOUNT_A, 0, 10);
    expect(jsonText(page)).toBe(JSON.stringify(page));
  });

  it("does not keep the text of an object whose insides can still change", () => {
    const inner = { description: "before" };
    const shallow = Object.freeze({ id: "x", inner });
    expect(jsonText(shallow)).toContain("before");
    inner.description = "after";
    expect(jsonText(shallow)).toBe(JSON.stringify(shallow));
    const open = { n: 1 };
    expect(jsonText([open])).toBe('[{"n":1}]');
    open.n = 2;
    expect(jsonText([open])).toBe('[{"n":2}]');
  });
});
