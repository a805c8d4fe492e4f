// Ranks entries (operations, sections of the reference) by how well they match a typed query, best first:
// the MCP server's search_operations and the reference page's search box share it, so both put the same
// operation first. A title hit outweighs a text hit, a whole word a part of one, and every word of the
// query must match somewhere (when no entry has them all, entries matching some of them follow, by score).
// Browser-safe: plain strings in, plain data out.

export interface Searchable {
  /** The name a reader looks for: an operation's summary and operationId, a section's heading. */
  title: string;
  /** Everything else that may match: path, description, field names. */
  text: string;
}

export interface Ranked<T> {
  entry: T;
  score: number;
  /** Where the whole query first occurs in the entry's text (-1: nowhere), for an excerpt. */
  at: number;
}

/**
 * Lower-case words of a text, camelCase split and also kept whole, so both `dkim status` and a typed
 * operationId find `checkDkimStatus`: `checkDkimStatus` -> checkdkimstatus check dkim status.
 */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const token of text.split(/[^A-Za-z0-9]+/)) {
    if (token === "") continue;
    const parts = token.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase().split(" ");
    if (parts.length > 1) out.push(token.toLowerCase());
    out.push(...parts);
  }
  return out;
}

/** One field's score for one query word: a whole word, the start of one, or inside one. */
function wordScore(word: string, fieldWords: string[], weight: number): number {
  let best = 0;
  for (const candidate of fieldWords) {
    const score = candidate === word ? 3 : candidate.startsWith(word) ? 2 : candidate.includes(word) ? 1 : 0;
    if (score > best) best = score;
    if (best === 3) break;
  }
  return best * weight;
}

const TITLE_WEIGHT = 4;
const TEXT_WEIGHT = 1;

export function rankByQuery<T extends Searchable>(entries: readonly T[], query: string): Ranked<T>[] {
  const queryWords = [...new Set(words(query))];
  if (queryWords.length === 0) return [];
  const phrase = query.trim().toLowerCase();
  const scored = entries.map((entry, index) => {
    const titleWords = words(entry.title);
    const textWords = words(entry.text);
    let score = 0;
    let matched = 0;
    for (const word of queryWords) {
      const wordPoints = Math.max(wordScore(word, titleWords, TITLE_WEIGHT), wordScore(word, textWords, TEXT_WEIGHT));
      if (wordPoints > 0) matched++;
      score += wordPoints;
    }
    const at = entry.text.toLowerCase().indexOf(phrase);
    if (entry.title.toLowerCase().includes(phrase)) score += 8;
    else if (at >= 0) score += 2;
    return { entry, score, at, index, matched };
  });
  const all = scored.filter((s) => s.matched === queryWords.length);
  const hits = all.length > 0 ? all : scored.filter((s) => s.matched > 0);
  return hits.sort((a, b) => b.score - a.score || a.index - b.index).map(({ entry, score, at }) => ({ entry, score, at }));
}
