// Text helpers the CLI's report writers share: XML escaping (JUnit), and the lines one failure shows.
import { failureFacts } from "./failure-facts.js";
import type { TestOutcome } from "./outcome.js";

// Characters XML 1.0 cannot hold, and terminal colour codes a message may carry.
// eslint-disable-next-line no-control-regex
const NOT_XML = /\u001b\[[0-9;]*m|[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export const xml = (text: string) => text.replace(NOT_XML, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** One failure's parts, one per line: call, expected, came back, script (or why none). */
export function failureLines(test: TestOutcome): string[] {
  const f = failureFacts(test);
  return [
    ...(f.call ? [`call:      ${f.call}`] : []),
    ...(f.expected ? [`expected:  ${f.expected}`] : []),
    ...(f.cameBack ? [`came back: ${f.cameBack}`] : []),
    f.script ? `script:    ${f.script}` : (f.noScript ?? ""),
  ];
}
