// Shell quoting for the reproduction scripts: values become POSIX `sh` words, placeholders become variables.

/** One single-quoted sh word holding `text` exactly (a `'` is closed, escaped and reopened). */
export const quote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

const PLACEHOLDER = /\{(accountA|accountB|run|created:(\d+))\}/g;

/** The shell variable a placeholder stands for. */
export function variableOf(name: string): string {
  if (name === "accountA") return "CONTRACT_ACCOUNT_ID";
  if (name === "accountB") return "CONTRACT_OTHER_ACCOUNT_ID";
  if (name === "run") return "RUN";
  const step = /^created:(\d+)$/.exec(name)?.[1];
  if (step === undefined) throw new Error(`not a placeholder: {${name}}`);
  return `ID_${step}`;
}

/** The placeholders a text uses, by name (`accountA`, `created:2`, ...). */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

// Bytes the script cannot hold inside single quotes in a way every shell and editor keeps: controls except
// tab and newline.
const AWKWARD = /[\u0000-\u0008\u000b-\u001f\u007f]/;

/**
 * A sh word (possibly several quoted pieces glued together) that expands to `text` with its placeholders
 * replaced by their variables' values. Text with control characters becomes a `$(printf ...)` of octal escapes.
 */
export function word(text: string): string {
  const pieces: string[] = [];
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    if (m.index > last) pieces.push(literal(text.slice(last, m.index)));
    pieces.push(`"\${${variableOf(m[1]!)}}"`);
    last = m.index + m[0].length;
  }
  if (last < text.length || pieces.length === 0) pieces.push(literal(text.slice(last)));
  return pieces.join("");
}

function literal(text: string): string {
  if (!AWKWARD.test(text)) return quote(text);
  const octal = [...new TextEncoder().encode(text)].map((b) => `\\${b.toString(8).padStart(3, "0")}`).join("");
  return `"$(printf '${octal}')"`;
}

/** Lines as `# ` comments (a newline in a title cannot end the comment). */
export const comment = (text: string): string => text.split(/\r?\n/).map((line) => `# ${line}`.trimEnd()).join("\n");
