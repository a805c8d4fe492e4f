// Before any test: the options make sense against the spec, the server answers, and each key is accepted by
// a list call of its account. Each problem is one line (a PreflightError); the suite then does not start.
import { createEmailDomainsClient, EmailDomainsApiError } from "../../src/client/index.js";
import type { OpenApiDocument } from "../../src/spec/load-spec.js";
import { listOperations } from "../../src/spec/operations.js";
import { createSchemaValidators, describeErrors } from "../../src/spec/schema-validator.js";
import type { Credentials } from "../support/demo-accounts.js";
import { networkReason } from "../support/network-reason.js";
import type { RunOptions } from "./options.js";

export { networkReason };

export class PreflightError extends Error {
  override readonly name = "PreflightError";
}

/** The static segments every path of the spec starts with, e.g. ["api", "v1", "accounts"]. */
export function commonPathSegments(spec: OpenApiDocument): string[] {
  const paths = listOperations(spec).map((op) => op.path.split("/").filter((s) => s !== ""));
  const first = paths[0] ?? [];
  const common: string[] = [];
  for (const [i, segment] of first.entries()) {
    if (segment.startsWith("{") || !paths.every((p) => p[i] === segment)) break;
    common.push(segment);
  }
  return common;
}

/**
 * The part of the spec's paths that a base URL already ends with (`/api/v1`), if any: the suite adds it
 * itself, so requests would go to `/api/v1/api/v1/...`. A single segment (`/api`) may be a gateway's own
 * mount point and is let through.
 */
export function doubledPrefix(baseUrl: string, spec: OpenApiDocument): string | undefined {
  const base = new URL(baseUrl).pathname.split("/").filter((s) => s !== "");
  const common = commonPathSegments(spec);
  for (let n = common.length; n >= 2; n--) {
    const prefix = common.slice(0, n);
    if (base.length >= n && base.slice(-n).join("/") === prefix.join("/")) return `/${prefix.join("/")}`;
  }
  return undefined;
}

/** Checks that need no network: the URL's form, no doubled prefix, account ids as the spec's parameter wants. */
export function checkOptions(options: RunOptions, spec: OpenApiDocument): void {
  let url: URL;
  try {
    url = new URL(options.baseUrl);
  } catch {
    throw new PreflightError(`--base-url ${JSON.stringify(options.baseUrl)} is not a URL (for example http://127.0.0.1:4010)`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new PreflightError(`--base-url must be an http or https URL, not ${url.protocol}`);
  if (url.search !== "" || url.hash !== "") throw new PreflightError(`--base-url ${options.baseUrl} has a query or fragment: give only the server's origin (and mount path)`);
  const doubled = doubledPrefix(options.baseUrl, spec);
  if (doubled) {
    const fixed = options.baseUrl.slice(0, options.baseUrl.length - doubled.length);
    throw new PreflightError(`--base-url ${options.baseUrl} ends in ${doubled}, which every path of the API starts with already: use --base-url ${fixed}`);
  }
  const list = listOperations(spec).find((op) => op.operationId === "listEmailDomains");
  const param = list?.parameters.find((p) => p.name === "accountId");
  if (!param?.schema) return;
  const validate = createSchemaValidators(spec, { coerce: true }).compile({ type: "object", properties: { accountId: param.schema } });
  for (const [flag, who] of accounts(options)) {
    if (!validate({ accountId: who.accountId })) throw new PreflightError(`${flag} ${who.accountId}: ${describeErrors("", validate.errors).map((p) => p.replace(/^\/accountId /, "")).join("; ")}`);
  }
}

function accounts(options: RunOptions): Array<[string, Credentials]> {
  return [["--account-id", options.own], ...(options.other ? [["--other-account-id", options.other] as [string, Credentials]] : [])];
}

/** One list call per account: the server answers, and answers 200 to that key on that account. */
export async function checkServer(options: RunOptions, spec: OpenApiDocument, fetchImpl: typeof fetch = globalThis.fetch): Promise<void> {
  const documented = Object.keys(listOperations(spec).find((op) => op.operationId === "listEmailDomains")?.responses ?? {});
  for (const [flag, who] of accounts(options)) {
    const client = createEmailDomainsClient({ baseUrl: options.baseUrl, apiKey: who.apiKey, fetch: fetchImpl });
    const where = `${options.baseUrl} (list of ${flag} ${who.accountId})`;
    try {
      await client.list(who.accountId, {}, { signal: AbortSignal.timeout(options.timeoutMs) });
    } catch (error) {
      if (!(error instanceof EmailDomainsApiError)) throw new PreflightError(`cannot reach ${where}: ${networkReason(error, options.timeoutMs)}`);
      const said = `${error.statusCode} ${error.error}${error.body ? `: ${error.message}` : ""}`;
      const keyFlag = flag === "--account-id" ? "--api-key" : "--other-api-key";
      if (error.statusCode === 401) throw new PreflightError(`the server rejected ${keyFlag} (${said})`);
      if (error.statusCode === 403) throw new PreflightError(`${keyFlag} is not a key of ${flag} ${who.accountId} (${said})`);
      if (!documented.includes(String(error.statusCode))) {
        throw new PreflightError(`${where} answered ${said}, a status listEmailDomains never answers: is --base-url the email-domain API?`);
      }
      throw new PreflightError(`${where} answered ${said}, not 200`);
    }
  }
}
