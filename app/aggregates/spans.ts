import { sql, type RawBuilder, type SqlBool } from "kysely";

/**
 * theme_counts and answer_counts hold each count twice: for its day ("2026-03-14") and for its
 * whole month ("2026-03"). A range of days is read as its whole months plus the days at either end,
 * so a year is twelve month rows per key instead of 365 day rows (docs/decisions/020-counts.md).
 */

/** The month of a day: its first seven characters. */
export const monthOf = (day: string) => day.slice(0, 7);

const lastDayOf = (month: string) => {
  const [year, m] = month.split("-").map(Number);
  return new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
};

const nextMonth = (month: string) => {
  const [year, m] = month.split("-").map(Number);
  return new Date(Date.UTC(year, m, 1)).toISOString().slice(0, 7);
};

/** A part of a range: whole months by their keys, or a run of days inside one month. */
export type SpanPiece = { months: string[] } | { from: string; to: string };

/** The pieces of an inclusive range of days (YYYY-MM-DD): whole months, and the days left at either end. */
export function spanPieces(from: string, to: string): SpanPiece[] {
  if (from > to) return [];
  const pieces: SpanPiece[] = [];
  const months: string[] = [];
  let month = monthOf(from);
  while (month <= monthOf(to)) {
    const first = `${month}-01`;
    const last = lastDayOf(month);
    const start = from > first ? from : first;
    const end = to < last ? to : last;
    if (start === first && end === last) months.push(month);
    else pieces.push({ from: start, to: end });
    month = nextMonth(month);
  }
  if (months.length) pieces.unshift({ months });
  return pieces;
}

/** The condition for one piece on a span column, written so the primary key serves it. */
export function spanCondition(piece: SpanPiece, column: string): RawBuilder<SqlBool> {
  const ref = sql.ref(column);
  return "months" in piece ? sql<SqlBool>`${ref} in (${sql.join(piece.months)})` : sql<SqlBool>`(${ref} >= ${piece.from} and ${ref} <= ${piece.to})`;
}

/**
 * Runs a query once per piece of the range and gives back all their rows, for the caller to add
 * up: one query per piece keeps each an index range (an OR of ranges would not be).
 */
export async function acrossSpans<T>(from: string, to: string, column: string, run: (inSpan: RawBuilder<SqlBool>) => Promise<T[]>): Promise<T[]> {
  const rows = await Promise.all(spanPieces(from, to).map((piece) => run(spanCondition(piece, column))));
  return rows.flat();
}
