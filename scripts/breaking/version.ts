// Contract versions are plain MAJOR.MINOR.PATCH: a release of the contract has no pre-release or build
// tag, so these few lines replace a semver dependency (and cut-release refuses anything else).
export interface Version {
  major: number;
  minor: number;
  patch: number;
}

const PLAIN = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/** The version, or undefined when the text is not MAJOR.MINOR.PATCH. */
export function parseVersion(text: string): Version | undefined {
  const m = PLAIN.exec(text);
  return m ? { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]) } : undefined;
}

/** Negative when a < b, 0 when equal, positive when a > b, in semver order. */
export function compareVersions(a: Version, b: Version): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}
