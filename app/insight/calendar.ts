import type { Grouping } from "./filters";

/** A span of whole days, both ends inclusive (YYYY-MM-DD). */
export interface DayRange {
  from: string;
  to: string;
}

/** One column of a chart over time: a week (from Monday) or a calendar month, cut to the range. */
export interface Bucket {
  key: string;
  from: string;
  to: string;
}

const DAY = 86_400_000;
const dayNumber = (day: string) => Math.round(Date.parse(`${day}T00:00:00Z`) / DAY);
const dayAt = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);

/** The day after `day`: stored times are compared with it, so a range's last day counts whole. */
export const nextDay = (day: string) => dayAt(dayNumber(day) + 1);

export const addDays = (day: string, days: number) => dayAt(dayNumber(day) + days);

/** Whole days from one day to another (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string) => dayNumber(to) - dayNumber(from);

/** The week (its Monday) or month a day belongs to. */
export function bucketKey(day: string, by: Grouping): string {
  if (by === "month") return day.slice(0, 7);
  const n = dayNumber(day);
  const sinceMonday = (new Date(n * DAY).getUTCDay() + 6) % 7;
  return dayAt(n - sinceMonday);
}

/** Every week or month that touches the range, in order, each cut to the range: empty ones too. */
export function bucketsOf(range: DayRange, by: Grouping): Bucket[] {
  const buckets: Bucket[] = [];
  for (let n = dayNumber(range.from); n <= dayNumber(range.to); n++) {
    const day = dayAt(n);
    const key = bucketKey(day, by);
    const last = buckets.at(-1);
    if (last?.key === key) last.to = day;
    else buckets.push({ key, from: day, to: day });
  }
  return buckets;
}

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
