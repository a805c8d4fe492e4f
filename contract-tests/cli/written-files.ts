// The files a stopped run wrote (JUnit and the summary), listed for the line that follows its one-line reason.
import { relative } from "node:path";

/** `reports/contract-junit.xml, reports/contract-summary.md`, relative to cwd where shorter; scripts last. */
export function listFiles(files: string[], cwd: string): string {
  const shown = (f: string) => {
    const rel = relative(cwd, f);
    return rel.startsWith("..") ? f : rel;
  };
  const scripts = files.filter((f) => f.endsWith(".sh"));
  const others = files.filter((f) => !f.endsWith(".sh")).map(shown);
  return [...others, ...scripts.map(shown)].join(", ");
}
