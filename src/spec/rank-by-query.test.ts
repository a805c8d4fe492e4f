import { describe, expect, it } from "vitest";
import { rankByQuery, words } from "./rank-by-query.js";

const entries = [
  { title: "List email domains listEmailDomains", text: "get /email-domains Returns one page of the account's domains; a deleted domain is gone." },
  { title: "Delete an email domain deleteEmailDomain", text: "delete /email-domains/{id} Removes the domain." },
  { title: "Check the DKIM status checkEmailDomainDkimStatus", text: "patch /checkDkimStatus Asks for the DNS records to be checked." },
];

describe("rankByQuery", () => {
  it("splits camelCase (keeping the whole word too) and paths into words", () => {
    expect(words("checkDkimStatus /api/v1")).toEqual(["checkdkimstatus", "check", "dkim", "status", "api", "v1"]);
  });

  it("puts a title match before an entry that only mentions the word, whatever the page order", () => {
    expect(rankByQuery(entries, "delete").map((r) => r.entry.title)).toEqual([entries[1]!.title, entries[0]!.title]);
  });

  it("needs every word when some entry has them all, and finds an operationId typed as one word", () => {
    expect(rankByQuery(entries, "dkim check").map((r) => r.entry)).toEqual([entries[2]]);
    expect(rankByQuery(entries, "checkemaildomaindkimstatus").map((r) => r.entry)).toEqual([entries[2]]);
  });

  it("falls back to entries matching some of the words, and finds nothing for no word", () => {
    expect(rankByQuery(entries, "dkim nonsense")[0]?.entry).toBe(entries[2]);
    expect(rankByQuery(entries, "  ")).toEqual([]);
  });

  it("says where the whole query occurs in the text, for an excerpt", () => {
    const [hit] = rankByQuery(entries, "DNS records");
    expect(hit?.entry.text.slice(hit.at, hit.at + 11)).toBe("DNS records");
  });
});
