// What the docs page's browser tests share: the strict CSP, a recorder of CSP violations, page
// errors and requests, and the try-it panel driven as a reader would (its own fields, its Send button).
import type { BrowserContext, Locator, Page } from "playwright-core";

/** Issue 19's policy, sent by the static server the page is tested from. */
export const STRICT_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; worker-src 'self'; manifest-src 'self'";
export const WAIT = { timeout: 20_000 };

export interface Recorder {
  errors: string[];
  /** Every URL the pages of the context asked for (service worker included). */
  requests: string[];
}

/** Records CSP violations (in each page, read with cspViolations), uncaught and console errors, and every request of the context. */
export async function record(context: BrowserContext): Promise<Recorder> {
  const errors: string[] = [];
  const requests: string[] = [];
  await context.addInitScript(() => {
    const store: Array<{ directive: string; blockedUri: string }> = [];
    (window as unknown as { __csp: typeof store }).__csp = store;
    document.addEventListener("securitypolicyviolation", (e) => store.push({ directive: e.effectiveDirective, blockedUri: e.blockedURI }));
  });
  context.on("request", (req) => void requests.push(req.url()));
  context.on("page", (page) => watch(page, errors));
  return { errors, requests };
}

export function cspViolations(page: Page): Promise<Array<{ directive: string; blockedUri: string }>> {
  return page.evaluate(() => (window as unknown as { __csp: Array<{ directive: string; blockedUri: string }> }).__csp);
}

function watch(page: Page, errors: string[]): void {
  // Chromium logs every 4xx answer as "Failed to load resource": the panels ask for 4xx on purpose.
  const expected4xx = /^Failed to load resource: the server responded with a status of 4\d\d/;
  page.on("console", (msg) => void (msg.type() === "error" && !expected4xx.test(msg.text()) && errors.push(msg.text())));
  page.on("pageerror", (err) => errors.push(String(err)));
}

/** Opens the page and waits until its panels are wired (the page script sets data-ready). */
export async function openDocs(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.dataset["ready"] !== undefined, undefined, WAIT);
}

export const panel = (page: Page, operationId: string): Locator => page.locator(`form[data-operation-id="${operationId}"]`);

export interface Answer {
  status: string;
  verdict: string;
  body: string;
}

/** Clicks the panel's Send and reads the answer once its status arrives. */
export async function send(page: Page, operationId: string): Promise<Answer> {
  const form = panel(page, operationId);
  const status = form.locator("[data-try-status]");
  await status.evaluate((el) => (el.textContent = ""));
  await form.getByRole("button", { name: "Send", exact: true }).click();
  await form.locator("[data-try-status]:not(:empty)").waitFor(WAIT);
  return readAnswer(form);
}

export async function readAnswer(form: Locator): Promise<Answer> {
  return {
    status: (await form.locator("[data-try-status]").textContent()) ?? "",
    verdict: (await form.locator("[data-try-valid]").textContent()) ?? "",
    body: (await form.locator("[data-try-body]").textContent()) ?? "",
  };
}
