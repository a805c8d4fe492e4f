// The engine's router: operations found from the spec's path templates, as Express found them before.
import { describe, expect, it } from "vitest";
import { loadBundledSpec } from "../spec/load-spec.js";
import { listOperations } from "../spec/operations.js";
import { HttpError } from "./http-error.js";
import { createRouter } from "./router.js";

const operations = listOperations(loadBundledSpec());
const router = createRouter(operations.map((op) => ({ method: op.method, path: op.path, route: op.operationId })));
const A = "a0000000-0000-4000-8000-000000000001";
const ID = "d0000000-0000-4000-8000-00000000a001";

function failure(method: string, path: string): HttpError {
  try {
    router.match(method, path);
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error(`${method} ${path} matched`);
}

describe("the engine's router", () => {
  it.each(operations)("finds $operationId from its method and path template", (op) => {
    const path = op.path.replace("{accountId}", A).replace("{id}", ID);
    expect(router.match(op.method.toUpperCase(), path)).toEqual({ route: op.operationId, params: expect.objectContaining({ accountId: A }) });
  });

  it("prefers a literal segment to a parameter, and decodes parameters", () => {
    expect(router.match("PATCH", `/api/v1/accounts/${A}/email-domains/${ID}/checkDkimStatus`).route).toBe("checkEmailDomainDkimStatus");
    expect(router.match("GET", `/api/v1/accounts/${A}/email-domains/a%20b`).params).toEqual({ accountId: A, id: "a b" });
  });

  it("ignores one trailing slash and the letter case of literal segments, as Express did", () => {
    expect(router.match("GET", `/api/v1/accounts/${A}/email-domains/`).route).toBe("listEmailDomains");
    expect(router.match("GET", `/API/V1/accounts/${A}/Email-Domains`).route).toBe("listEmailDomains");
  });

  it("answers HEAD where GET is documented", () => {
    expect(router.match("HEAD", `/api/v1/accounts/${A}/email-domains`).route).toBe("listEmailDomains");
  });

  it("405 with the documented methods in Allow, for a known path", () => {
    const error = failure("PUT", `/api/v1/accounts/${A}/email-domains`);
    expect([error.status, error.headers]).toEqual([405, { Allow: "GET, POST, HEAD" }]);
  });

  it("404 for a path no template matches, including an empty parameter", () => {
    expect(failure("GET", "/api/v2/nothing").status).toBe(404);
    expect(failure("GET", "/api/v1/accounts//email-domains").status).toBe(404);
  });

  it("400 for a parameter that is not valid percent-encoding", () => {
    expect(failure("GET", `/api/v1/accounts/${A}/email-domains/%E0%A4%A`).status).toBe(400);
  });
});
