// Remembers deep-frozen values that passed a validator. Validation has no side effects (no coercion, no
// defaults), so a value that cannot change and passed once passes again: stored domains (deep-frozen and
// replaced on change) are checked once, not on every GET and list page that answers them.
import type { ValidateFunction } from "../spec/validator-types.js";
import { isDeepFrozen } from "../shared/deep-freeze.js";

/** `validate(value)`, answered from memory for a deep-frozen value that passed it before. */
export type MemoizedValidate = (validate: ValidateFunction, value: unknown) => boolean;

export function createValidationMemo(): MemoizedValidate {
  const passed = new WeakMap<ValidateFunction, WeakSet<object>>();
  return (validate, value) => {
    if (typeof value !== "object" || value === null || !Object.isFrozen(value)) return validate(value) as boolean;
    let seen = passed.get(validate);
    // Only deep-frozen values are remembered, and freezing cannot be undone: a hit needs no new walk.
    if (seen?.has(value)) return true;
    if (!validate(value)) return false;
    if (!isDeepFrozen(value)) return true;
    if (!seen) passed.set(validate, (seen = new WeakSet()));
    seen.add(value);
    return true;
  };
}
