// Drives an installed `email-domains-mcp` the way an assistant does: an MCP SDK Client over
// StdioClientTransport, the tool list, then the domain's whole life through call_operation. Every tool
// result is kept in a transcript, so a test can also assert what never appears in one (the API key).
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

export interface ToolAnswer {
  isError: boolean;
  text: string;
  structured: Record<string, unknown> | undefined;
}

export interface CallAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  contractViolations?: string[];
}

export interface McpSession {
  toolNames: string[];
  /** The tool list as the client received it, serialised: what an assistant pays for in its context. */
  toolListBytes: number;
  tool(name: string, args: Record<string, unknown>): Promise<ToolAnswer>;
  /** call_operation, which must not be a tool error. */
  call(args: Record<string, unknown>): Promise<CallAnswer>;
  /** Every tool result so far, as JSON text. */
  transcript(): string;
  stderr(): string;
  close(): Promise<void>;
}

export async function openMcpSession(command: string, args: string[], options: { cwd: string; env?: Record<string, string> }): Promise<McpSession> {
  const transport = new StdioClientTransport({ command, args, cwd: options.cwd, env: { PATH: process.env["PATH"] ?? "", ...options.env }, stderr: "pipe" });
  let stderr = "";
  transport.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const client = new Client({ name: "kit-test", version: "1.0.0" });
  await client.connect(transport);
  const { tools } = await client.listTools();
  const results: unknown[] = [];
  const tool = async (name: string, toolArgs: Record<string, unknown>): Promise<ToolAnswer> => {
    const result = await client.callTool({ name, arguments: toolArgs });
    results.push(result);
    const content = result.content as Array<{ type: string; text?: string }>;
    return { isError: result.isError === true, text: content.map((c) => c.text ?? "").join("\n"), structured: result.structuredContent as Record<string, unknown> | undefined };
  };
  return {
    toolNames: tools.map((t) => t.name),
    toolListBytes: Buffer.byteLength(JSON.stringify(tools)),
    tool,
    async call(callArgs) {
      const answer = await tool("call_operation", callArgs);
      if (answer.isError || !answer.structured) throw new Error(`call_operation ${JSON.stringify(callArgs)} was a tool error: ${answer.text}`);
      // The text and the structured content say the same.
      if (JSON.stringify(JSON.parse(answer.text)) !== JSON.stringify(answer.structured)) throw new Error(`text and structured content differ: ${answer.text}`);
      return answer.structured as unknown as CallAnswer;
    },
    transcript: () => JSON.stringify(results),
    stderr: () => stderr,
    close: () => client.close(),
  };
}
