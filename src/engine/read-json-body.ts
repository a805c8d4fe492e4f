// Reads a JSON request body after checking that the request says it is JSON. Each way a body can be wrong
// maps to the documented status: not JSON -> 415, over the limit -> 413, not parseable or not UTF-8 -> 400,
// absent -> 400. The host only delivers bytes (with the limit); decoding and parsing happen here, the same
// for every host. The limit of the API's operations comes from the spec (`x-max-body-bytes` of their 413).
import type { EngineHeaders, EngineRequest } from "./engine-types.js";
import { httpError } from "./error-catalogue.js";

const header = (headers: EngineHeaders, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
};

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

export async function readJsonBody(req: EngineRequest, limitBytes: number): Promise<unknown> {
  if (!req.hasBody) throw httpError("bodyRequired");
  const type = header(req.headers, "content-type");
  const [mediaType = "", ...params] = (type ?? "").split(";");
  if (mediaType.trim().toLowerCase() !== "application/json") {
    throw httpError("notJson", type);
  }
  // JSON between systems is UTF-8 (RFC 8259): any other declared charset is refused.
  const charset = params.map((p) => /^\s*charset\s*=\s*"?([^";\s]*)/i.exec(p)?.[1]?.toLowerCase()).find((c) => c !== undefined);
  if (charset !== undefined && charset !== "utf-8" && charset !== "utf8") {
    throw httpError("notUtf8Charset");
  }
  // A compressed request body is refused rather than inflated: no client of this API compresses uploads,
  // and inflating is where a small upload becomes a huge one.
  const encoding = header(req.headers, "content-encoding")?.trim().toLowerCase();
  if (encoding !== undefined && encoding !== "" && encoding !== "identity") {
    throw httpError("compressedBody", encoding);
  }
  // Refused before reading; the host closes the connection rather than reading the rest.
  if (Number(header(req.headers, "content-length")) > limitBytes) {
    throw httpError("bodyTooLarge", limitBytes);
  }
  const bytes = await req.readBody(limitBytes);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw httpError("bodyNotUtf8");
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw httpError("bodyNotJson", (error as Error).message);
  }
}
