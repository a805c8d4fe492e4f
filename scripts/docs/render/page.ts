// The whole API reference page, from the bundled spec alone, in the order a reader needs it: the API (what
// it is, the lifecycle, a first call), authentication and servers, the sandbox's controls, every operation
// (with its try-it panel), the contract's decisions, every schema, and the changelog. A sticky header holds
// search, the theme control and (on a narrow screen) the Menu button. Static HTML readable without
// JavaScript; docs.css and docs.js (the page script) come from the same folder.
import type { OpenAPIV3_1 } from "openapi-types";
import { DOCS_SERVER_META } from "../../../src/hosts/node/docs-page.js";
import type { OpenApiDocument } from "../../../src/spec/load-spec.js";
import { listOperations, type SpecOperation } from "../../../src/spec/operations.js";
import type { Seed } from "../../../src/storage/types.js";
import { el, esc, join, operationAnchor, OVERVIEW_ANCHOR, tagAnchor, voidEl, type Html } from "./html.js";
import { inline, markdown, type LinkResolver } from "./markdown.js";
import { codeSamples } from "../samples/code-samples.js";
import { exampleRequests } from "../samples/example-requests.js";
import { operationSection, operationText } from "./operation.js";
import { schemaSection } from "./schema.js";
import type { DemoAccount } from "./try-panel.js";

export interface PageOptions {
  /** Where links to the repository's README.md point (the build renders it beside the page). */
  links: LinkResolver;
  /** The changelog's entries as an HTML fragment (c2-samples' renderChangelogHtml, from openapi/changelog.json). */
  changelogHtml: string;
}

export function demoAccounts(seed: Seed): DemoAccount[] {
  return seed.accounts.slice(0, 2).map((a, i) => ({ label: `account ${String.fromCharCode(65 + i)}`, accountId: a.accountId, apiKey: a.apiKeys[0] ?? "" }));
}

function servers(spec: OpenApiDocument): Html {
  const items = (spec.servers ?? []).map((s) => el("li", {}, el("code", {}, esc(s.url)), s.description ? join([esc(" — "), inline(s.description)]) : false));
  return el(
    "section",
    { id: "servers", "aria-labelledby": "servers-h" },
    el("h2", { id: "servers-h" }, esc("Servers")),
    el("ul", { "data-servers": "" }, ...items),
  );
}

function authentication(spec: OpenApiDocument): Html {
  const schemes = Object.entries(spec.components?.securitySchemes ?? {}) as Array<[string, OpenAPIV3_1.SecuritySchemeObject]>;
  return el(
    "section",
    { id: "authentication", "aria-labelledby": "authentication-h" },
    el("h2", { id: "authentication-h" }, esc("Authentication")),
    ...schemes.map(([name, s]) =>
      el("div", {}, el("h3", {}, esc(name)), el("p", {}, esc(`Type ${s.type}`), s.type === "apiKey" ? join([esc(`, in the ${s.in} `), el("code", {}, esc(s.name))]) : false), el("div", { class: "prose" }, markdown(s.description ?? ""))),
    ),
  );
}

function sandbox(): Html {
  const radio = (value: string, label: string, checked = false) =>
    el("div", { class: "radio" }, voidEl("input", { type: "radio", name: "target", id: `target-${value}`, value, checked }), el("label", { for: `target-${value}` }, esc(label)));
  return el(
    "section",
    { id: "sandbox", class: "sandbox", hidden: true, "aria-labelledby": "sandbox-h" },
    el("h2", { id: "sandbox-h" }, esc("Try it: the sandbox")),
    el("p", {}, esc("Every operation has a Try it panel, answered by default by the kit's mock inside this page (offline, no server); what you create stays for this browser session.")),
    el(
      "fieldset",
      {},
      el("legend", {}, esc("Send requests to")),
      radio("page", "the in-page mock", true),
      radio("origin", "the mock serving this page"),
      radio("url", "this URL:"),
      voidEl("input", { type: "url", id: "target-url-value", "aria-label": "Base URL of the API", placeholder: "http://localhost:4010", spellcheck: "false" }),
    ),
    el("p", {}, el("button", { type: "button", id: "sandbox-reset" }, esc("Reset the sandbox")), esc(" "), el("span", { id: "sandbox-state", role: "status" })),
  );
}

function nav(spec: OpenApiDocument, tags: string[], ops: ReturnType<typeof listOperations>): Html {
  const opLink = (op: (typeof ops)[number]) =>
    el("li", {}, el("a", { href: `#${operationAnchor(op.operationId)}` }, el("span", { class: `method m-${op.method}` }, esc(op.method.toUpperCase())), esc(" "), esc(operationText(spec, op).summary)));
  return el(
    "nav",
    { class: "side", id: "contents", "aria-label": "Contents" },
    el(
      "ul",
      {},
      el("li", {}, el("a", { href: `#${OVERVIEW_ANCHOR}` }, esc("Introduction"))),
      el("li", {}, el("a", { href: "#authentication" }, esc("Authentication"))),
      ...tags.map((tag) => el("li", {}, el("a", { href: `#${tagAnchor(tag)}` }, esc(tag)), el("ul", {}, ...ops.filter((op) => operationText(spec, op).tags.includes(tag)).map(opLink)))),
      el("li", {}, el("a", { href: "#servers" }, esc("Servers"))),
      el("li", {}, el("a", { href: `#${DECISIONS_ANCHOR}` }, esc("The contract's decisions"))),
      el("li", {}, el("a", { href: "#schemas" }, esc("Schemas"))),
      el("li", {}, el("a", { href: "#changelog" }, esc("Changelog"))),
    ),
  );
}

export const DECISIONS_ANCHOR = "decisions";

interface DescriptionParts {
  /** What comes before the first `##` heading, and every `##` section about the API itself. */
  api: string;
  /** The `##` sections about what this project decided (their heading says "decision"). */
  decisions: string;
}

/** Splits `info.description` at its `##` headings: the API first; the contract's decisions in a section of their own. */
export function splitDescription(description: string): DescriptionParts {
  const [lead = "", ...sections] = description.split(/^(?=## )/m);
  const isDecision = (section: string) => /decision/i.test(section.split("\n")[0] ?? "");
  return { api: [lead, ...sections.filter((section) => !isDecision(section))].join(""), decisions: sections.filter(isDecision).join("") };
}

/** The first call a reader can make: the first read-only operation's example request, as curl, with a link to its panel. */
function firstCall(spec: OpenApiDocument, ops: SpecOperation[], demo: DemoAccount[]): Html {
  const op = ops.find((o) => o.method === "get" && !o.path.endsWith("}")) ?? ops[0];
  const account = demo[0];
  if (!op || !account) return "" as Html;
  const request = exampleRequests(op, { baseUrl: spec.servers?.[0]?.url ?? "http://localhost", apiKey: account.apiKey })[0]!.request;
  const curl = codeSamples(op, { ...request, path: { ...request.path, accountId: account.accountId } }).find((sample) => sample.language === "curl");
  return el(
    "div",
    { class: "first-call" },
    el("h2", { id: "first-call" }, esc("A first call")),
    el("p", {}, esc(`${operationText(spec, op).summary} of ${account.label} of the demo data, with its key:`)),
    el("pre", { tabindex: 0 }, el("code", { "data-language": "curl" }, esc(curl?.code ?? ""))),
    el("p", {}, esc("Or send it from this page: "), el("a", { href: `#${operationAnchor(op.operationId)}` }, esc(`${op.method.toUpperCase()} ${op.path}`)), esc(", Try it.")),
  );
}

export function renderPage(spec: OpenApiDocument, seed: Seed, options: PageOptions): string {
  const ops = listOperations(spec);
  const demo = demoAccounts(seed);
  const declared = (spec.tags ?? []).map((t) => t.name);
  const tags = [...declared, ...new Set(ops.flatMap((op) => operationText(spec, op).tags).filter((t) => !declared.includes(t)))];
  const untagged = ops.filter((op) => operationText(spec, op).tags.length === 0);
  if (untagged.length) throw new Error(`docs: operations without a tag: ${untagged.map((op) => op.operationId).join(", ")}`);
  const tagSections = tags.map((tag) =>
    el(
      "section",
      { id: tagAnchor(tag), "aria-labelledby": `${tagAnchor(tag)}-h` },
      el("h2", { id: `${tagAnchor(tag)}-h` }, esc(tag)),
      el("div", { class: "prose" }, markdown(spec.tags?.find((t) => t.name === tag)?.description ?? "", { links: options.links })),
      ...ops.filter((op) => operationText(spec, op).tags.includes(tag)).map((op) => operationSection(spec, op, demo, options.links)),
    ),
  );
  const schemas = Object.entries(spec.components?.schemas ?? {}).map(([name, schema]) => schemaSection(name, schema as OpenAPIV3_1.SchemaObject));
  const { info } = spec;
  const description = splitDescription(info.description ?? "");
  const body = join([
    el("a", { class: "skip", href: "#main" }, esc("Skip to the reference")),
    el(
      "header",
      { class: "top" },
      el("button", { type: "button", class: "menu", "aria-controls": "contents", "aria-expanded": "false", hidden: true }, esc("Menu")),
      el("p", { class: "brand" }, el("a", { href: `#${OVERVIEW_ANCHOR}` }, esc(info.title)), esc(" "), el("span", { class: "version" }, esc(`v${info.version}`))),
      el(
        "div",
        { class: "tools" },
        el(
          "div",
          { class: "search", role: "search", hidden: true },
          el("label", { for: "search-input" }, esc("Search")),
          voidEl("input", { type: "search", id: "search-input", autocomplete: "off", placeholder: "Search", "aria-controls": "search-results" }),
          el("ul", { id: "search-results", "aria-live": "polite" }),
        ),
        el(
          "div",
          { class: "theme", hidden: true },
          el("label", { for: "theme-choice" }, esc("Theme")),
          el("select", { id: "theme-choice" }, el("option", { value: "auto" }, esc("as the system")), el("option", { value: "light" }, esc("light")), el("option", { value: "dark" }, esc("dark"))),
        ),
      ),
    ),
    el(
      "div",
      { class: "layout" },
      nav(spec, tags, ops),
      el(
        "main",
        { id: "main", tabindex: -1 },
        el(
          "section",
          { id: OVERVIEW_ANCHOR, "aria-labelledby": `${OVERVIEW_ANCHOR}-h` },
          el("h1", { id: `${OVERVIEW_ANCHOR}-h` }, esc(info.title)),
          el("p", { class: "lead" }, esc(`Version ${info.version}. `), inline(info.summary ?? "")),
          el("div", { class: "prose" }, markdown(description.api, { headingLevel: 1, links: options.links })),
          firstCall(spec, ops, demo),
        ),
        authentication(spec),
        sandbox(),
        ...tagSections,
        servers(spec),
        el(
          "section",
          { id: DECISIONS_ANCHOR, "aria-labelledby": `${DECISIONS_ANCHOR}-h` },
          el("h2", { id: `${DECISIONS_ANCHOR}-h` }, esc("The contract's decisions")),
          el("div", { class: "prose" }, markdown(description.decisions, { headingLevel: 2, links: options.links })),
        ),
        el("section", { id: "schemas", "aria-labelledby": "schemas-h" }, el("h2", { id: "schemas-h" }, esc("Schemas")), ...schemas),
        el(
          "section",
          { id: "changelog", "aria-labelledby": "changelog-h", "data-changelog": "" },
          el("h2", { id: "changelog-h" }, esc("Changelog")),
          el("p", {}, esc(`This page documents version ${info.version}. Each release of the spec, and the changes of the working spec not released yet:`)),
          options.changelogHtml as Html,
        ),
      ),
    ),
  ]);
  const ids = [...body.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
  const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (repeated.length) throw new Error(`docs: ids used twice on the page (an operationId equal to another anchor?): ${[...new Set(repeated)].join(", ")}`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
${DOCS_SERVER_META}
<title>${esc(info.title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="docs.css">
<script defer src="docs.js"></script>
</head>
<body>
${body}
</body>
</html>
`;
}
