// The try-it panel of one operation, rendered at build time so that tools find it in the HTML: a <form>
// with data-operation-id, its fields prefilled with the spec's examples and the demo key of account A, a
// Send button, and the answer's place (data-try-status). The page script (scripts/docs/page/) unhides it and
// sends it; without JavaScript it stays hidden, as it could not work.
import type { SpecOperation } from "../../../src/spec/operations.js";
import { exampleRequests } from "../samples/example-requests.js";
import { el, esc, json, voidEl, type Html } from "./html.js";
import { samplesHtml } from "./samples.js";

/** An account of the demo seed: what the panel's "Account A / B" buttons put in the key and accountId fields. */
export interface DemoAccount {
  label: string;
  accountId: string;
  apiKey: string;
}

/** The path values the panel prefills: account A's id for accountId, the spec's example for the others. */
function pathValues(op: SpecOperation, account: DemoAccount): Record<string, string> {
  return Object.fromEntries(op.parameters.filter((p) => p.in === "path").map((p) => [p.name, p.name === "accountId" ? account.accountId : String(p.example ?? "")]));
}

function field(id: string, label: Html, input: Html, hint?: Html): Html {
  return el("div", { class: "field" }, el("label", { for: id }, label), input, hint ? el("p", { class: "hint", id: `${id}-hint` }, hint) : false);
}

/** `baseUrl`: where the code samples send the request (the spec's first server). */
export function tryPanel(op: SpecOperation, demo: DemoAccount[], baseUrl: string): Html {
  const id = op.operationId;
  const first = demo[0];
  const params = op.parameters.filter((p) => p.in === "path" || p.in === "query");
  const body = op.requestBody?.content["application/json"];
  const exampleNames = Object.keys(body?.examples ?? {});
  const firstExample = exampleNames[0];
  const inputs = params.map((p) => {
    const fid = `${id}-${p.in}-${p.name}`;
    const value = p.name === "accountId" && first ? first.accountId : p.example !== undefined ? String(p.example) : "";
    return field(fid, el("code", {}, esc(p.name)), voidEl("input", { id: fid, name: `${p.in}:${p.name}`, value, required: p.required === true, autocomplete: "off", spellcheck: "false" }), esc(`${p.in} parameter${p.required ? ", required" : ""}`));
  });
  const header = op.apiKeyHeader;
  const keyField = header
    ? [
        field(`${id}-key`, el("code", {}, esc(header)), voidEl("input", { id: `${id}-key`, name: `header:${header}`, value: first?.apiKey ?? "", autocomplete: "off", spellcheck: "false" }), esc("the API key")),
        el(
          "div",
          { class: "accounts", role: "group", "aria-label": "Demo account" },
          ...demo.map((account, i) => el("button", { type: "button", "data-account": i, "aria-pressed": i === 0 ? "true" : "false" }, esc(`Use ${account.label}`))),
        ),
      ]
    : [];
  const bodyFields = body
    ? [
        exampleNames.length > 1 &&
          field(`${id}-example`, esc("Example body"), el("select", { id: `${id}-example`, "data-example": "" }, ...exampleNames.map((name) => el("option", { value: name }, esc(name))))),
        field(`${id}-body`, esc("Body (JSON)"), el("textarea", { id: `${id}-body`, name: "body", rows: 6, spellcheck: "false" }, esc(firstExample ? json(body.examples[firstExample]) : ""))),
      ]
    : [];
  const panel = el(
    "div",
    { class: "op-try", hidden: true },
    el("h4", { id: `${id}-try-h` }, esc("Try it")),
    el(
      "form",
      { "data-operation-id": id, "data-method": op.method.toUpperCase(), "data-path": op.path, novalidate: true },
      ...inputs,
      ...keyField,
      ...bodyFields,
      el("div", { class: "send" }, el("button", { type: "submit" }, esc("Send")), el("span", { class: "target-note", "data-try-target": "" })),
      el(
        "div",
        { class: "answer", "aria-live": "polite", hidden: true, "data-try-answer": "" },
        el("p", {}, esc("Status "), el("strong", { "data-try-status": "" }), esc(" "), el("span", { "data-try-valid": "" })),
        el("p", { class: "sub" }, esc("Headers")),
        el("pre", { "data-try-headers": "", tabindex: 0 }),
        el("p", { class: "sub" }, esc("Body")),
        el("pre", { "data-try-body": "", tabindex: 0 }),
      ),
    ),
  );
  return el(
    "aside",
    { class: "op-side", "aria-label": `Try ${id}` },
    panel,
    // The code samples of the request the panel holds (the page script redraws them as the reader edits it).
    el("div", { class: "samples", "data-samples": id }, first ? samplesHtml(op, { ...exampleRequests(op, { baseUrl, apiKey: first.apiKey })[0]!.request, path: pathValues(op, first) }) : false),
  );
}
