import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareForList } from "./list-order.js";

describe("compareForList", () => {
  it("orders by the instant createdAt names, whatever form each value is written in", () => {
    const instant = fc.date({ min: new Date("1000-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z"), noInvalidDate: true });
    // toISOString (what the store writes), without milliseconds, and with an offset (what a seed may hold).
    const written = (d: Date, form: number) =>
      form === 0 ? d.toISOString() : form === 1 ? d.toISOString().replace(/\.\d{3}Z$/, "Z") : new Date(d.getTime() + 7_200_000).toISOString().replace("Z", "+02:00");
    fc.assert(
      fc.property(instant, instant, fc.nat(2), fc.nat(2), (x, y, fx, fy) => {
        const order = compareForList({ createdAt: written(x, fx), id: "a" }, { createdAt: written(y, fy), id: "b" });
        const byInstant = Math.sign(Math.floor(x.getTime() / (fx === 1 ? 1000 : 1)) * (fx === 1 ? 1000 : 1) - Math.floor(y.getTime() / (fy === 1 ? 1000 : 1)) * (fy === 1 ? 1000 : 1));
        expect(Math.sign(order)).toBe(byInstant === 0 ? -1 : byInstant); // equal instants: by id, "a" first
      }),
    );
  });
});
