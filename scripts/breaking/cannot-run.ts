/** The gate could not compare at all (bad ref, no release, a spec that does not bundle): exit 2, one line. */
export class CannotRun extends Error {
  override name = "CannotRun";
}
