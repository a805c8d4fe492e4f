// /docs/llms.txt (the llmstxt.org format): the API's name, its summary, what a tool needs first (servers,
// the key header), then a link to each operation's Markdown page with its method, path and first sentence,
// and the overview, changelog, spec and HTML reference. Pure.
import type { OpenAPIV3_1 } from "openapi-types";
import type { OpenApiDocument } from "../../../src/spec/load-spec.js";
import { listOperations, resolve } from "../../../src/spec/operations.js";
import { firstSentence } from "./markdown-text.js";
import { operationPageName } from "./operation-markdown.js";

export const OVERVIEW_PAGE = "overview.md";
export const CHANGELOG_PAGE = "changelog.md";

export function llmsTxt(spec: OpenApiDocument): string {
  const operations = listOperations(spec);
  const header = operations.find((o) => o.apiKeyHeader)?.apiKeyHeader;
  const lines = [`# ${spec.info.title}`, "", `> ${spec.info.summary ?? firstSentence(spec.info.description)}`, ""];
  lines.push(`Version ${spec.info.version} of the contract (OpenAPI ${spec.openapi}).`);
  for (const server of spec.servers ?? []) lines.push(`Server: ${server.url}${server.description ? ` (${server.description})` : ""}.`);
  if (header) lines.push(`Every operation takes the API key in the \`${header}\` header.`);
  lines.push("", "## Operations", "");
  for (const operation of operations) {
    const raw = resolve<OpenAPIV3_1.PathItemObject>(spec, spec.paths?.[operation.path] ?? {})[operation.method] as OpenAPIV3_1.OperationObject;
    lines.push(`- [${raw.summary ?? operation.operationId}](${operationPageName(operation.operationId)}): \`${operation.method.toUpperCase()} ${operation.path}\` (\`${operation.operationId}\`). ${firstSentence(raw.description)}`);
  }
  lines.push(
    "",
    "## Reference",
    "",
    `- [Overview](${OVERVIEW_PAGE}): what the contract documents as fact and what it decides, statuses, errors, the verification lifecycle`,
    `- [Changelog](${CHANGELOG_PAGE}): every release and the unreleased changes, breaking ones marked`,
    "- [OpenAPI 3.1 document](../openapi.json): the single source of truth (also ../openapi.yaml)",
    "",
    "## Optional",
    "",
    "- [HTML reference](index.html): the same, with try-it panels",
  );
  return lines.join("\n") + "\n";
}

/** The overview page: the document's description, servers and security. */
export function overviewMarkdown(spec: OpenApiDocument): string {
  const lines = [`# ${spec.info.title}`, "", `Version ${spec.info.version}. ${spec.info.summary ?? ""}`.trim(), "", (spec.info.description ?? "").trim(), "", "## Servers", ""];
  for (const server of spec.servers ?? []) lines.push(`- \`${server.url}\`${server.description ? `: ${server.description}` : ""}`);
  lines.push("", "## Authentication", "");
  for (const [name, raw] of Object.entries(spec.components?.securitySchemes ?? {})) {
    const scheme = resolve<OpenAPIV3_1.SecuritySchemeObject>(spec, raw);
    const where = scheme.type === "apiKey" ? ` in the \`${scheme.name}\` ${scheme.in}` : "";
    lines.push(`- \`${name}\` (${scheme.type}${where}): ${(scheme.description ?? "").replace(/\s*\n\s*/g, " ").trim()}`);
  }
  return lines.join("\n") + "\n";
}
