// Deep-frozen values: frozen all the way down, so nothing in them can change any more. The memory store
// deep-freezes what it keeps; the engine's caches (the response check's memo, the JSON text of a body)
// trust only such values. Values known to be deep-frozen are remembered, so asking about a stored domain
// is one WeakSet lookup instead of a walk over its fields.
const known = new WeakSet<object>();

/** Freezes `value` and everything in it; returns it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !known.has(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
    known.add(value);
  }
  return value;
}

/** True when nothing in `value` can change any more. */
export function isDeepFrozen(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return true;
  if (known.has(value)) return true;
  if (!Object.isFrozen(value)) return false;
  for (const child of Object.values(value)) if (!isDeepFrozen(child)) return false;
  // Freezing cannot be undone: once deep-frozen, always deep-frozen.
  known.add(value);
  return true;
}
