// Binary search over a sorted array: shared by the memory store's list order and SQLite's list positions.

/** Index of the first element not less than `item` under `compare`: where `item` is, or would be inserted. */
export function lowerBound<T>(sorted: readonly T[], item: T, compare: (a: T, b: T) => number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(sorted[mid]!, item) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
