/**
 * In an array sorted so that `before` holds for a leading run and fails after it, the length
 * of that run: the insertion point of binary search.
 */
export function countLeading<T>(sorted: readonly T[], before: (item: T) => boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(sorted[mid])) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
