// The API reference in a real browser (Debian's Chromium via playwright-core), as `npm run docs:html` writes
// it to dist/docs/, served by a static file server with issue 19's strict CSP: readable with JavaScript off;
// every operation's try-it panel answered by the kit's mock inside the page (state kept for the session,
// reset); zero CSP violations, no request off the page's origin, no axe WCAG 2.2 AA violation in light and
// dark mode; the flow by keyboard alone; one URL per operation; search excerpts as the spec reads. Then the
// same page served by the mock at /docs/ (its own origin in the Servers list, the panels able to reach it),
// and a page on another origin calling the mock (CORS).
import { createRequire } from "node:module";
import { dirname } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoSeed } from "../../src/generated/embedded.js";
import { docsHtml } from "../../src/project-paths.js";
import { loadBundledSpec } from "../../src/spec/load-spec.js";
import { listOperations, type SpecOperation } from "../../src/spec/operations.js";
import { startMock, type RunningMock } from "../../src/hosts/node/start-mock.js";
import { call, DEMO_A, domainsPath } from "../../test-support/demo-api.js";
import { serveDirectory, type ServedDirectory } from "../browser/serve-directory.js";
import { operationAnchor, schemaAnchor } from "./anchors.js";
import { buildDocs } from "./build-docs.js";
import { cspViolations, openDocs, panel, readAnswer, record, send, STRICT_CSP, WAIT, type Recorder } from "./docs-page-support.js";
import { connectChromium } from "../browser/shared-browser.js";
import { servePage } from "./serve-page.js";

const docsDir = dirname(docsHtml);
const spec = loadBundledSpec();
const operations = listOperations(spec);
/** The first documented 2xx of an operation: the answer its prefilled example must get. */
const success = (op: SpecOperation) => Object.keys(op.responses).find((s) => s.startsWith("2"))!;
const byId = (id: string) => operations.find((op) => op.operationId === id)!;
const squash = (text: string) => text.replace(/\s+/g, " ").trim();
const sectionOf = (operationId: string) => `section[id="${operationAnchor(operationId)}"]`;
const operationTextOf = (operationId: string) => {
  const op = byId(operationId);
  return (spec.paths![op.path]![op.method] as { summary: string }).summary;
};

let browser: Browser;
let site: ServedDirectory;
let context: BrowserContext;
let recorder: Recorder;
let page: Page;

beforeAll(async () => {
  [browser] = await Promise.all([connectChromium(), buildDocs()]); // the run's one Chromium (its launch fails, never skips, when Chromium is missing)
  site = await serveDirectory(docsDir, { "content-security-policy": STRICT_CSP });
  context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  recorder = await record(context);
  page = await context.newPage();
  await openDocs(page, site.url);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe("the reference with JavaScript off", { timeout: 30_000 }, () => {
  it("holds every operation, parameter, schema field, status and example in its HTML", async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const p = await noJs.newPage();
    await p.goto(site.url);
    const text = squash((await p.locator("main").textContent()) ?? "");
    const pres = await p.locator("main pre").allTextContents();
    for (const op of operations) {
      await expect(p.locator(`${sectionOf(op.operationId)} h3`).first().isVisible(), op.operationId).resolves.toBe(true);
      expect(text).toContain(op.path);
      for (const param of op.parameters) expect(await p.locator(`${sectionOf(op.operationId)} th code`).allTextContents()).toContain(param.name);
      for (const status of Object.keys(op.responses)) expect(await p.locator(`[id="${operationAnchor(op.operationId)}-${status}"]`).count(), `${op.operationId} ${status}`).toBe(1);
      const media = [...Object.values(op.responses).map((r) => r.content["application/json"]), op.requestBody?.content["application/json"]];
      for (const example of media.flatMap((m) => Object.values(m?.examples ?? {}))) expect(pres).toContain(JSON.stringify(example, null, 2));
    }
    for (const [name, schema] of Object.entries(spec.components?.schemas ?? {})) {
      const fields = await p.locator(`[id="${schemaAnchor(name)}"] tbody th code`).allTextContents();
      expect(fields, name).toEqual(Object.keys((schema as { properties?: object }).properties ?? {}));
    }
    expect(await p.locator(`[id="${schemaAnchor("EmailDomain")}"] tbody tr`).count()).toBe(34);
    expect(await p.locator("form[data-operation-id]").count()).toBe(operations.length); // there, hidden until the script runs
    // The changelog lists the 1.0.0 release and the working spec's changes; every link in it leads into the page.
    const entries = await p.locator("#changelog .changelog-entry h3").allTextContents();
    expect(entries.some((title) => title.startsWith("1.0.0"))).toBe(true);
    expect(entries.some((title) => /working spec/.test(title))).toBe(true);
    const targets = await p.locator("#changelog a[href^='#']").evaluateAll((links) => links.map((a) => decodeURIComponent(a.getAttribute("href")!.slice(1))));
    expect(targets.length).toBeGreaterThan(0);
    const ids = new Set(await p.locator("[id]").evaluateAll((all) => all.map((e) => e.id)));
    expect(targets.filter((id) => !ids.has(id))).toEqual([]);
    // The code samples of each panel's prefilled request are readable too (c2-samples' generators).
    for (const op of operations) {
      const samples = await p.locator(`[data-samples="${op.operationId}"] pre`).allTextContents();
      expect(samples, op.operationId).toHaveLength(4);
      for (const sample of samples) expect(sample, op.operationId).toContain(demoSeed.accounts[0]!.apiKeys[0]!);
    }
    await noJs.close();
  });
});

describe("try it, answered by the in-page mock under the strict CSP", { timeout: 60_000 }, () => {
  it("answers each operation's prefilled example with its documented status, valid against the spec", async () => {
    expect(await page.evaluate(() => document.documentElement.dataset["ready"])).toBe("worker");
    const order = [...operations].sort((a, b) => Number(a.method === "delete") - Number(b.method === "delete")); // delete its example last
    for (const op of order) {
      const answer = await send(page, op.operationId);
      expect({ op: op.operationId, status: answer.status, verdict: answer.verdict }).toEqual({ op: op.operationId, status: success(op), verdict: "valid against the spec" });
    }
  });

  it("keeps what was created for the session: create, then list (also after a reload), then reset brings the demo data back", async () => {
    await page.locator("#sandbox-reset").click();
    const created = JSON.parse((await send(page, "createEmailDomain")).body) as { domain: string };
    expect(JSON.parse((await send(page, "listEmailDomains")).body)).toContainEqual(expect.objectContaining({ domain: created.domain }));

    await openDocs(page, site.url); // a reload: the sandbox lives in sessionStorage
    expect(JSON.parse((await send(page, "listEmailDomains")).body)).toContainEqual(expect.objectContaining({ domain: created.domain }));

    await page.getByRole("button", { name: "Reset the sandbox" }).click();
    await expect.poll(() => page.locator("#sandbox-state").textContent()).not.toBe("");
    const listed = JSON.parse((await send(page, "listEmailDomains")).body) as Array<{ id: string }>;
    expect(listed.map((d) => d.id)).toEqual(demoSeed.accounts[0]!.domains!.map((d) => d.id));
  });

  it("shows the documented 400 and its message for a bad body", async () => {
    const op = byId("createEmailDomain");
    const documented = Object.values(op.responses["400"]!.content["application/json"]!.examples).find((e) => (e as { message: string[] }).message.length > 1) as { message: string[] };
    await panel(page, op.operationId).locator("textarea").fill(JSON.stringify({ domain: "not a hostname", name: "x" }));
    const answer = await send(page, op.operationId);
    expect(answer.status).toBe("400");
    expect(answer.verdict).toBe("valid against the spec");
    const shown = JSON.parse(answer.body) as { message: string[] };
    expect({ ...shown, message: [...shown.message].sort() }).toEqual({ ...documented, message: [...documented.message].sort() });
  });

  it("puts account B's id and key in the panel with one click", async () => {
    const form = panel(page, "listEmailDomains");
    await form.getByRole("button", { name: "Use account B" }).click();
    expect(await form.locator("input[name='path:accountId']").inputValue()).toBe(demoSeed.accounts[1]!.accountId);
    const answer = await send(page, "listEmailDomains");
    expect(answer.status).toBe("200");
    expect(JSON.parse(answer.body)).toEqual([expect.objectContaining({ id: demoSeed.accounts[1]!.domains![0]!.id })]);
    // The code samples beside the panel follow it.
    for (const sample of await page.locator('[data-samples="listEmailDomains"] pre').allTextContents()) {
      expect(sample).toContain(demoSeed.accounts[1]!.apiKeys[0]!);
      expect(sample).toContain(demoSeed.accounts[1]!.accountId);
    }
    await form.getByRole("button", { name: "Use account A" }).click();
  });

  it("had no CSP violation, no page error and no request off the page's origin", async () => {
    expect(await cspViolations(page)).toEqual([]);
    expect(recorder.errors).toEqual([]);
    const origin = new URL(site.url).origin;
    expect(recorder.requests.filter((url) => !url.startsWith("data:") && new URL(url).origin !== origin)).toEqual([]);
    expect(site.requested).toContain("/mockServiceWorker.js");
    expect(site.requested.filter((path) => path.startsWith("/api/"))).toEqual([]); // every answer came from the page
  });
});

describe("the whole try-it flow by keyboard alone", { timeout: 60_000 }, () => {
  it("resets the sandbox, picks the target, switches account, picks an example, sends it and reads the answer", async () => {
    const k = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const p = await k.newPage();
    await openDocs(p, site.url);
    const tabTo = async (selector: string, key = "Tab") => {
      for (let i = 0; i < 300; i++) {
        await p.keyboard.press(key);
        if (await p.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
      }
      throw new Error(`Tab never reached ${selector}`);
    };
    await tabTo("#target-page"); // the target switch: arrow keys move through the radio group and back
    await p.keyboard.press("ArrowDown");
    expect(await p.locator("#target-origin").isChecked()).toBe(true);
    await p.keyboard.press("ArrowUp");
    expect(await p.locator("#target-page").isChecked()).toBe(true);
    await tabTo("#sandbox-reset");
    await p.keyboard.press("Enter");
    await expect.poll(() => p.locator("#sandbox-state").textContent()).not.toBe("");
    const form = '[data-operation-id="createEmailDomain"]';
    await tabTo(`${form} [data-account="1"]`);
    await p.keyboard.press("Space");
    expect(await p.locator(`${form} [data-account="1"]`).getAttribute("aria-pressed")).toBe("true");
    await tabTo(`${form} [data-account="0"]`, "Shift+Tab");
    await p.keyboard.press("Enter");
    expect(await p.locator(`${form} [data-account="0"]`).getAttribute("aria-pressed")).toBe("true");
    await tabTo(`${form} select`);
    await p.keyboard.press("ArrowDown"); // the next example
    const names = Object.keys(byId("createEmailDomain").requestBody!.content["application/json"]!.examples);
    expect(await p.locator(`${form} select`).inputValue()).toBe(names[1]);
    await tabTo(`${form} button[type=submit]`);
    await p.keyboard.press("Enter");
    await p.locator(`${form} [data-try-status]:not(:empty)`).waitFor(WAIT);
    expect((await readAnswer(p.locator(form))).status).toBe(success(byId("createEmailDomain")));
    await tabTo(`${form} [data-try-body]`); // the answer's body is reachable to scroll through
    await k.close();
  });
});

describe("axe-core", { timeout: 60_000 }, () => {
  it("finds no WCAG 2.2 AA violation in light mode nor in dark mode, with the panels open and an answer shown", async () => {
    // axe is injected as a script: this context alone bypasses the CSP (the page's own CSP is checked above).
    const a = await browser.newContext({ bypassCSP: true, colorScheme: "light", viewport: { width: 1400, height: 1000 } });
    const p = await a.newPage();
    await openDocs(p, site.url);
    await send(p, "getEmailDomain");
    await p.locator("details").evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    await p.addScriptTag({ path: createRequire(import.meta.url).resolve("axe-core/axe.min.js") });
    const run = () =>
      p.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
        const tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
        const result = await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
        return result.violations.map((v) => ({ id: v.id, nodes: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)) }));
      });
    expect({ light: await run() }).toEqual({ light: [] });
    await p.emulateMedia({ colorScheme: "dark" });
    expect(await p.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe("rgb(255, 255, 255)");
    expect({ dark: await run() }).toEqual({ dark: [] });
    await a.close();
  });
});

describe("one URL per operation", { timeout: 60_000 }, () => {
  /** Where `#fragment` put the operation's heading: just below the sticky header, in view. */
  async function landing(p: Page, fragment: string, operationId: string) {
    await p.goto("about:blank");
    await openDocs(p, `${site.url}#${fragment}`);
    const heading = (await p.locator(`[id="${operationAnchor(operationId)}-h"]`).boundingBox())!;
    const header = (await p.locator("header.top").boundingBox())!;
    return { top: heading.y - (header.y + header.height), header };
  }

  it("opens each operation directly, its heading just below the header and the sidebar in place", async () => {
    const p = await context.newPage();
    for (const op of operations) {
      const { top, header } = await landing(p, operationAnchor(op.operationId), op.operationId);
      expect(top, op.operationId).toBeGreaterThanOrEqual(0);
      expect(top, op.operationId).toBeLessThan(120);
      const nav = await p.locator("nav.side").boundingBox();
      expect(nav!.y, `${op.operationId}: no band between the header and the sidebar`).toBe(header.y + header.height);
      expect(await p.locator(`nav.side a[href="#${operationAnchor(op.operationId)}"]`).isVisible()).toBe(true);
    }
    await p.close();
  });

  it("opens `#<operationId>` (the links other pages write) at the operation too, with JavaScript on and off", async () => {
    const p = await context.newPage();
    for (const op of operations) {
      const { top } = await landing(p, op.operationId, op.operationId);
      expect(top, op.operationId).toBeGreaterThanOrEqual(0);
      expect(top, op.operationId).toBeLessThan(120);
    }
    await p.close();
    const noJs = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1400, height: 1000 } });
    const q = await noJs.newPage();
    const last = operations.at(-1)!;
    await q.goto(`${site.url}#${last.operationId}`);
    const heading = (await q.locator(`[id="${operationAnchor(last.operationId)}-h"]`).boundingBox())!;
    expect(heading.y).toBeGreaterThanOrEqual(0);
    expect(heading.y).toBeLessThan(200);
    await noJs.close();
  });
});

describe("the header, on a desktop and on a phone", { timeout: 60_000 }, () => {
  it("keeps search in view after scrolling, and ranks the best match first (not page order)", async () => {
    const p = await context.newPage();
    await openDocs(p, site.url);
    await p.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
    const input = p.getByRole("searchbox", { name: "Search" });
    const box = (await input.boundingBox())!;
    expect(await p.evaluate(() => window.scrollY)).toBeGreaterThan(1000);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThan(100);
    await input.fill("dkim");
    const titles = await p.locator("#search-results li a").allTextContents();
    // The introduction, first on the page, speaks of DKIM too: found, but after the operation named so.
    expect(titles[0]).toBe(operationTextOf("checkEmailDomainDkimStatus"));
    expect(titles.slice(1)).toContain(spec.info.title);
    await p.close();
  });

  it("on a 390 px phone: a Menu button opens the contents, a link closes them, and the first operation starts within three screens", async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const p = await phone.newPage();
    await openDocs(p, site.url);
    const menu = p.getByRole("button", { name: "Menu" });
    const nav = p.locator("nav.side");
    expect(await nav.isVisible()).toBe(false);
    expect(await menu.getAttribute("aria-expanded")).toBe("false");
    const firstOperation = await p.locator("section.operation").first().evaluate((e) => e.getBoundingClientRect().top + window.scrollY);
    console.log(`phone (390 x 844): the first operation starts at ${Math.round(firstOperation)} px, ${(firstOperation / 844).toFixed(2)} screens`);
    expect(firstOperation).toBeLessThan(3 * 844);

    await menu.click();
    expect(await nav.isVisible()).toBe(true);
    expect(await menu.getAttribute("aria-expanded")).toBe("true");
    const target = operations.at(-1)!;
    await nav.locator(`a[href="#${operationAnchor(target.operationId)}"]`).click();
    expect(await nav.isVisible()).toBe(false);
    const heading = (await p.locator(`[id="${operationAnchor(target.operationId)}-h"]`).boundingBox())!;
    expect(heading.y).toBeGreaterThan(0);
    expect(heading.y).toBeLessThan(844 / 2);
    await phone.close();
  });

  it("has a visible theme control that defaults to the OS and switches the page both ways, remembered after a reload", async () => {
    const dark = await browser.newContext({ colorScheme: "dark", viewport: { width: 1400, height: 1000 } });
    const p = await dark.newPage();
    await openDocs(p, site.url);
    const theme = p.getByLabel("Theme");
    const background = () => p.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(await theme.isVisible()).toBe(true);
    expect(await theme.inputValue()).toBe("auto");
    const osDark = await background();
    expect(osDark).not.toBe("rgb(255, 255, 255)");
    await theme.selectOption("light");
    expect(await background()).toBe("rgb(255, 255, 255)");
    await openDocs(p, site.url);
    expect(await p.getByLabel("Theme").inputValue()).toBe("light");
    expect(await background()).toBe("rgb(255, 255, 255)");
    await p.getByLabel("Theme").selectOption("dark");
    expect(await background()).toBe(osDark);
    await p.emulateMedia({ colorScheme: "light" }); // the OS turns light: the reader's choice holds
    expect(await background()).toBe(osDark);
    await dark.close();
  });
});

describe("the introduction and the samples", { timeout: 60_000 }, () => {
  it("opens with the API (what an email domain is, the lifecycle, a first call); the contract's decisions have a section of their own", async () => {
    const intro = squash((await page.locator("main > section").first().textContent()) ?? "");
    expect(intro).toMatch(/An email domain is/);
    expect(intro).toMatch(/verification lifecycle/i);
    expect(await page.locator("main > section").first().locator("pre code[data-language=curl]").textContent()).toContain(demoSeed.accounts[0]!.apiKeys[0]!);
    expect(intro).not.toMatch(/Documented fact versus this project's decision/);
    const decisions = squash((await page.locator("#decisions").textContent()) ?? "");
    expect(decisions).toMatch(/Documented fact versus this project's decision/);
    // Every heading of the spec's description is on the page, once.
    for (const heading of (spec.info.description ?? "").match(/^## .+$/gm) ?? []) expect((await page.getByRole("heading", { name: heading.slice(3) }).count()), heading).toBe(1);
  });

  it("shows one language at a time, whole, with a Copy button; the language chosen holds for every panel and after a reload", async () => {
    const p = await context.newPage();
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(site.url).origin });
    await openDocs(p, site.url);
    const shown = (operationId: string) => p.locator(`[data-samples="${operationId}"] [data-sample-language]:visible`);
    expect(await shown("listEmailDomains").count()).toBe(1);
    await p.locator('[data-samples="listEmailDomains"]').getByRole("button", { name: "Python (requests)" }).click();
    for (const op of operations) expect(await shown(op.operationId).getAttribute("data-sample-language"), op.operationId).toBe("python");
    const pre = shown("getEmailDomain").locator("pre");
    expect(await pre.evaluate((e) => e.scrollHeight <= e.clientHeight + 1 && e.scrollWidth <= e.clientWidth + 1)).toBe(true); // nothing clipped
    await shown("getEmailDomain").getByRole("button", { name: "Copy" }).click();
    await expect.poll(() => shown("getEmailDomain").locator(".copy-state").textContent()).toBe("Copied");
    expect(await p.evaluate(() => navigator.clipboard.readText())).toBe(await pre.textContent());
    await openDocs(p, site.url);
    expect(await shown("createEmailDomain").getAttribute("data-sample-language")).toBe("python");
    await p.evaluate(() => localStorage.clear());
    await p.close();
  });
});

describe("found by a new reader", { timeout: 30_000 }, () => {
  it("search excerpts keep the spaces around inline code", async () => {
    const input = page.getByRole("searchbox", { name: "Search" });
    await input.fill("0-based index");
    const excerpt = (await page.locator("#search-results li p").first().textContent())!.replace(/^…|…$/g, "");
    const description = squash((spec.paths!["/api/v1/accounts/{accountId}/email-domains"]!.get!.description ?? "").replace(/`/g, ""));
    expect(description).toContain("at the 0-based index start (documented)");
    expect(description).toContain(excerpt);
    await input.fill("");
  });

  it("links the project README, which opens at the section named", async () => {
    const link = page.locator(`${sectionOf("checkEmailDomainDkimStatus")} a`, { hasText: "the project README" });
    const href = (await link.getAttribute("href"))!;
    expect(href).toMatch(/^readme\.html#/);
    const p = await context.newPage();
    const response = await p.goto(new URL(href, site.url).href);
    expect(response?.status()).toBe(200);
    expect(await p.locator(`[id="${href.split("#")[1]}"]`).count()).toBe(1);
    expect(await cspViolations(p)).toEqual([]);
    await p.close();
  });

  it("lists the spec's servers in the published folder", async () => {
    const listed = await page.locator("[data-servers] li code").allTextContents();
    expect(listed).toEqual((spec.servers ?? []).map((s) => s.url));
  });
});

describe("the folder opened from disk (file://)", { timeout: 30_000 }, () => {
  it("answers the panels in the page without a service worker", async () => {
    const p = await context.newPage();
    await openDocs(p, `file://${docsDir}/index.html`);
    expect(await p.evaluate(() => document.documentElement.dataset["ready"])).toBe("in-page");
    expect(await p.locator("#target-origin").isDisabled()).toBe(true); // no server serves a file
    const answer = await send(p, "getEmailDomain");
    expect({ status: answer.status, verdict: answer.verdict }).toEqual({ status: success(byId("getEmailDomain")), verdict: "valid against the spec" });
    await p.close();
  });
});

describe("the same page served by the mock at /docs/", { timeout: 60_000 }, () => {
  let mock: RunningMock;
  beforeAll(async () => void (mock = await startMock({ port: 0 })), 60_000);
  afterAll(async () => void (await mock?.close()));

  it("names the mock's own origin first in the Servers list, in place of the spec's localhost", async () => {
    const p = await context.newPage();
    await openDocs(p, mock.url + "/docs");
    expect(new URL(p.url()).pathname).toBe("/docs/");
    const listed = await p.locator("[data-servers] li").allTextContents();
    expect(listed[0]).toContain(mock.url);
    expect(listed.join(" ")).not.toMatch(/localhost:4010/);
    expect(await cspViolations(p)).toEqual([]);
    await p.close();
  });

  it("answers in the page by default, and reaches the mock itself when the target says so", async () => {
    const p = await context.newPage();
    await openDocs(p, mock.url + "/docs/");
    expect(await p.evaluate(() => document.documentElement.dataset["ready"])).toBe("worker");
    await p.locator("#sandbox-reset").click();
    const inPage = JSON.parse((await send(p, "createEmailDomain")).body) as { id: string };
    expect((await call(mock.url, "GET", `${domainsPath(DEMO_A.accountId)}/${inPage.id}`, { key: DEMO_A.apiKey })).status).toBe(404); // not on the server

    await p.getByLabel("the mock serving this page").check();
    const onServer = await send(p, "createEmailDomain");
    expect(onServer.status).toBe("201");
    const id = (JSON.parse(onServer.body) as { id: string }).id;
    expect((await call(mock.url, "GET", `${domainsPath(DEMO_A.accountId)}/${id}`, { key: DEMO_A.apiKey })).status).toBe(200);
    expect(await cspViolations(p)).toEqual([]);
    await p.close();
  });

  it("sends to a URL the reader types (another mock, through CORS), and says so in each panel", async () => {
    const other = await startMock({ port: 0 });
    const p = await context.newPage();
    try {
      await openDocs(p, mock.url + "/docs/");
      await p.getByLabel("Base URL of the API").fill(other.url);
      await expect.poll(() => panel(p, "createEmailDomain").locator("[data-try-target]").textContent()).toBe(`sent to ${other.url}`);
      const created = await send(p, "createEmailDomain");
      expect(created.status).toBe("201");
      const id = (JSON.parse(created.body) as { id: string }).id;
      expect((await call(other.url, "GET", `${domainsPath(DEMO_A.accountId)}/${id}`, { key: DEMO_A.apiKey })).status).toBe(200);
      expect((await call(mock.url, "GET", `${domainsPath(DEMO_A.accountId)}/${id}`, { key: DEMO_A.apiKey })).status).toBe(404);
      // The samples beside the panel name that server too.
      expect(await panel(p, "createEmailDomain").locator("xpath=ancestor::aside").locator("[data-samples] pre").first().textContent()).toContain(other.url);
    } finally {
      await p.close();
      await other.close();
    }
  });
});

describe("a frontend on another origin", { timeout: 60_000 }, () => {
  let mock: RunningMock;
  beforeAll(async () => void (mock = await startMock({ port: 0 })), 60_000);
  afterAll(async () => void (await mock?.close()));

  it("lists account A's domains with fetch and x-api-key (CORS)", async () => {
    const expected = await call(mock.url, "GET", domainsPath(DEMO_A.accountId), { key: DEMO_A.apiKey });
    expect(expected.status).toBe(200);
    const result = await fetchFromAnotherOrigin(mock.url + domainsPath(DEMO_A.accountId), DEMO_A.apiKey);
    expect(result).toEqual({ status: 200, body: expected.body });
    expect(result.body).toHaveLength(5);
  });

  it("is refused by the browser when the mock allows only other origins (the check can fail)", async () => {
    const strict = await startMock({ port: 0, corsOrigins: ["http://frontend.invalid"] });
    try {
      const result = await fetchFromAnotherOrigin(strict.url + domainsPath(DEMO_A.accountId), DEMO_A.apiKey);
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
  const p = await browser.newPage();
  try {
    expect(new URL(frontend.url).origin).not.toBe(new URL(url).origin);
    await p.goto(frontend.url);
    await p.waitForFunction(() => "__result" in window, undefined, WAIT);
    return await p.evaluate(() => (window as unknown as { __result: FetchResult }).__result);
  } finally {
    await p.close();
    await frontend.close();
  }
}
