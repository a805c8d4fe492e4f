// The API reference as a reader sees it, in a real browser (Debian's Chromium via playwright-core): built by
// `npm run docs:html`, served by the mock at /docs, every operation and every EmailDomain field reachable,
// nothing loaded from another host, every link working in a new tab, the serving mock first in the Servers
// list. Then a page on another origin calls the mock as a frontend would (CORS).
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Browser, Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docsHtml, packageRoot } from "../../src/project-paths.js";
import { loadBundledSpec } from "../../src/spec/load-spec.js";
import { startMock, type RunningMock } from "../../src/hosts/node/start-mock.js";
import { call, DEMO_A, domainsPath } from "../../test-support/demo-api.js";
import { launchChromium } from "./launch-chromium.js";
import { servePage } from "./serve-page.js";

const screenshot = join(packageRoot, "reports", "docs.png");
const WAIT = { timeout: 15_000 };

interface CspViolation {
  directive: string;
  blockedUri: string;
}

/** What the reader must find, read from the bundled spec rather than retyped. */
function expectedContent() {
  const spec = loadBundledSpec();
  const operations = Object.values(spec.paths ?? {}).flatMap((item) =>
    (["get", "post", "put", "patch", "delete"] as const).flatMap((m) => (item?.[m] ? [item[m]] : [])),
  );
  const emailDomain = spec.components?.schemas?.["EmailDomain"];
  return {
    title: spec.info.title,
    tags: (spec.tags ?? []).map((t) => t.name),
    summaries: operations.map((op) => op.summary ?? `(no summary for ${op.operationId})`),
    fields: Object.keys(emailDomain?.properties ?? {}),
  };
}

let browser: Browser;
let mock: RunningMock;

beforeAll(async () => {
  browser = await launchChromium(); // fails (never skips) with the install command when Chromium is missing
  await promisify(execFile)("npm", ["run", "docs:html", "--silent"], { cwd: packageRoot, timeout: 60_000 });
  mock = await startMock({ port: 0 });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await mock?.close();
});

describe("the API reference at /docs", { timeout: 60_000 }, () => {
  it("shows every operation and every EmailDomain field, loading nothing from another host", async () => {
    const expected = expectedContent();
    expect(expected.summaries).toHaveLength(6);
    expect(expected.fields).toHaveLength(34);

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const requested: Request[] = [];
    context.on("request", (req) => requested.push(req));
    const page = await context.newPage();
    await recordCspViolations(page);

    await page.goto(mock.url + "/", { waitUntil: "load" }); // `/` redirects to the docs
    expect(new URL(page.url()).pathname).toBe("/docs");
    expect(await page.title()).toBe(expected.title);

    for (const tag of expected.tags) await page.getByText(tag, { exact: true }).first().click();
    for (const summary of expected.summaries) {
      await page.getByText(summary, { exact: true }).first().click(); // the sidebar entry
      await heading(page, summary).waitFor({ state: "visible", ...WAIT });
    }

    // The single-domain operation renders EmailDomain as its 200 body.
    await page.getByText("Get one email domain", { exact: true }).first().click();
    await heading(page, "Get one email domain").waitFor(WAIT);
    const missing: string[] = [];
    for (const field of expected.fields) {
      if (!(await page.locator("main").getByText(field, { exact: true }).first().isVisible())) missing.push(field);
    }
    expect(missing).toEqual([]);

    // The screenshot shows the sidebar with all six operations and the operation with EmailDomain's fields;
    // a tall viewport instead of scrolling, because Redoc re-renders what it shows when the page scrolls.
    await page.setViewportSize({ width: 1280, height: 2400 });
    await page.locator("main").getByText("isVerified", { exact: true }).first().waitFor(WAIT);
    mkdirSync(join(packageRoot, "reports"), { recursive: true });
    await page.screenshot({ path: screenshot });

    // Nothing from another host, not even blocked (build-docs.ts inlines Redoc's logo), no CSP violation,
    // and every image on the page loaded.
    const origin = new URL(mock.url).origin;
    const foreign = requested.filter((req) => !/^(blob|data):/.test(req.url()) && new URL(req.url()).origin !== origin);
    expect(foreign.map((req) => `${req.resourceType()} ${req.url()} (${req.failure()?.errorText ?? "not blocked"})`)).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __csp: CspViolation[] }).__csp)).toEqual([]);
    const images = await page.locator("img").evaluateAll((imgs) => (imgs as HTMLImageElement[]).map((i) => ({ src: i.src.slice(0, 60), loaded: i.complete && i.naturalWidth > 0 })));
    expect(images.length).toBeGreaterThan(0); // Redoc's attribution logo, at least
    expect(images.filter((i) => !i.loaded)).toEqual([]);
    await context.close();
  });
});

describe("the reference's links", { timeout: 120_000 }, () => {
  it("open the same place in a new tab (or when copied): the title, each section, the tag and each operation", async () => {
    const expected = expectedContent();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(mock.url + "/docs", { waitUntil: "load" });
    for (const tag of expected.tags) await page.getByText(tag, { exact: true }).first().click(); // lists the operations
    await heading(page, expected.summaries[0]!).waitFor({ state: "attached", ...WAIT });

    const hrefs = await page.locator("a[href]").evaluateAll((anchors) => anchors.map((a) => a.getAttribute("href") ?? ""));
    const internal = hrefs.filter((href) => !/^[a-z]+:/i.test(href) && !href.startsWith("#redocly"));
    expect(internal.length).toBeGreaterThan(expected.summaries.length);
    expect(internal.filter((href) => !href.startsWith("#/"))).toEqual([]); // no path links: the mock has no page there
    // The sidebar's entries: the title, each section, each tag, each operation.
    const routes = await page.locator('[data-component-name="Menu/MenuItem"] a[href]').evaluateAll((anchors) =>
      anchors.map((a) => ({ href: a.getAttribute("href") ?? "", text: (a.textContent ?? "").trim() })),
    );
    for (const name of [expected.title, ...expected.tags, ...expected.summaries]) expect(routes.map((r) => r.text)).toContainEqual(expect.stringContaining(name));
    expect(routes.length).toBeGreaterThan(expected.summaries.length + expected.tags.length + 1); // and the sections

    for (const route of routes) {
      const url = new URL(route.href, page.url()).href;
      const tab = await context.newPage();
      const response = await tab.goto(url, { waitUntil: "load" });
      expect(response?.status(), url).toBe(200);
      expect(response?.headers()["content-type"], url).toMatch(/^text\/html/);
      // The link's own text names what it leads to: that heading must come into view in the new tab.
      const title = route.text.replace(/(get|post|put|patch|delete)$/i, "").trim();
      await expect.poll(() => inViewport(tab, title), { timeout: 15_000, message: `${url} shows "${title}"` }).toBe(true);
      await tab.close();
    }
    await context.close();
  });
});

describe("the Servers list", { timeout: 60_000 }, () => {
  const firstServer = async (page: Page) => {
    const item = page.locator('[data-component-name="Dropdown/DropdownMenuItem"]').first();
    await item.waitFor({ state: "attached", ...WAIT });
    return (await item.textContent())?.trim();
  };
  const listPath = () => Object.keys(loadBundledSpec().paths ?? {})[0]!;

  it("names the mock that serves /docs first, with the port it listens on", async () => {
    const page = await browser.newPage();
    await page.goto(mock.url + "/docs#/email-domains/listemaildomains", { waitUntil: "load" });
    const first = await firstServer(page);
    expect(first).toContain(mock.url + listPath());
    expect(first).toContain("This mock");
    await page.close();
  });

  it("keeps the spec's own servers in the published file, served by any other host", async () => {
    const published = await servePage(readFileSync(docsHtml, "utf8"));
    const page = await browser.newPage();
    try {
      await page.goto(published.url + "#/email-domains/listemaildomains", { waitUntil: "load" });
      const server = loadBundledSpec().servers![0]!;
      expect(await firstServer(page)).toBe(`${server.description} ${server.url}${listPath()}`);
    } finally {
      await page.close();
      await published.close();
    }
  });
});

describe("a frontend on another origin", { timeout: 60_000 }, () => {
  it("lists account A's domains with fetch and x-api-key (CORS)", async () => {
    const expected = await call(mock.url, "GET", domainsPath(DEMO_A.accountId), { key: DEMO_A.key });
    expect(expected.status).toBe(200);

    const result = await fetchFromAnotherOrigin(mock.url + domainsPath(DEMO_A.accountId), DEMO_A.key);

    expect(result).toEqual({ status: 200, body: expected.body });
    expect(result.body).toHaveLength(5);
  });

  it("is refused by the browser when the mock allows only other origins (the check can fail)", async () => {
    const strict = await startMock({ port: 0, corsOrigins: ["http://frontend.invalid"] });
    try {
      const result = await fetchFromAnotherOrigin(strict.url + domainsPath(DEMO_A.accountId), DEMO_A.key);
      expect(result.error).toMatch(/TypeError/);
    } finally {
      await strict.close();
    }
  });
});

interface FetchResult {
  status?: number;
  body?: unknown;
  error?: string;
}

/** Opens a page served from its own origin whose script fetches `url` with the key, as a frontend would. */
async function fetchFromAnotherOrigin(url: string, apiKey: string): Promise<FetchResult> {
  const html = `<!doctype html><meta charset="utf-8"><title>frontend</title>
<script type="module">
  try {
    const res = await fetch(${JSON.stringify(url)}, { headers: { "x-api-key": ${JSON.stringify(apiKey)} } });
    window.__result = { status: res.status, body: await res.json() };
  } catch (err) {
    window.__result = { error: String(err) };
  }
</script>`;
  const frontend = await servePage(html);
  const page = await browser.newPage();
  try {
    expect(new URL(frontend.url).origin).not.toBe(new URL(url).origin);
    await page.goto(frontend.url);
    await page.waitForFunction(() => "__result" in window, undefined, WAIT);
    return await page.evaluate(() => (window as unknown as { __result: FetchResult }).__result);
  } finally {
    await page.close();
    await frontend.close();
  }
}

/** An operation's title; Redoc's heading also holds a copy-link button, so match its text, not its role name. */
function heading(page: Page, text: string) {
  const exact = new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*$`);
  return page.locator("h1, h2").filter({ hasText: exact }).first();
}

async function recordCspViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const store: CspViolation[] = [];
    (window as unknown as { __csp: CspViolation[] }).__csp = store;
    document.addEventListener("securitypolicyviolation", (e) => store.push({ directive: e.effectiveDirective, blockedUri: e.blockedURI }));
  });
}

/** True when a heading with this text is on screen (Redoc scrolls to a route's target after it renders). */
async function inViewport(page: Page, text: string): Promise<boolean> {
  const starts = new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`);
  const target = page.locator("h1, h2, h3").filter({ hasText: starts }).first(); // the title's heading also holds its version
  if ((await target.count()) === 0) return false;
  const box = await target.boundingBox();
  const viewport = page.viewportSize();
  return !!box && !!viewport && box.y >= 0 && box.y < viewport.height;
}
