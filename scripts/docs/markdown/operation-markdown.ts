// One Markdown page per operation, for tools and assistants: what the HTML reference says about it
// (method, path, description, key, parameters, body, responses, examples, the schemas' fields) and its
// code samples, all from the bundled spec. Pure.
import type { OpenAPIV3_1 } from "openapi-types";
import type { OpenApiDocument } from "../../../src/spec/load-spec.js";
import { resolve, type SpecOperation } from "../../../src/spec/operations.js";
import { operationAnchor } from "../anchors.js";
import { codeSamples } from "../samples/code-samples.js";
import { exampleRequests } from "../samples/example-requests.js";
import { cell, demoteHeadings, fenced } from "./markdown-text.js";
import { fieldRows, refName, typePhrase } from "./schema-summary.js";

export interface MarkdownContext {
  /** The origin the samples call: the spec's first server, or the mock that serves the page. */
  baseUrl: string;
  apiKey: string;
  /** Says where the key comes from, e.g. "the demo key of the local mock's account A". */
  apiKeyNote: string;
  /** Rewrites the links of the spec's descriptions (default: as they are). */
  links?: (href: string) => string;
}

/** The Markdown links `[text](href)` of a description, each href through `links`. */
function relink(markdown: string, links: ((href: string) => string) | undefined): string {
  return links ? markdown.replace(/\]\(([^)\s]+)\)/g, (_m, href: string) => `](${links(href)})`) : markdown;
}

type Schema = OpenAPIV3_1.SchemaObject | OpenAPIV3_1.ReferenceObject;

/** The page's file name beside llms.txt: `createEmailDomain.md`. */
export function operationPageName(operationId: string): string {
  return `${operationId}.md`;
}

function rawOperation(spec: OpenApiDocument, operation: SpecOperation): OpenAPIV3_1.OperationObject {
  const item = resolve<OpenAPIV3_1.PathItemObject>(spec, spec.paths?.[operation.path] ?? {});
  return item[operation.method] as OpenAPIV3_1.OperationObject;
}

/** Named object schemas a schema reaches (through items, properties, oneOf...), in the order met. */
function namedSchemas(spec: OpenApiDocument, schema: Schema | undefined, found: Set<string>): void {
  if (!schema) return;
  const name = refName(schema);
  const s = resolve<OpenAPIV3_1.SchemaObject>(spec, schema);
  if (name && s.properties) {
    if (found.has(name)) return;
    found.add(name);
  }
  const next: Schema[] = [
    ...("items" in s && s.items ? [s.items as Schema] : []),
    ...Object.values(s.properties ?? {}),
    ...(s.oneOf ?? []),
    ...(s.anyOf ?? []),
    ...(s.allOf ?? []),
  ];
  for (const sub of next) if (refName(sub) !== name) namedSchemas(spec, sub, found);
}

function exampleBlocks(examples: Record<string, unknown>, limit: number): string[] {
  return Object.entries(examples)
    .slice(0, limit)
    .flatMap(([name, value]) => [`Example \`${name}\`:`, "", fenced("json", JSON.stringify(value, null, 2)), ""]);
}

export function operationMarkdown(spec: OpenApiDocument, operation: SpecOperation, context: MarkdownContext): string {
  const raw = rawOperation(spec, operation);
  const method = operation.method.toUpperCase();
  const lines: string[] = [
    `# ${raw.summary ?? operation.operationId}`,
    "",
    `\`${method} ${operation.path}\` · operationId \`${operation.operationId}\` · [HTML reference](index.html#${operationAnchor(operation.operationId)})`,
    "",
    relink(demoteHeadings((raw.description ?? "").trim(), 1), context.links),
    "",
  ];

  lines.push("## Authentication", "");
  if (operation.apiKeyHeader) {
    const schemes = operation.security.flatMap((r) => Object.keys(r));
    const declared = schemes[0] ? spec.components?.securitySchemes?.[schemes[0]] : undefined;
    const scheme = declared ? resolve<OpenAPIV3_1.SecuritySchemeObject>(spec, declared) : undefined;
    lines.push(`Send the API key in the \`${operation.apiKeyHeader}\` header (security scheme \`${schemes[0]}\`). ${(scheme?.description ?? "").replace(/\s*\n\s*/g, " ").trim()}`, "");
  } else lines.push("None.", "");

  if (operation.parameters.length) {
    lines.push("## Parameters", "", "| name | in | type | required | description |", "|---|---|---|---|---|");
    for (const p of operation.parameters) {
      const example = p.example !== undefined ? ` Example: \`${String(p.example)}\`.` : "";
      lines.push(`| \`${p.name}\` | ${p.in} | ${cell(typePhrase(spec, p.schema as Schema | undefined))} | ${p.required ? "yes" : "no"} | ${cell(`${p.description ?? ""}${example}`)} |`);
    }
    lines.push("");
  }

  const schemas = new Set<string>();
  if (operation.requestBody) {
    lines.push("## Request body", "");
    for (const [type, media] of Object.entries(operation.requestBody.content)) {
      const name = refName(media.schema);
      lines.push(`\`${type}\`, ${operation.requestBody.required ? "required" : "optional"}: ${typePhrase(spec, media.schema)}${name ? ` (fields below, under Schemas)` : ""}.`, "");
      namedSchemas(spec, media.schema, schemas);
      lines.push(...exampleBlocks(media.examples, Infinity));
    }
  }

  lines.push("## Responses", "");
  for (const [status, response] of Object.entries(operation.responses)) {
    lines.push(`### ${status}`, "", response.description.trim(), "");
    const rawResponse = resolve<OpenAPIV3_1.ResponseObject>(spec, raw.responses?.[status] ?? { description: "" });
    for (const [header, value] of Object.entries(rawResponse.headers ?? {})) {
      const h = resolve<OpenAPIV3_1.HeaderObject>(spec, value);
      lines.push(`Header \`${header}\`: ${typePhrase(spec, h.schema as Schema | undefined)}. ${(h.description ?? "").trim()}`, "");
    }
    for (const [type, media] of Object.entries(response.content)) {
      lines.push(`Body (\`${type}\`): ${typePhrase(spec, media.schema)}.`, "");
      namedSchemas(spec, media.schema, schemas);
      lines.push(...exampleBlocks(media.examples, 1));
    }
  }

  const [example] = exampleRequests(operation, context);
  if (example) {
    lines.push("## Code samples", "", `Filled with the spec's example${example.name === "default" ? "" : ` \`${example.name}\``}, the server \`${context.baseUrl}\` and ${context.apiKeyNote} (\`${context.apiKey}\`).`, "");
    for (const sample of codeSamples(operation, example.request)) {
      const language = { curl: "sh", javascript: "js", typescript: "ts", python: "python" }[sample.language];
      lines.push(`### ${sample.label}`, "", fenced(language, sample.code), "");
    }
  }

  if (schemas.size) {
    lines.push("## Schemas", "");
    for (const name of schemas) {
      const schema = { $ref: `#/components/schemas/${name}` };
      const s = resolve<OpenAPIV3_1.SchemaObject>(spec, schema);
      lines.push(`### ${name}`, "", (s.description ?? "").trim(), "", `${s.additionalProperties === false ? "No other property is allowed." : ""}`, "");
      lines.push("| field | type | required | description | rules |", "|---|---|---|---|---|");
      for (const row of fieldRows(spec, schema)) lines.push(`| \`${row.name}\` | ${cell(row.type)} | ${row.required ? "yes" : "no"} | ${cell(row.description)} | ${cell(row.rules)} |`);
      lines.push("");
    }
  }
  return lines.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd() + "\n";
}
