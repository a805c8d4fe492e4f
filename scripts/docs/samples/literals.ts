// JSON values written as source literals of each sample language, and strings quoted for a POSIX shell.

/** `'...'` for sh/bash/zsh: nothing inside is expanded; a `'` is closed, escaped and reopened. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A JSON value as a JavaScript/TypeScript literal (keys unquoted where they are identifiers), indented to continue at `indent`. */
export function jsLiteral(value: unknown, indent = ""): string {
  const step = "  ";
  const key = (k: string) => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : JSON.stringify(k));
  const write = (v: unknown, at: string): string => {
    if (v === null || typeof v !== "object") return JSON.stringify(v) ?? "undefined";
    const inner = at + step;
    if (Array.isArray(v)) {
      if (v.length === 0) return "[]";
      return `[\n${v.map((item) => inner + write(item, inner)).join(",\n")},\n${at}]`;
    }
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length === 0) return "{}";
    return `{\n${entries.map(([k, item]) => `${inner}${key(k)}: ${write(item, inner)}`).join(",\n")},\n${at}}`;
  };
  return write(value, indent);
}

/** A JSON value as a Python literal (None, True, False), indented to continue at `indent`. */
export function pythonLiteral(value: unknown, indent = ""): string {
  const step = "    ";
  const write = (v: unknown, at: string): string => {
    if (v === null) return "None";
    if (v === true) return "True";
    if (v === false) return "False";
    if (typeof v === "number") return Number.isFinite(v) ? String(v) : "None";
    if (typeof v === "string") return JSON.stringify(v); // a JSON string is a valid Python string literal
    const inner = at + step;
    if (Array.isArray(v)) {
      if (v.length === 0) return "[]";
      return `[\n${v.map((item) => inner + write(item, inner)).join(",\n")},\n${at}]`;
    }
    if (typeof v === "object") {
      const entries = Object.entries(v as Record<string, unknown>);
      if (entries.length === 0) return "{}";
      return `{\n${entries.map(([k, item]) => `${inner}${JSON.stringify(k)}: ${write(item, inner)}`).join(",\n")},\n${at}}`;
    }
    throw new Error(`no Python literal for ${typeof v}`);
  };
  return write(value, indent);
}
