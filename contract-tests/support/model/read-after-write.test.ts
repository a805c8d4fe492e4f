// Read-your-writes: which read the model stage sends right after a write the target answered as done.
import { describe, expect, it } from "vitest";
import { CHECK, COLLECTION, ITEM } from "../domains.js";
import { readAfterWrite } from "./read-after-write.js";
import type { ConcreteCall } from "./steps.js";

const path = { accountId: "acc", id: "d1" };
const call = (operationId: ConcreteCall["operationId"], method: ConcreteCall["method"], pathTemplate: string): ConcreteCall => ({ operationId, method, pathTemplate, path, account: "own", who: "owner" });

describe("readAfterWrite", () => {
  it("lists the account after a create or a delete, where the new or removed domain shows", () => {
    for (const write of [call("createEmailDomain", "POST", COLLECTION), call("deleteEmailDomain", "DELETE", ITEM)]) {
      expect(readAfterWrite(write, { status: write.method === "POST" ? 201 : 204, body: undefined })).toMatchObject({ operationId: "listEmailDomains", path: { accountId: "acc" }, query: { start: 0 }, who: "owner" });
    }
  });

  it("gets the domain after an update or a check", () => {
    for (const write of [call("updateEmailDomain", "PATCH", ITEM), call("checkEmailDomainDkimStatus", "PATCH", CHECK)]) {
      expect(readAfterWrite(write, { status: 200, body: {} })).toMatchObject({ operationId: "getEmailDomain", path: { accountId: "acc", id: "d1" }, who: "owner" });
    }
  });

  it("reads nothing after a write that was refused, nor after a read", () => {
    expect(readAfterWrite(call("createEmailDomain", "POST", COLLECTION), { status: 409, body: {} })).toBeUndefined();
    expect(readAfterWrite(call("updateEmailDomain", "PATCH", ITEM), { status: 503, body: {} })).toBeUndefined();
    expect(readAfterWrite(call("getEmailDomain", "GET", ITEM), { status: 200, body: {} })).toBeUndefined();
  });
});
