/**
 * Small-number suppression for everything the public sees. A figure under the threshold is never
 * published ("fewer than 10"), and secondary suppression makes sure no hidden figure, and no sum
 * of hidden figures, can be worked out from a published total and the published parts.
 */

export const DEFAULT_THRESHOLD = 10;

/** A published count, or null when it must read "fewer than {threshold}" / "not shown". */
export type Published = number | null;

export interface SuppressedSplit<K extends string> {
  total: Published;
  parts: Record<K, Published>;
  /**
   * Parts hidden only to protect another figure. They are not small, so they must read "not
   * shown", never "fewer than 10".
   */
  secondary: K[];
}

/**
 * A total and the parts that add up to it (for example parents/carers and young people).
 * 1. Primary: every figure under the threshold is hidden; a hidden total hides every part.
 * 2. Secondary: with the total shown, the hidden parts' sum is total minus the shown parts, so
 *    more parts are hidden (smallest first) until at least two are hidden and their sum is at
 *    least the threshold. Then no hidden part, and no sum of them, can be worked out.
 */
export function suppressSplit<K extends string>(total: number, parts: Record<K, number>, threshold = DEFAULT_THRESHOLD): SuppressedSplit<K> {
  const keys = Object.keys(parts) as K[];
  const hidden = new Set<K>();
  if (total < threshold) {
    return { total: null, parts: Object.fromEntries(keys.map((key) => [key, null])) as Record<K, Published>, secondary: [] };
  }
  for (const key of keys) if (parts[key] < threshold) hidden.add(key);
  const secondary: K[] = [];
  const hiddenSum = () => [...hidden].reduce((sum, key) => sum + parts[key], 0);
  while (hidden.size > 0 && hidden.size < keys.length && (hidden.size < 2 || hiddenSum() < threshold)) {
    const next = keys.filter((key) => !hidden.has(key)).sort((a, b) => parts[a] - parts[b])[0];
    hidden.add(next);
    secondary.push(next);
  }
  return {
    total,
    parts: Object.fromEntries(keys.map((key) => [key, hidden.has(key) ? null : parts[key]])) as Record<K, Published>,
    secondary,
  };
}

/**
 * A share such as "72% agreed". Shown only when the base, the count that agreed and the count
 * that did not are each at least the threshold: otherwise the percentage and the base together
 * would give a small count away.
 */
export function suppressShare(count: number, base: number, threshold = DEFAULT_THRESHOLD): number | null {
  if (base < threshold || count < threshold || base - count < threshold) return null;
  return Math.round((count / base) * 100);
}

/** A single count with nothing to add up to. */
export function suppressCount(count: number, threshold = DEFAULT_THRESHOLD): Published {
  return count < threshold ? null : count;
}
