// `start` pages through the account's domains: every page is the matching slice of the whole list, the
// list is in the documented order, past the end is [], and a `start` the parameter's schema rejects is a 400.
import { beforeAll, describe, expect, it } from "vitest";
import { clientFor } from "./support/client.js";
import { COLLECTION, createDomain, listAll, type EmailDomain } from "./support/domains.js";
import { listAccount } from "./support/look-around.js";
import { parameterAccepts, parameterSchema } from "./support/spec.js";
import { target } from "./support/target.js";
import { expectStatus } from "./support/expect-status.js";

const who = target.own;
const api = clientFor(who);
const collection = { accountId: who.accountId };
// How many domains the suite may create to see a second page (a real server may have a large page size).
const MAX_FILL = Number(process.env["CONTRACT_PAGINATION_MAX_CREATE"] ?? 60);

async function page(start?: number): Promise<EmailDomain[]> {
  const { data, response } = await api.GET(COLLECTION, { params: { path: collection, query: start === undefined ? {} : { start } } });
  expectStatus(response, 200, `list with start=${start}`);
  return data!;
}

/** Values of `start` its schema rejects, built from the schema's own bounds. */
function invalidStarts(): string[] {
  const schema = parameterSchema("listEmailDomains", "start");
  const candidates = [
    String((schema.minimum ?? 0) - 1),
    String((schema.minimum ?? 0) + 0.5),
    ...(schema.maximum === undefined ? [] : [String(schema.maximum + 1)]),
    "abc",
    "",
  ];
  return candidates.filter((c) => !parameterAccepts("listEmailDomains", "start", c));
}

// Each test needs only what it checks, so a server that breaks one paging rule fails the tests of that rule
// (naming it), not every test of the file at once.
describe("listEmailDomains paging with start", () => {
  beforeAll(async () => {
    for (let i = 0; i < 3; i++) await createDomain(api, who);
  });

  it("is ordered by createdAt, then id", async () => {
    // The order of what the pages show, also when paging itself is broken (other tests report that).
    const { domains } = await listAccount(api, who);
    const sorted = [...domains].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    expect(domains.map((d) => d.id)).toEqual(sorted.map((d) => d.id));
  });

  it("without start is the page at 0", async () => {
    expect(await page()).toEqual(await page(0));
  });

  it.each([0, 1, 2])("start=%i is the matching slice of the whole list", async (start) => {
    // The account holds at least the three domains created above, so the first page reaches index 2.
    const first = await page(0);
    const got = await page(start);
    expect(got.length).toBeGreaterThan(0);
    const overlap = Math.min(got.length, first.length - start);
    expect(got.slice(0, overlap).map((d) => d.id), `start was not honoured: the page at start=${start} does not continue the list from there`).toEqual(
      first.slice(start, start + overlap).map((d) => d.id),
    );
  });

  it("start at the last index is the last domain; at or past the end it is []", async () => {
    const full = await listAll(api, who);
    expect((await page(full.length - 1)).map((d) => d.id)).toEqual([full.at(-1)!.id]);
    expect(await page(full.length)).toEqual([]);
    expect(await page(full.length + 1000)).toEqual([]);
  });

  it("a second page continues where the first ended", async ({ skip }) => {
    // Create domains (at most MAX_FILL) until the account no longer fits on the first page.
    let total = (await listAll(api, who)).length;
    let first = await page(0);
    for (let created = 0; first.length >= total && created < MAX_FILL; created++) {
      await createDomain(api, who);
      total++;
      first = await page(0);
    }
    if (first.length >= total) {
      // A real server may have pages larger than CONTRACT_PAGINATION_MAX_CREATE; the mock's must show a second page.
      expect(target.inProcessMock, `no second page after creating ${MAX_FILL} domains`).toBe(false);
      return skip(`no second page after creating ${MAX_FILL} domains (raise CONTRACT_PAGINATION_MAX_CREATE)`);
    }
    const second = await page(first.length);
    expect(second.length, "the second page is not empty").toBeGreaterThan(0);
    const all = await listAll(api, who);
    expect([...first, ...second].map((d) => d.id)).toEqual(all.slice(0, first.length + second.length).map((d) => d.id));
  });

  const bad = invalidStarts();
  it("has invalid values generated from the parameter's schema", () => expect(bad.length).toBeGreaterThan(2));
  it.each(bad)("start=%j -> 400", async (start) => {
    // The typed client only takes numbers; the raw text goes through a query serializer.
    const { response } = await api.GET(COLLECTION, { params: { path: collection }, querySerializer: () => `start=${encodeURIComponent(start)}` });
    expectStatus(response, 400, "a start its schema rejects is answered 400");
  });

  it("a repeated start -> 400", async () => {
    const { response } = await api.GET(COLLECTION, { params: { path: collection }, querySerializer: () => "start=0&start=1" });
    expectStatus(response, 400, "a start given twice is answered 400");
  });
});
