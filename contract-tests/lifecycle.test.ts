// The life of one domain, from create to delete, each step seen through the API only.
import { describe, expect, it } from "vitest";
import { clientFor } from "./support/client.js";
import { CHECK, COLLECTION, createDomain, getDomain, ITEM } from "./support/domains.js";
import { accountDomains, listedDomain } from "./support/look-around.js";
import { contractDomainName } from "./support/names.js";
import { target } from "./support/target.js";
import { expectStatus } from "./support/expect-status.js";

const who = target.own;
const api = clientFor(who);

describe("an email domain's lifecycle", () => {
  it("create -> get -> list -> update -> checkDkimStatus -> delete, then every operation on it gives 404", async () => {
    const name = contractDomainName();
    const created = await createDomain(api, who, { domain: name, description: "lifecycle" });
    expect(created).toMatchObject({ domain: name, description: "lifecycle", accountId: who.accountId });

    const fetched = await getDomain(api, who, created.id);
    expectStatus(fetched.response, 200);
    expect(fetched.domain, "get returns what create returned").toEqual(created);

    expect(await listedDomain(api, who, created.id), "the list contains it").toEqual(created);

    const path = { accountId: who.accountId, id: created.id };
    const updated = await api.PATCH(ITEM, { params: { path }, body: { description: "changed by the contract suite" } });
    expectStatus(updated.response, 200);
    expect(updated.data).toMatchObject({ id: created.id, domain: name, description: "changed by the contract suite" });
    expect((await getDomain(api, who, created.id)).domain, "a fresh get shows the update").toEqual(updated.data);

    const checked = await api.PATCH(CHECK, { params: { path } });
    expectStatus(checked.response, 200);
    const after = checked.data!;
    expect(after.dkimAttempts, "a check counts a DKIM attempt").toBeGreaterThan(created.dkimAttempts);
    expect(after.dkimRequestedAt, "a check sets dkimRequestedAt").not.toBeNull();
    expect(after.dkimRequestedAt).not.toEqual(created.dkimRequestedAt);
    expect((await getDomain(api, who, created.id)).domain, "a fresh get shows the check").toEqual(after);

    const deleted = await api.DELETE(ITEM, { params: { path } });
    expectStatus(deleted.response, 204);

    expectStatus((await getDomain(api, who, created.id)).response, 404);
    expectStatus((await api.PATCH(ITEM, { params: { path }, body: { description: "gone" } })).response, 404);
    expectStatus((await api.PATCH(CHECK, { params: { path } })).response, 404);
    expectStatus((await api.DELETE(ITEM, { params: { path } })).response, 404);
    expect((await accountDomains(api, who)).some((d) => d.id === created.id), "the list no longer has it").toBe(false);
  });

  it("stores the domain name in lower case", async () => {
    const name = contractDomainName();
    const created = await createDomain(api, who, { domain: name.toUpperCase() });
    expect(created.domain).toBe(name);
    expect(created.description, "an absent description is stored as null").toBeNull();
  });
});
