// A method a path does not document is answered 405, with an Allow header naming the documented ones.
import { randomUUID } from "node:crypto";
import type { Middleware } from "openapi-fetch";
import { describe, expect, it } from "vitest";
import { clientFor, withMethod } from "./support/client.js";
import { documentedMethodsByPath } from "./support/spec.js";
import { target } from "./support/target.js";
import { expectStatus } from "./support/expect-status.js";

const who = target.own;
// Probing undocumented methods needs paths the typed client has no method for: a loose view of the same client.
const api = clientFor(who) as unknown as {
  GET(path: string, init: { params: { path: Record<string, string> }; middleware: Middleware[] }): Promise<{ response: Response }>;
};
// fetch() refuses TRACE and CONNECT; HEAD and OPTIONS are answered by GET and CORS.
const PROBED = ["GET", "PUT", "POST", "DELETE", "PATCH"];

const cases = [...documentedMethodsByPath()].flatMap(([path, methods]) =>
  PROBED.filter((m) => !methods.includes(m)).map((method) => ({ path, method, methods })),
);

describe("an undocumented method", () => {
  for (const { path, method, methods } of cases) {
    it(`${method} ${path} -> 405 with Allow: ${methods.join(", ")}`, async () => {
      const { response } = await api.GET(path, {
        params: { path: { accountId: who.accountId, id: randomUUID() } },
        middleware: [withMethod(method)],
      });
      expectStatus(response, 405);
      const allow = (response.headers.get("allow") ?? "").split(",").map((m) => m.trim().toUpperCase());
      for (const m of methods) expect(allow, `Allow: ${response.headers.get("allow")}`).toContain(m);
      expect(allow).not.toContain(method);
    });
  }
});
