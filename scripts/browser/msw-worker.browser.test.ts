// The MSW host in a real browser (Debian's Chromium via playwright-core): a page built by Vite starts the
// MSW worker with the kit's handlers under a Content-Security-Policy without 'unsafe-eval', and the typed
// client walks a domain's lifecycle through it: create, check until verified, a 409, a 400, delete. With
// persist on, the world survives a reload. The page's server only serves files: every API answer comes
// from the worker, and every answer is held to the bundled spec here in Node.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmailDomain } from "../../src/storage/types.js";
import { createSpecConformance, type Observed } from "../../test-support/spec-conformance.js";
import { connectChromium } from "./shared-browser.js";
import { buildMswPage } from "./build-msw-page.js";
import { serveDirectory, type ServedDirectory } from "./serve-directory.js";

/** No 'unsafe-eval' and no 'unsafe-inline' anywhere: what a strict production page would send. */
const CSP = "default-src 'self'; script-src 'self'; worker-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
const WAIT = { timeout: 20_000 };

type Outcome = { ok: true; value: unknown } | { ok: false; statusCode: number; error: string; message: string };
interface Harness {
  accountId: string;
  answers: Observed[];
  call(method: string, ...args: unknown[]): Promise<Outcome>;
  tryEval(): Promise<"blocked" | "ran">;
}
interface CspViolation {
  directive: string;
  blockedUri: string;
}
type PageWindow = Window & { harness: Harness; __csp: CspViolation[] };

let browser: Browser;
let site: ServedDirectory;
let outDir: string;
const conformance = createSpecConformance();

beforeAll(async () => {
  browser = await connectChromium(); // the run's one Chromium (its launch fails, never skips, with the install command when Chromium is missing)
  outDir = mkdtempSync(join(tmpdir(), "msw-page-"));
  await buildMswPage(outDir);
  site = await serveDirectory(outDir, { "content-security-policy": CSP });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

interface OpenPage {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught page errors. */
  errors: string[];
}

async function openPage(): Promise<OpenPage> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  // Chromium logs every 4xx answer as "Failed to load resource": the walk asks for 4xx on purpose.
  const expected4xx = /^Failed to load resource: the server responded with a status of 4\d\d/;
  page.on("console", (msg) => void (msg.type() === "error" && !expected4xx.test(msg.text()) && errors.push(msg.text())));
  page.on("pageerror", (err) => errors.push(String(err)));
  await page.addInitScript(() => {
    const store: Array<{ directive: string; blockedUri: string }> = [];
    (window as unknown as { __csp: typeof store }).__csp = store;
    document.addEventListener("securitypolicyviolation", (e) => store.push({ directive: e.effectiveDirective, blockedUri: e.blockedURI }));
  });
  await loadHarness(page);
  return { context, page, errors };
}

async function loadHarness(page: Page, reload = false): Promise<void> {
  if (reload) await page.reload();
  else await page.goto(site.url);
  await page.waitForFunction(() => "harness" in window, undefined, WAIT);
}

function call(page: Page, method: string, ...args: unknown[]): Promise<Outcome> {
  return page.evaluate(([m, a]) => (window as unknown as PageWindow).harness.call(m, ...a), [method, args] as const);
}

async function value<T>(page: Page, method: string, ...args: unknown[]): Promise<T> {
  const outcome = await call(page, method, ...args);
  if (!outcome.ok) throw new Error(`${method} answered ${outcome.statusCode}: ${outcome.message}`);
  return outcome.value as T;
}

async function accountId(page: Page): Promise<string> {
  return page.evaluate(() => (window as unknown as PageWindow).harness.accountId);
}

/** What the page saw, held to the spec; and what the CSP blocked. */
async function pageReport(page: Page) {
  return page.evaluate(() => ({ answers: (window as unknown as PageWindow).harness.answers, csp: (window as unknown as PageWindow).__csp }));
}

describe("the MSW worker in headless Chromium, under a CSP without 'unsafe-eval'", { timeout: 90_000 }, () => {
  it("answers the typed client's lifecycle: create, check until verified, 409, 400, delete", async () => {
    const { context, page, errors } = await openPage();
    const account = await accountId(page);

    const created = await value<EmailDomain>(page, "create", account, { domain: "browser-walk.example.com", description: "from Chromium" });
    expect(created).toMatchObject({ domain: "browser-walk.example.com", isVerified: false });

    let current = created;
    for (let checks = 0; !current.isVerified && checks < 10; checks++) current = await value<EmailDomain>(page, "checkDkimStatus", account, created.id);
    expect(current).toMatchObject({ id: created.id, isVerified: true, tokenVerificationStatus: "verified", dkimStatus: "verified" });

    expect(await call(page, "create", account, { domain: "BROWSER-WALK.example.com" })).toMatchObject({ ok: false, statusCode: 409, error: "Conflict" });
    const bad = await call(page, "create", account, { domain: "not a hostname" });
    expect(bad).toMatchObject({ ok: false, statusCode: 400 });
    expect(bad.ok === false && bad.message).toMatch(/domain/);

    await value(page, "remove", account, created.id);
    expect(await call(page, "get", account, created.id)).toMatchObject({ ok: false, statusCode: 404 });

    const report = await pageReport(page);
    expect(report.answers.map((a) => a.status)).toEqual([201, ...Array(report.answers.length - 5).fill(200), 409, 400, 204, 404]);
    expect(report.answers.flatMap((answer) => conformance.problems(answer))).toEqual([]);
    // The page's own server was never asked for the API: the worker answered.
    expect(site.requested.filter((path) => path.startsWith("/api/"))).toEqual([]);
    expect(report.csp).toEqual([]);
    expect(errors).toEqual([]);

    // The policy is really enforced and the listener really hears it: compiling code from a string is blocked.
    expect(await page.evaluate(() => (window as unknown as PageWindow).harness.tryEval())).toBe("blocked");
    expect((await pageReport(page)).csp).toEqual([expect.objectContaining({ directive: "script-src" })]);
    await context.close();
  });

  it("keeps the world across a reload with persist: \"sessionStorage\", and only because of it", async () => {
    const { context, page, errors } = await openPage();
    const account = await accountId(page);
    const created = await value<EmailDomain>(page, "create", account, { domain: "survives-reload.example.com" });
    const checked = await value<EmailDomain>(page, "checkDkimStatus", account, created.id);

    await loadHarness(page, true);

    expect(await value(page, "get", account, created.id)).toEqual(checked);
    expect(await call(page, "create", account, { domain: "survives-reload.example.com" })).toMatchObject({ ok: false, statusCode: 409 });

    // Without what sessionStorage holds, a reload starts again from the demo seed.
    await page.evaluate(() => sessionStorage.clear());
    await loadHarness(page, true);
    expect(await call(page, "get", account, created.id)).toMatchObject({ ok: false, statusCode: 404 });

    expect((await pageReport(page)).answers.flatMap((answer) => conformance.problems(answer))).toEqual([]);
    expect((await pageReport(page)).csp).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
