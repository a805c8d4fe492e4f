/** The base URL of a run whose mutant is served in-process (in-process-mutant.ts): nothing listens there. */
export const MUTANT_ORIGIN = "http://mutant.invalid";
