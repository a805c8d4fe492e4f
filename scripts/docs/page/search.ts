// Search over the page's own text: operations, schemas and the introduction, best match first (the ranking
// the MCP server's search_operations uses too). Excerpts are cut from the rendered text (textContent), so
// the spaces around inline code stay where the spec has them.
import { rankByQuery, words } from "../../../src/spec/rank-by-query.js";
interface Entry {
  id: string;
  title: string;
  text: string;
}

const squash = (text: string): string => text.replace(/\s+/g, " ").trim();

function collect(): Entry[] {
  const entries: Entry[] = [];
  for (const section of Array.from(document.querySelectorAll<HTMLElement>("main section[id]"))) {
    const heading = section.querySelector("h1, h2, h3");
    if (!heading || heading.closest("section") !== section) continue;
    const own = section.classList.contains("operation") ? section.querySelector(".op-doc") : section;
    const parts: string[] = [];
    for (const node of Array.from(own?.childNodes ?? [])) {
      if (node instanceof HTMLElement && (node.matches("section") || node.hidden)) continue; // nested sections are entries of their own
      parts.push(node.textContent ?? "");
    }
    entries.push({ id: section.id, title: squash(heading.textContent ?? section.id), text: squash(parts.join(" ")) });
  }
  return entries;
}

export function excerpt(text: string, at: number, length: number, around = 60): string {
  const start = Math.max(0, at - around);
  const end = Math.min(text.length, at + length + around);
  return `${start > 0 ? "…" : ""}${text.slice(start, end)}${end < text.length ? "…" : ""}`;
}

export function wireSearch(root: HTMLElement): void {
  const input = root.querySelector<HTMLInputElement>("input[type=search]")!;
  const results = root.querySelector<HTMLUListElement>("#search-results")!;
  let entries: Entry[] | undefined;
  input.addEventListener("input", () => {
    entries ??= collect();
    const query = squash(input.value).toLowerCase();
    results.replaceChildren();
    if (query.length < 2) return;
    const hits = rankByQuery(entries, query);
    for (const { entry, at } of hits.slice(0, 8)) {
      const li = document.createElement("li");
      const link = document.createElement("a");
      link.href = `#${entry.id}`;
      link.textContent = entry.title;
      const p = document.createElement("p");
      // Around the whole query, else around its first word found in the text.
      const word = words(query).find((w) => entry.text.toLowerCase().includes(w));
      const from = at >= 0 ? at : word ? entry.text.toLowerCase().indexOf(word) : -1;
      p.textContent = from >= 0 ? excerpt(entry.text, from, at >= 0 ? query.length : word!.length) : "";
      li.append(link, p);
      results.append(li);
    }
    if (!hits.length) {
      const li = document.createElement("li");
      li.textContent = "Nothing found.";
      results.append(li);
    }
  });
}
