// A history for a person: one line per call, in the order sent, with its window (ms from the first call of
// the parallel part), who sent it, the call, and what came back.
import type { EmailDomain } from "../domains.js";
import { describeCall, type Answer } from "../model/steps.js";
import type { History, TimedCall } from "./history.js";

const ms = (t: number) => `${t >= 0 ? "+" : ""}${t.toFixed(1)}`;

function answerText(a: Answer | undefined): string {
  if (a === undefined) return "no answer";
  const body = a.body as (Partial<EmailDomain> & { error?: unknown; message?: unknown }) | unknown[] | undefined;
  if (Array.isArray(body)) return `${a.status} [${body.map((d) => `${(d as EmailDomain).domain}${(d as EmailDomain).isDefault ? " (default)" : ""}`).join(", ")}]`;
  if (body && typeof body.id === "string") return `${a.status} ${body.id} ${body.domain}${body.isDefault ? " (default)" : ""} description ${JSON.stringify(body.description)}`;
  if (body && body.error !== undefined) return `${a.status} ${String(body.error)}: ${Array.isArray(body.message) ? body.message.join("; ") : String(body.message)}`;
  return String(a.status);
}

const who = (c: TimedCall) => (c.client < 0 ? "sequential" : `client ${c.client + 1}`);

/** The timeline of `calls` (a whole history or one part), times from the first parallel call's send. */
export function formatTimeline(calls: History): string {
  const parallel = calls.filter((c) => c.client >= 0);
  const zero = parallel.length > 0 ? Math.min(...parallel.map((c) => c.sentAt)) : Math.min(...calls.map((c) => c.sentAt));
  return [...calls]
    .sort((a, b) => a.sentAt - b.sentAt || a.id - b.id)
    .map((c) => `  #${c.id} ${ms(c.sentAt - zero)}..${c.answeredAt === undefined ? "?" : ms(c.answeredAt - zero)} ms  ${who(c).padEnd(10)} ${describeCall(c.call)}  -> ${answerText(c.answer)}`)
    .join("\n");
}
