// Inline text of the changelog (backticks for code, as the gate writes it) for HTML and Markdown.
import type { ChangelogChange } from "./changelog-types.js";

/** `where: what`, without saying the place twice: `... › response 503 added`, `example \`X\` added`. */
export function changeText(change: Pick<ChangelogChange, "where" | "what">): string {
  if (change.what.startsWith(change.where)) return change.what;
  const parts = change.where.split(" › ");
  const last = parts.pop();
  if (last && parts.length && change.what.startsWith(last)) return `${parts.join(" › ")} › ${change.what}`;
  return `${change.where}: ${change.what}`;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Escaped HTML with each `code` span as <code>. */
export function inlineHtml(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part) => (part.startsWith("`") && part.endsWith("`") && part.length > 1 ? `<code>${escapeHtml(part.slice(1, -1))}</code>` : escapeHtml(part)))
    .join("");
}

/** Markdown text where the characters that would start markup outside code spans are escaped. */
export function inlineMarkdown(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part) => (part.startsWith("`") && part.endsWith("`") && part.length > 1 ? part : part.replace(/([\\*_[\]<|])/g, "\\$1")))
    .join("");
}

/** The text as a sentence: a capital first letter, a full stop at the end unless it has one. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
