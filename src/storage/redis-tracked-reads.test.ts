// The memo of the Redis store's answers: an answer is kept only when nothing of its account was invalidated
// while its read was on the way, and an invalidation drops exactly its own account's answers.
import { describe, expect, it } from "vitest";
import { TrackedReads } from "./redis-tracked-reads.js";

const A = "p:{acc-a}:g1:";
const B = "p:{acc-b}:g1:";

describe("TrackedReads", () => {
  it("keeps an answer, and drops all of an account's answers when any of its keys is invalidated", () => {
    const reads = new TrackedReads();
    reads.keep(reads.ticket(A), "get x", 1);
    reads.keep(reads.ticket(A), "page 0", 2);
    reads.keep(reads.ticket(B), "get y", 3);
    expect(reads.find(A, "get x")).toEqual({ value: 1 });
    reads.invalidate(`${A}order`);
    expect(reads.find(A, "get x")).toBeUndefined();
    expect(reads.find(A, "page 0")).toBeUndefined();
    expect(reads.find(B, "get y")).toEqual({ value: 3 });
  });

  it("keeps undefined (no such domain) as an answer of its own", () => {
    const reads = new TrackedReads();
    reads.keep(reads.ticket(A), "get gone", undefined);
    expect(reads.find(A, "get gone")).toEqual({ value: undefined });
  });

  it("does not keep an answer when its account was invalidated while the read was on its way", () => {
    const reads = new TrackedReads();
    const ticket = reads.ticket(A);
    reads.invalidate(`${A}domains`);
    reads.keep(ticket, "get x", "old");
    expect(reads.find(A, "get x")).toBeUndefined();
  });

  it("does not keep an answer read before everything was forgotten (a lost connection)", () => {
    const reads = new TrackedReads();
    const ticket = reads.ticket(A);
    reads.invalidate(null);
    reads.keep(ticket, "get x", "old");
    expect(reads.find(A, "get x")).toBeUndefined();
    reads.keep(reads.ticket(A), "get x", "new");
    expect(reads.find(A, "get x")).toEqual({ value: "new" });
  });

  it("ignores invalidations of keys that are no account's (the world's keys)", () => {
    const reads = new TrackedReads();
    reads.keep(reads.ticket(A), "get x", 1);
    reads.invalidate("p:{world}:g1:accounts");
    expect(reads.find(A, "get x")).toEqual({ value: 1 });
  });
});
