// The MCP server: three generic tools over the spec and a call target (search, then describe, then call), as
// Stainless and Scalar settled on, so the tool list stays a few kB whatever the spec's size. Built on the
// official SDK (@modelcontextprotocol/sdk) and zod, optional peers of the kit loaded only by this host.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import type { OpenApiDocument } from "../../spec/load-spec.js";
import type { SchemaValidators } from "../../spec/validator-types.js";
import { CallArgumentsError, createOperationCaller, type CallTarget } from "./call-operation.js";
import { createOperationCatalogue } from "./operation-catalogue.js";

export interface McpServerOptions {
  spec: OpenApiDocument;
  /** Validators of the spec's schemas, for the response check of every answer. */
  validators: SchemaValidators;
  target: CallTarget;
  /** One line for the assistant: where answers come from (and, in-process, which accounts exist). */
  about: string;
  version: string;
}

const scalar = z.union([z.string(), z.number(), z.boolean()]);

const answer = (value: object): CallToolResult => ({
  content: [{ type: "text", text: JSON.stringify(value, null, 2) }],
  structuredContent: value as Record<string, unknown>,
});

const toolError = (text: string): CallToolResult => ({ isError: true, content: [{ type: "text", text }] });

export function createMcpServer({ spec, validators, target, about, version }: McpServerOptions): McpServer {
  const catalogue = createOperationCatalogue(spec);
  const callOperation = createOperationCaller(spec, validators, target);
  const unknownOperation = (operationId: string) => toolError(`Unknown operationId "${operationId}". The operations are: ${catalogue.operationIds.join(", ")}.`);

  const server = new McpServer(
    { name: "email-domains-mcp", version },
    {
      instructions: [
        `${spec.info.title}: ${spec.info.summary ?? ""}`,
        "Find an operation with search_operations, read its parameters, body and statuses with describe_operation, then send it with call_operation; the API key is added by this server.",
        about,
      ].join("\n"),
    },
  );

  server.registerTool(
    "search_operations",
    {
      description: "Find the API's operations matching some words (best match first), each with its method, path and a one-line summary. An empty query lists them all.",
      inputSchema: { query: z.string().describe("words, e.g. 'create domain' or 'dkim'") },
      annotations: { readOnlyHint: true },
    },
    async ({ query }) => answer({ operations: catalogue.search(query) }),
  );

  server.registerTool(
    "describe_operation",
    {
      description: "One operation in full: its parameters, its JSON body schema, every status it answers and what it means, and an example call for call_operation with the answer it gets.",
      inputSchema: { operationId: z.string().describe("from search_operations") },
      annotations: { readOnlyHint: true },
    },
    async ({ operationId }) => {
      const op = catalogue.find(operationId);
      return op ? answer(catalogue.describe(op)) : unknownOperation(operationId);
    },
  );

  server.registerTool(
    "call_operation",
    {
      description:
        "Send one operation to the API and get its answer: status, headers and JSON body. A request the API refuses comes back as its own error answer (e.g. 400 with the reasons). contractViolations lists what an answer breaks in the spec.",
      inputSchema: {
        operationId: z.string(),
        path: z.record(z.string(), z.union([z.string(), z.number()])).optional().describe("path parameters by name"),
        query: z.record(z.string(), z.union([scalar, z.array(scalar)])).optional().describe("query parameters by name"),
        body: z.unknown().optional().describe("the JSON body, sent as given"),
      },
      outputSchema: {
        status: z.number(),
        headers: z.record(z.string(), z.string()),
        body: z.unknown(),
        contractViolations: z.array(z.string()).optional(),
      },
    },
    async (args) => {
      const op = catalogue.find(args.operationId);
      if (!op) return unknownOperation(args.operationId);
      try {
        const result = await callOperation(op, args);
        return answer(result);
      } catch (error) {
        if (error instanceof CallArgumentsError) return toolError(error.message);
        const reason = error instanceof Error ? (error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message) : String(error);
        return toolError(`${op.operationId} got no answer from ${target.remote ? target.baseUrl : "the in-process engine"}: ${reason}`);
      }
    },
  );

  return server;
}
