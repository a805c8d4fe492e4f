// A frontend page in miniature, built by Vite for scripts/browser/msw-worker.browser.test.ts: it starts the
// MSW worker with the kit's handlers (examples/msw-browser.ts, the README's snippet) and offers the typed
// client to the test, which drives it. Every answer is recorded so the test can hold it to the spec.
import { startMockApi } from "../../../examples/msw-browser.js";
import { createEmailDomainsClient, EmailDomainsApiError, type EmailDomainsClient } from "../../../src/client/index.js";
import { demoSeed } from "../../../src/generated/embedded.js";

interface Answer {
  method: string;
  path: string;
  status: number;
  contentType: string | null;
  body: unknown;
}

type Outcome = { ok: true; value: unknown } | { ok: false; statusCode: number; error: string; message: string };

const account = demoSeed.accounts[0]!;
const answers: Answer[] = [];

async function recordingFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const request = new Request(input, init);
  const response = await fetch(request);
  const text = await response.clone().text();
  answers.push({ method: request.method, path: new URL(request.url).pathname, status: response.status, contentType: response.headers.get("content-type"), body: text ? JSON.parse(text) : undefined });
  return response;
}

await startMockApi();
const client = createEmailDomainsClient({ baseUrl: location.origin, apiKey: account.apiKeys[0]!, fetch: recordingFetch });

const harness = {
  accountId: account.accountId,
  answers,
  /** Calls one client method; an API error comes back as data, anything else rejects. */
  async call(method: keyof EmailDomainsClient, ...args: unknown[]): Promise<Outcome> {
    try {
      const value = await (client[method] as (...a: unknown[]) => Promise<unknown>)(...args);
      return { ok: true, value };
    } catch (err) {
      if (!(err instanceof EmailDomainsApiError)) throw err;
      return { ok: false, statusCode: err.statusCode, error: err.error, message: err.message };
    }
  },
  /**
   * Tries to compile code from a string, as Ajv's runtime compiler would: "blocked" under this page's CSP.
   * In a task of the page's own: code run from the test's evaluate() is exempt from the policy.
   */
  tryEval(): Promise<"blocked" | "ran"> {
    return new Promise((resolve) =>
      setTimeout(() => {
        try {
          new Function("return 1")();
          resolve("ran");
        } catch {
          resolve("blocked");
        }
      }),
    );
  },
};

Object.assign(window, { harness });
document.getElementById("status")!.textContent = "ready";
