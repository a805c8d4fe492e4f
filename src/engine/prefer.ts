// The `Prefer` request header, as Prism reads it: `code=409` and `example=name` answer a documented
// response from the spec's examples without touching state. Added here: `delay=500` (milliseconds) to
// simulate a slow network, at most MAX_DELAY_MS.
import type { SpecOperation } from "../spec/operations.js";
import { httpError } from "./error-catalogue.js";

export const MAX_DELAY_MS = 10_000;

export interface Preferences {
  code?: number;
  example?: string;
  delayMs?: number;
}

export function parsePrefer(header: string | undefined): Preferences {
  const out: Preferences = {};
  if (!header) return out;
  for (const part of header.split(/[,;]/)) {
    const [rawName, ...rest] = part.split("=");
    const name = rawName?.trim().toLowerCase();
    const value = rest.join("=").trim().replace(/^"(.*)"$/, "$1");
    if (name === "code") {
      if (!/^[1-5]\d\d$/.test(value)) throw httpError("preferCodeInvalid", value);
      out.code = Number(value);
    } else if (name === "example") {
      out.example = value;
    } else if (name === "delay") {
      if (!/^\d{1,6}$/.test(value) || Number(value) > MAX_DELAY_MS) {
        throw httpError("preferDelayInvalid", MAX_DELAY_MS);
      }
      out.delayMs = Number(value);
    }
  }
  return out;
}

export interface PreferredResponse {
  status: number;
  body: unknown;
}

/** The documented response the preferences ask for, or undefined when they ask for none. */
export function preferredResponse(op: SpecOperation, prefs: Preferences): PreferredResponse | undefined {
  if (prefs.code === undefined && prefs.example === undefined) return undefined;
  const statuses = prefs.code === undefined ? Object.keys(op.responses) : [String(prefs.code)];
  for (const status of statuses) {
    const response = op.responses[status];
    if (!response) continue;
    const examples = response.content["application/json"]?.examples ?? {};
    if (prefs.example === undefined) {
      return { status: Number(status), body: Object.values(examples)[0] };
    }
    if (prefs.example in examples) return { status: Number(status), body: examples[prefs.example] };
  }
  const documented = Object.entries(op.responses)
    .map(([status, r]) => `${status} (${Object.keys(r.content["application/json"]?.examples ?? {}).join(", ") || "no body"})`)
    .join("; ");
  throw httpError("preferUndocumented", op.operationId, documented);
}
