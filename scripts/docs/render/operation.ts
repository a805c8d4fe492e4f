// One operation of the spec as a section of the page: method and path, description, parameters, request
// body, responses with their examples, and beside them the try-it panel (try-panel.ts).
import type { OpenAPIV3_1 } from "openapi-types";
import { resolve, type SpecOperation } from "../../../src/spec/operations.js";
import type { OpenApiDocument } from "../../../src/spec/load-spec.js";
import { el, esc, join, json, operationAnchor, type Html } from "./html.js";
import { inline, markdown, type LinkResolver } from "./markdown.js";
import { constraintsOf, typeOf } from "./schema.js";
import { tryPanel, type DemoAccount } from "./try-panel.js";

type Schema = OpenAPIV3_1.SchemaObject & { $ref?: string };

export interface OperationText {
  summary: string;
  description: string;
  tags: string[];
}

/** The summary, description and tags of an operation, which listOperations leaves out. */
export function operationText(spec: OpenApiDocument, op: SpecOperation): OperationText {
  const raw = spec.paths?.[op.path]?.[op.method] as OpenAPIV3_1.OperationObject | undefined;
  return { summary: raw?.summary ?? op.operationId, description: raw?.description ?? "", tags: raw?.tags ?? [] };
}

function parametersTable(op: SpecOperation, caption: string): Html {
  if (!op.parameters.length) return "" as Html;
  const rows = op.parameters.map((p) =>
    el(
      "tr",
      {},
      el("th", { scope: "row" }, el("code", {}, esc(p.name))),
      el("td", {}, esc(p.in)),
      el("td", {}, typeOf(p.schema as Schema | undefined), " " as Html, constraintsOf(p.schema as Schema | undefined)),
      el("td", {}, esc(p.required ? "required" : "optional")),
      el("td", {}, inline((p.description ?? "").trim()), p.example !== undefined ? join([esc(" Example: "), el("code", {}, esc(JSON.stringify(p.example)))]) : false),
    ),
  );
  const head = ["Name", "In", "Type", "Required", "Description"].map((h) => el("th", { scope: "col" }, esc(h)));
  return el("div", { class: "table-scroll", tabindex: 0, role: "region", "aria-label": caption }, el("table", {}, el("caption", {}, esc(caption)), el("thead", {}, el("tr", {}, ...head)), el("tbody", {}, ...rows)));
}

function examples(list: Record<string, unknown>, spec: OpenApiDocument, named: Record<string, OpenAPIV3_1.ExampleObject | OpenAPIV3_1.ReferenceObject> | undefined): Html {
  return join(
    Object.entries(list).map(([name, value]) => {
      const summary = named?.[name] ? resolve<OpenAPIV3_1.ExampleObject>(spec, named[name]!).summary : undefined;
      return el("details", { class: "example" }, el("summary", {}, esc(`Example ${name}`), summary ? esc(`: ${summary}`) : false), el("pre", { tabindex: 0 }, el("code", {}, esc(json(value)))));
    }),
  );
}

function rawMedia(spec: OpenApiDocument, op: SpecOperation, status?: string): OpenAPIV3_1.MediaTypeObject | undefined {
  const raw = spec.paths?.[op.path]?.[op.method] as OpenAPIV3_1.OperationObject | undefined;
  if (status === undefined) return resolve<OpenAPIV3_1.RequestBodyObject>(spec, raw?.requestBody ?? { content: {} }).content?.["application/json"];
  return resolve<OpenAPIV3_1.ResponseObject>(spec, raw?.responses?.[status] ?? { description: "" }).content?.["application/json"];
}

function responseHeaders(spec: OpenApiDocument, op: SpecOperation, status: string): Html {
  const raw = spec.paths?.[op.path]?.[op.method] as OpenAPIV3_1.OperationObject | undefined;
  const headers = resolve<OpenAPIV3_1.ResponseObject>(spec, raw?.responses?.[status] ?? { description: "" }).headers ?? {};
  const items = Object.entries(headers).map(([name, h]) => {
    const header = resolve<OpenAPIV3_1.HeaderObject>(spec, h);
    return el("li", {}, esc("Header "), el("code", {}, esc(name)), esc(": "), typeOf(header.schema as Schema | undefined), " " as Html, constraintsOf(header.schema as Schema | undefined), esc(" — "), inline(header.description ?? ""));
  });
  return items.length ? el("ul", {}, ...items) : ("" as Html);
}

function responses(spec: OpenApiDocument, op: SpecOperation, id: string): Html {
  const items = Object.entries(op.responses).map(([status, response]) => {
    const media = response.content["application/json"];
    return el(
      "li",
      { class: "response" },
      el("h5", { id: `${id}-${status}` }, el("span", { class: `status s${status[0]}` }, esc(status)), esc(" "), inline(response.description.trim().split("\n")[0] ?? "")),
      response.description.trim().includes("\n") ? el("div", { class: "prose" }, markdown(response.description.trim().split("\n").slice(1).join("\n"))) : false,
      media ? el("p", {}, esc("Body (application/json): "), typeOf(media.schema as Schema)) : el("p", {}, esc("No body.")),
      responseHeaders(spec, op, status),
      media ? examples(media.examples, spec, rawMedia(spec, op, status)?.examples as never) : false,
    );
  });
  return el("ul", { class: "responses" }, ...items);
}

export function operationSection(spec: OpenApiDocument, op: SpecOperation, demo: DemoAccount[], links: LinkResolver): Html {
  const sampleBase = spec.servers?.[0]?.url ?? "http://localhost";
  const { summary, description } = operationText(spec, op);
  const id = operationAnchor(op.operationId);
  const body = op.requestBody?.content["application/json"];
  return el(
    "section",
    { id, class: "operation", "aria-labelledby": `${id}-h` },
    // `#<operationId>` (the links the README and other sites write) lands here too, also without JavaScript.
    el("span", { id: op.operationId, class: "op-alias" }),
    el("h3", { id: `${id}-h` }, el("a", { href: `#${id}`, class: "anchor" }, esc(summary))),
    el("p", { class: "endpoint" }, el("span", { class: `method m-${op.method}` }, esc(op.method.toUpperCase())), esc(" "), el("code", {}, esc(op.path)), el("span", { class: "opid" }, esc(" operationId "), el("code", {}, esc(op.operationId)))),
    el(
      "div",
      { class: "op-grid" },
      el(
        "div",
        { class: "op-doc" },
        el("div", { class: "prose" }, markdown(description, { links })),
        op.parameters.length ? el("h4", {}, esc("Parameters")) : false,
        parametersTable(op, `Parameters of ${op.operationId}`),
        body ? el("h4", {}, esc(`Request body (application/json, ${op.requestBody?.required ? "required" : "optional"})`)) : false,
        body ? el("p", {}, esc("Schema: "), typeOf(body.schema as Schema)) : false,
        body ? examples(body.examples, spec, rawMedia(spec, op)?.examples as never) : false,
        el("h4", {}, esc("Responses")),
        responses(spec, op, id),
      ),
      tryPanel(op, demo, sampleBase),
    ),
  );
}
