// A request target (`/path?query`) split once, the same way for the engine, the hosts and the tools.

/** The path before the first `?`, and the query after it (undefined when there is no `?`). */
export function splitTarget(target: string): { path: string; query: string | undefined } {
  const at = target.indexOf("?");
  return at === -1 ? { path: target, query: undefined } : { path: target.slice(0, at), query: target.slice(at + 1) };
}
