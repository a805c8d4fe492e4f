// Matches a request to an operation from the spec's path templates: 404 for a path no template matches,
// 405 with `Allow` for a method its path does not document. As Express did before (so nothing a client saw
// changes): literal segments compare case-insensitively, one trailing slash is ignored, and HEAD is
// answered wherever GET is.
import { httpError } from "./error-catalogue.js";

interface Template<R> {
  /** Literal segments in lower case; `null` where a `{parameter}` stands. */
  segments: Array<string | null>;
  names: string[];
  byMethod: Map<string, R>;
  allow: string;
}

export interface RouteMatch<R> {
  route: R;
  /** Path parameters, percent-decoded. */
  params: Record<string, string>;
}

export interface Router<R> {
  /** Throws HttpError 404 / 405 / 400 (a parameter that is not valid percent-encoding). */
  match(method: string, path: string): RouteMatch<R>;
}

export function createRouter<R>(routes: Array<{ method: string; path: string; route: R }>): Router<R> {
  const templates = new Map<string, Template<R>>();
  for (const { method, path, route } of routes) {
    let template = templates.get(path);
    if (!template) {
      const parts = path.split("/").slice(1);
      template = {
        segments: parts.map((p) => (/^\{[^}]+\}$/.test(p) ? null : p.toLowerCase())),
        names: parts.filter((p) => /^\{[^}]+\}$/.test(p)).map((p) => p.slice(1, -1)),
        byMethod: new Map(),
        allow: "",
      };
      templates.set(path, template);
    }
    template.byMethod.set(method.toUpperCase(), route);
  }
  // By segment count, so a request is compared with a handful of templates at most.
  const bySize = new Map<number, Template<R>[]>();
  for (const template of templates.values()) {
    const methods = [...template.byMethod.keys()];
    template.allow = [...methods, ...(methods.includes("GET") ? ["HEAD"] : [])].join(", ");
    const list = bySize.get(template.segments.length) ?? [];
    // Templates with more literal segments first: `/a/b` wins over `/a/{x}`.
    list.push(template);
    list.sort((x, y) => x.segments.filter((s) => s === null).length - y.segments.filter((s) => s === null).length);
    bySize.set(template.segments.length, list);
  }

  return {
    match(method, path) {
      const trimmed = path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
      const parts = trimmed.split("/").slice(1);
      for (const template of bySize.get(parts.length) ?? []) {
        const values = matchSegments(template.segments, parts);
        if (!values) continue;
        const upper = method.toUpperCase();
        const route = template.byMethod.get(upper) ?? (upper === "HEAD" ? template.byMethod.get("GET") : undefined);
        if (route === undefined) {
          throw httpError("methodNotAllowed", method, template.allow);
        }
        const params: Record<string, string> = {};
        template.names.forEach((name, i) => (params[name] = decodeParam(values[i]!)));
        return { route, params };
      }
      throw httpError("routeNotFound", method, path);
    },
  };
}

function matchSegments(segments: Array<string | null>, parts: string[]): string[] | undefined {
  const values: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const literal = segments[i];
    const part = parts[i]!;
    if (literal === null) {
      if (part === "") return undefined;
      values.push(part);
    } else if (literal !== part && literal !== part.toLowerCase()) {
      return undefined;
    }
  }
  return values;
}

function decodeParam(raw: string): string {
  if (!raw.includes("%")) return raw; // nothing to decode (the common case)
  try {
    return decodeURIComponent(raw);
  } catch {
    throw httpError("malformedRequest");
  }
}
