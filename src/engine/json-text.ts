// The JSON text of a response body, as JSON.stringify writes it, with the text of each deep-frozen object
// remembered: the memory store deep-freezes the domains it keeps and replaces them on change, so a
// domain is serialised once per version and reused by every GET and list page that answers it.
// Transport-neutral: hosts turn the text into bytes their own way.

import { isDeepFrozen } from "../shared/deep-freeze.js";

const texts = new WeakMap<object, string>();

function objectText(value: object): string {
  const known = texts.get(value);
  if (known !== undefined) return known;
  const text = JSON.stringify(value);
  // Freezing cannot be undone, so a deep-frozen value's text stays right for as long as the value lives.
  if (isDeepFrozen(value)) texts.set(value, text);
  return text;
}

/** Exactly `JSON.stringify(body)` for a JSON body (plain data: no `toJSON`, no undefined at the top). */
export function jsonText(body: unknown): string {
  if (Array.isArray(body)) {
    let text = "[";
    for (let i = 0; i < body.length; i++) {
      const item: unknown = body[i];
      if (i > 0) text += ",";
      // JSON.stringify writes `null` for what it cannot serialise inside an array.
      text += typeof item === "object" && item !== null ? objectText(item) : (JSON.stringify(item) ?? "null");
    }
    return `${text}]`;
  }
  return typeof body === "object" && body !== null ? objectText(body) : JSON.stringify(body);
}
