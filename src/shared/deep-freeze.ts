// Deep-frozen values: frozen all the way down, so nothing in them can change any more. The memory store
// deep-freezes what it keeps; the engine's caches (the response check's memo, the JSON text of a body)
// trust only such values. A value found deep-frozen once is remembered, so asking again about a domain
// that is served often is one WeakSet lookup instead of a walk over its fields. Only values that are asked
// about are remembered (not every domain of a large seed).
const known = new WeakSet<object>();

/** Freezes `value` and everything in it that is not frozen yet; returns it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function frozenThrough(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return true;
  if (!Object.isFrozen(value)) return false;
  for (const child of Object.values(value)) if (!frozenThrough(child)) return false;
  return true;
}

/** True when nothing in `value` can change any more. */
export function isDeepFrozen(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return true;
  if (known.has(value)) return true;
  if (!frozenThrough(value)) return false;
  // Freezing cannot be undone: once deep-frozen, always deep-frozen.
  known.add(value);
  return true;
}
