#!/usr/bin/env node
// email-domains-mcp: the MCP server over stdio. By default it answers from the kit's engine in this process
// (the demo seed, state kept for the session); with --base-url it sends every call to that server with the
// key of --api-key (or EMAIL_DOMAINS_API_KEY). stdout carries the protocol only: messages go to stderr.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Command, InvalidArgumentError, Option } from "commander";
import { apiSpec } from "../../generated/embedded.js";
import { precompiledEngineValidators } from "../../engine/precompiled-engine-validators.js";
import { isMissingPackage, MissingPackageError } from "../../optional-package.js";
import { packageRoot } from "../../project-paths.js";
import { inProcessTarget, remoteTarget } from "./call-targets.js";

const PEERS = ["@modelcontextprotocol/sdk", "zod"];

const httpUrl = (value: string) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError("must be an absolute http(s) URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new InvalidArgumentError("must be an absolute http(s) URL");
  return value;
};

const opts = new Command()
  .name("email-domains-mcp")
  .description("MCP server (stdio) over the email-domain API: search_operations, describe_operation, call_operation")
  .addOption(new Option("--base-url <url>", "send calls to this server (a running mock or a real one) instead of the in-process engine").argParser(httpUrl))
  .addOption(new Option("--api-key <key>", "the key sent with every call (default in-process: the demo key of the account in the path)").env("EMAIL_DOMAINS_API_KEY"))
  .parse()
  .opts<{ baseUrl?: string; apiKey?: string }>();

async function loadServer() {
  try {
    const [{ createMcpServer }, { StdioServerTransport }] = await Promise.all([import("./mcp-server.js"), import("@modelcontextprotocol/sdk/server/stdio.js")]);
    return { createMcpServer, StdioServerTransport };
  } catch (error) {
    const missing = PEERS.find((name) => isMissingPackage(error, name));
    throw missing ? new MissingPackageError(PEERS, "email-domains-mcp", { dev: true }) : error;
  }
}

try {
  const { createMcpServer, StdioServerTransport } = await loadServer();
  const { version } = JSON.parse(readFileSync(join(packageRoot, "package.json"), "utf8")) as { version: string };
  let target;
  let about: string;
  if (opts.baseUrl) {
    target = remoteTarget(opts.baseUrl, opts.apiKey);
    about = `Calls go to ${opts.baseUrl}${opts.apiKey ? "" : " without an API key (start the server with --api-key or EMAIL_DOMAINS_API_KEY)"}; every answer is checked against the spec.`;
  } else {
    const local = inProcessTarget({ onError: (event) => console.error(`email-domains-mcp: ${event.message}`, event.error), ...(opts.apiKey ? { apiKey: opts.apiKey } : {}) });
    target = local;
    about = `Calls are answered by the kit's stateful mock in this process (state kept until the server stops). Accounts: ${(await local.accountIds()).join(", ")}.`;
  }
  const server = createMcpServer({ spec: apiSpec, validators: precompiledEngineValidators.api, target, about, version });
  await server.connect(new StdioServerTransport());
} catch (error) {
  console.error(error instanceof MissingPackageError ? error.message : `email-domains-mcp cannot start: ${(error as Error).message}`);
  process.exit(1);
}
