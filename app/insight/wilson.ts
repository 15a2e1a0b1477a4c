/**
 * The Wilson score interval for a proportion: n of N people are in a group, so the group's share of
 * everyone like them lies, with 95% confidence, between `low` and `high`. Unlike "share ± 1.96 standard
 * errors" it stays inside 0–1 and is honest for small counts and shares near 0 or 1 (Wilson, 1927;
 * Agresti and Coull, 1998).
 */

/** The two-sided 95% point of the standard normal distribution. */
export const Z_95 = 1.959963984540054;

export interface Interval {
  share: number;
  low: number;
  high: number;
}

export function wilsonInterval(n: number, total: number, z = Z_95): Interval {
  if (!Number.isInteger(n) || !Number.isInteger(total) || n < 0 || total < 0 || n > total) {
    throw new RangeError(`wilsonInterval needs whole numbers with 0 <= n <= total, not ${n} of ${total}`);
  }
  // With nobody asked, any share is possible.
  if (total === 0) return { share: 0, low: 0, high: 1 };
  const share = n / total;
  const z2 = z * z;
  const denominator = 1 + z2 / total;
  const centre = (share + z2 / (2 * total)) / denominator;
  const half = (z / denominator) * Math.sqrt((share * (1 - share)) / total + z2 / (4 * total * total));
  // Clamp the rounding at the edges: 0 of N starts at exactly 0, N of N ends at exactly 1.
  return { share, low: n === 0 ? 0 : Math.max(0, centre - half), high: n === total ? 1 : Math.min(1, centre + half) };
}

export type Judgement = "under" | "in_line" | "over" | "too_small";

/** Fewer respondents in a group than this, and fewer expected if it were in line, and it is too small to judge. */
export const SMALLEST_JUDGED_GROUP = 10;

/**
 * How a group of respondents compares with its share of the population: under-represented when the
 * population share is above the whole interval, over-represented when below it, in line otherwise.
 * A group with no population to compare with is too small to judge, and so is one with fewer than 10
 * respondents where fewer than 10 would be expected: a big group that nobody from answered (0 of 200,
 * where 80 were expected) is exactly who we are not hearing from, and is judged.
 */
export function judge(n: number, total: number, populationShare: number | null): Judgement {
  if (populationShare === null || populationShare === 0) return "too_small";
  if (n < SMALLEST_JUDGED_GROUP && total * populationShare < SMALLEST_JUDGED_GROUP) return "too_small";
  const { low, high } = wilsonInterval(n, total);
  if (populationShare > high) return "under";
  if (populationShare < low) return "over";
  return "in_line";
}
