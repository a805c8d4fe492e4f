// The API reference as the mock serves it, at /docs/: the folder `npm run docs` writes (dist/docs/, see
// scripts/docs/build-docs.ts), one file per path, with a strict Content-Security-Policy. The page gets the
// mock's own origin: filled into its docs-server <meta> and put first in its Servers list, in place of the
// spec's loopback servers (the spec's `http://localhost:4010` is wrong when the mock runs elsewhere).
// The published folder keeps the spec's servers.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { docsHtml } from "../../project-paths.js";

/** The marker in the built page (scripts/docs/render/page.ts). */
export const DOCS_SERVER_META = '<meta name="docs-server" content="">';

/**
 * The page's policy when the mock serves it: the strict CSP, except that connect-src also allows
 * http: and https:, so the try-it panels can reach a URL the reader types (a mock elsewhere, with CORS).
 */
export const DOCS_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' http: https:; worker-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";

/** `http://` + a Host header that is a plain host[:port] (anything else is not echoed into the page). */
export function originOf(host: string | undefined): string | undefined {
  return host && /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/.test(host) ? `http://${host}` : undefined;
}

const LOOPBACK = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?\/?$/i;

/** The built page with this mock's origin in its docs-server <meta> and first in its Servers list. */
export function servedDocsPage(html: string, origin: string | undefined): string {
  if (!origin) return html;
  return html.replace(DOCS_SERVER_META, `<meta name="docs-server" content="${origin}">`).replace(/(<ul data-servers="">)([\s\S]*?)(<\/ul>)/, (_all, open: string, items: string, close: string) => {
    const kept = (items.match(/<li>[\s\S]*?<\/li>/g) ?? []).filter((li) => !LOOPBACK.test(/<code>([^<]*)<\/code>/.exec(li)?.[1] ?? ""));
    return `${open}<li><code>${origin}</code> — This mock, which serves these docs</li>${kept.join("")}${close}`;
  });
}

/**
 * A Markdown page or llms.txt as the mock serves it: the spec's loopback server (in the code samples and the
 * server list) becomes this mock's origin, so a tool that reads the page calls the mock that served it.
 */
export function servedTextPage(text: string, origin: string | undefined): string {
  return origin ? text.replace(/https?:\/\/(?:localhost|127\.0\.0\.1|\[::1\])(?::\d+)?(?![\w.-])/gi, origin) : text;
}

const TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  md: "text/markdown; charset=utf-8", // the pages for tools: {operationId}.md, overview.md, changelog.md
  txt: "text/plain; charset=utf-8", // llms.txt
};
/** A file name of the docs folder: no slash, no leading dot. */
const FILE = /^[a-z][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(html|js|css|md|txt)$/i;

export interface DocsFile {
  type: string;
  body: string;
}

/**
 * The docs folder's files by name (`""` is index.html); read on first request, then kept. Undefined for a
 * name the folder does not hold; throws when the docs are not built.
 */
export function docsFiles(dir: string = dirname(docsHtml)): (name: string, origin: string | undefined) => DocsFile | undefined {
  const cache = new Map<string, string | null>();
  return (name, origin) => {
    const file = name === "" ? "index.html" : name;
    const ext = FILE.exec(file)?.[1]?.toLowerCase();
    if (!ext) return undefined;
    let body = cache.get(file);
    if (body === undefined) {
      try {
        body = readFileSync(join(dir, file), "utf8");
      } catch (error) {
        if (file === "index.html") throw error;
        body = null;
      }
      cache.set(file, body);
    }
    if (body === null) return undefined;
    const served = file === "index.html" ? servedDocsPage(body, origin) : ext === "md" || ext === "txt" ? servedTextPage(body, origin) : body;
    return { type: TYPES[ext]!, body: served };
  };
}
