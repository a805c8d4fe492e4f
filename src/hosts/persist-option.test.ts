// The persist option outside a browser: a named storage that does not exist is a clear error at start (not a
// silent memory-only world), and any object with the Web Storage methods is accepted instead.
import { describe, expect, it } from "vitest";
import { createEmailDomainsHandlers } from "./msw.js";
import { DEFAULT_STORAGE_KEY, webStorageStoreFactory } from "./persist-option.js";
import { demoSeed } from "../generated/embedded.js";

describe("persist in Node without jsdom", () => {
  it.each(["sessionStorage", "localStorage"] as const)('persist: "%s" throws, naming what is missing', (persist) => {
    expect(globalThis).not.toHaveProperty(persist);
    expect(() => createEmailDomainsHandlers({ persist })).toThrow(new RegExp(`globalThis\\.${persist} is not defined`));
  });

  it("a Storage object handed in is used, under the default key", async () => {
    const items = new Map<string, string>();
    const storage = { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), removeItem: (k: string) => void items.delete(k) };
    const store = webStorageStoreFactory({ persist: storage })(demoSeed);
    await store.reset(demoSeed);
    expect([...items.keys()]).toEqual([DEFAULT_STORAGE_KEY]);
  });
});
