// One try-it panel: reads its form as it stands (path and query fields, the key, the body), sends it to the
// chosen target, and shows status, headers, body and whether the answer is valid against the spec.
import type { SpecOperation } from "../../../src/spec/operations.js";
import type { SampleRequest } from "../samples/code-samples.js";
import { samplesHtml } from "../render/samples.js";
import { checkAnswer } from "./check-answer.js";
import { showSamples } from "./samples-tabs.js";
import type { Sandbox, Target } from "./sandbox.js";

export interface DemoAccount {
  accountId: string;
  apiKey: string;
}

const pretty = (text: string): string => {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
};

function requestOf(form: HTMLFormElement, op: SpecOperation, base: string): Request {
  const data = new FormData(form);
  const path = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(String(data.get(`path:${name}`) ?? "")));
  const url = new URL(base + path);
  const headers = new Headers();
  data.forEach((value, name) => {
    if (typeof value !== "string" || value === "") return;
    if (name.startsWith("query:")) url.searchParams.append(name.slice(6), value);
    if (name.startsWith("header:")) headers.set(name.slice(7), value);
  });
  const body = op.requestBody ? String(data.get("body") ?? "") : undefined;
  if (body !== undefined) headers.set("content-type", "application/json");
  return new Request(url, { method: op.method.toUpperCase(), headers, ...(body !== undefined ? { body } : {}) });
}

/** The request the form holds, as the code samples show it; undefined while the body is not JSON. */
function sampleRequestOf(form: HTMLFormElement, op: SpecOperation, baseUrl: string): SampleRequest | undefined {
  const data = new FormData(form);
  const path: Record<string, string> = {};
  const query: Record<string, string> = {};
  let apiKey = "";
  data.forEach((value, name) => {
    if (typeof value !== "string") return;
    if (name.startsWith("path:")) path[name.slice(5)] = value;
    if (name.startsWith("query:") && value !== "") query[name.slice(6)] = value;
    if (name.startsWith("header:")) apiKey = value;
  });
  let body: unknown;
  if (op.requestBody) {
    try {
      body = JSON.parse(String(data.get("body") ?? ""));
    } catch {
      return undefined;
    }
  }
  return { operationId: op.operationId, baseUrl, apiKey, path, query, ...(op.requestBody ? { body } : {}) };
}

/** Redraws a panel's code samples from what its form holds now. */
export type SamplesRedraw = () => void;

export function wirePanel(form: HTMLFormElement, op: SpecOperation, accounts: DemoAccount[], sandbox: Sandbox, target: () => Target, sampleBase: () => string): SamplesRedraw {
  const $ = <T extends Element>(selector: string) => form.querySelector<T>(selector);
  const answer = $<HTMLElement>("[data-try-answer]")!;
  const status = $<HTMLElement>("[data-try-status]")!;
  const valid = $<HTMLElement>("[data-try-valid]")!;
  const headersOut = $<HTMLElement>("[data-try-headers]")!;
  const bodyOut = $<HTMLElement>("[data-try-body]")!;
  const send = $<HTMLButtonElement>('button[type="submit"]')!;

  const examples = op.requestBody?.content["application/json"]?.examples ?? {};
  $<HTMLSelectElement>("[data-example]")?.addEventListener("change", (event) => {
    const name = (event.target as HTMLSelectElement).value;
    $<HTMLTextAreaElement>("textarea[name=body]")!.value = JSON.stringify(examples[name], null, 2);
  });

  for (const button of Array.from(form.querySelectorAll<HTMLButtonElement>("[data-account]"))) {
    button.addEventListener("click", () => {
      const account = accounts[Number(button.dataset["account"])];
      if (!account) return;
      const key = form.querySelector<HTMLInputElement>(`input[name="header:${op.apiKeyHeader}"]`);
      const id = form.querySelector<HTMLInputElement>('input[name="path:accountId"]');
      if (key) key.value = account.apiKey;
      if (id) id.value = account.accountId;
      for (const other of Array.from(form.querySelectorAll<HTMLButtonElement>("[data-account]"))) other.setAttribute("aria-pressed", String(other === button));
      redraw();
    });
  }

  const slot = form.closest("aside")?.querySelector<HTMLElement>("[data-samples]");
  const redraw = () => {
    const request = sampleRequestOf(form, op, sampleBase());
    if (!slot || !request) return;
    slot.innerHTML = samplesHtml(op, request); // escaped text only: no script, no style
    showSamples(slot);
  };
  form.addEventListener("input", redraw);
  form.addEventListener("change", redraw);

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    send.disabled = true;
    status.textContent = "";
    try {
      const to = target();
      const response = await sandbox.send(requestOf(form, op, sandbox.baseOf(to)), to);
      const text = await response.text();
      const verdict = checkAnswer(op, { status: response.status, contentType: response.headers.get("content-type"), text });
      const lines: string[] = [];
      response.headers.forEach((value, name) => lines.push(`${name}: ${value}`));
      headersOut.textContent = lines.join("\n");
      bodyOut.textContent = text === "" ? "(no body)" : pretty(text);
      valid.textContent = verdict.valid ? "valid against the spec" : `not valid against the spec: ${verdict.problems.join("; ")}`;
      valid.className = verdict.valid ? "ok" : "bad";
      status.textContent = String(response.status);
    } catch (error) {
      headersOut.textContent = "";
      bodyOut.textContent = `The request failed: ${String(error)}. A URL on another origin needs CORS from that server, and this page's Content-Security-Policy (connect-src) must allow it.`;
      valid.textContent = "";
      status.textContent = "no answer";
    } finally {
      answer.hidden = false;
      send.disabled = false;
    }
  });
  return redraw;
}
