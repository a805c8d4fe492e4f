// The page script of the API reference (bundled by esbuild into dist/docs/docs.js): wires the header (its
// height, the Menu button, the theme), the search and the samples, starts the sandbox (the kit's mock in the
// page), wires every try-it panel, then shows them. Without it the page is complete for reading; the
// panels and controls stay hidden.
import { demoSeed } from "../../../src/generated/embedded.js";
import { operations } from "./check-answer.js";
import { wirePanel } from "./panel.js";
import { startSandbox, type Target } from "./sandbox.js";
import { wireSearch } from "./search.js";
import { trackHeaderHeight, wireMenu, wireTheme } from "./header.js";
import { wireSamples } from "./samples-tabs.js";

const header = document.querySelector<HTMLElement>("header.top");
if (header) trackHeaderHeight(header);
const menu = document.querySelector<HTMLButtonElement>("button.menu");
const layout = document.querySelector<HTMLElement>(".layout");
if (menu && layout) wireMenu(menu, layout);
const theme = document.querySelector<HTMLElement>(".theme");
if (theme) wireTheme(theme);
const search = document.querySelector<HTMLElement>(".search");
if (search) {
  wireSearch(search);
  search.hidden = false;
}
wireSamples();

async function start(): Promise<void> {
  const sandbox = await startSandbox();
  const accounts = demoSeed.accounts.map((a) => ({ accountId: a.accountId, apiKey: a.apiKeys[0] ?? "" }));
  const urlInput = document.getElementById("target-url-value") as HTMLInputElement | null;
  const fromServer = document.getElementById("target-origin") as HTMLInputElement | null;
  if (fromServer && !/^https?:$/.test(location.protocol)) fromServer.disabled = true; // opened from disk: no server serves it

  function target(): Target {
    const chosen = document.querySelector<HTMLInputElement>('input[name="target"]:checked')?.value;
    if (chosen === "origin") return { kind: "origin" };
    if (chosen === "url" && urlInput?.value) return { kind: "url", base: urlInput.value };
    return { kind: "page" };
  }

  function describeTarget(): string {
    const to = target();
    if (to.kind === "page") return sandbox.mode === "worker" ? "answered in this page (MSW service worker)" : "answered in this page";
    return `sent to ${sandbox.baseOf(to)}`;
  }

  /** Where the code samples send the request: the chosen server, or for the in-page mock the first listed server. */
  function sampleBase(): string {
    const to = target();
    if (to.kind !== "page") return sandbox.baseOf(to);
    return document.querySelector("[data-servers] li code")?.textContent ?? location.origin;
  }

  const redraws: Array<() => void> = [];
  const notes = () => {
    document.querySelectorAll<HTMLElement>("[data-try-target]").forEach((n) => (n.textContent = describeTarget()));
    redraws.forEach((redraw) => redraw());
  };
  document.querySelectorAll<HTMLInputElement>('input[name="target"]').forEach((r) => r.addEventListener("change", notes));
  urlInput?.addEventListener("input", () => {
    const url = document.getElementById("target-url") as HTMLInputElement | null;
    if (url) url.checked = true;
    notes();
  });

  for (const form of Array.from(document.querySelectorAll<HTMLFormElement>("form[data-operation-id]"))) {
    const op = operations.find((o) => o.operationId === form.dataset["operationId"]);
    if (!op) continue;
    redraws.push(wirePanel(form, op, accounts, sandbox, target, sampleBase));
    (form.closest(".op-try") as HTMLElement).hidden = false;
  }

  const state = document.getElementById("sandbox-state");
  document.getElementById("sandbox-reset")?.addEventListener("click", async () => {
    await sandbox.reset();
    if (state) state.textContent = "The in-page mock is back to the demo data.";
  });
  const panel = document.getElementById("sandbox");
  if (panel) panel.hidden = false;
  notes();
  // The panels just shown moved what follows them: bring the operation the address names back into view.
  const named = location.hash.length > 1 ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
  named?.scrollIntoView();
  performance.mark("docs-ready");
  document.documentElement.dataset["ready"] = sandbox.mode;
}

void start();
