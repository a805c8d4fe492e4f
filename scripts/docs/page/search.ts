// Search over the page's own text: operations, schemas and the introduction. Excerpts are cut from the
// rendered text (textContent), so the spaces around inline code stay where the spec has them.
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
    const hits = entries.flatMap((entry) => {
      const at = entry.text.toLowerCase().indexOf(query);
      return at >= 0 || entry.title.toLowerCase().includes(query) ? [{ entry, at }] : [];
    });
    for (const { entry, at } of hits.slice(0, 8)) {
      const li = document.createElement("li");
      const link = document.createElement("a");
      link.href = `#${entry.id}`;
      link.textContent = entry.title;
      const p = document.createElement("p");
      p.textContent = at >= 0 ? excerpt(entry.text, at, query.length) : "";
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
