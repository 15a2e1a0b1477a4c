/**
 * When a concern raised at `from` becomes overdue: after `days` working days (Monday to Friday).
 * A concern raised at a weekend starts its clock on Monday morning. Bank holidays are not known
 * here, so a concern may show as overdue a day early around one: early rather than late.
 */
export function overdueAt(from: Date, days: number): Date {
  const due = new Date(from);
  const weekday = (date: Date) => date.getUTCDay() !== 0 && date.getUTCDay() !== 6;
  if (!weekday(due)) {
    while (!weekday(due)) due.setUTCDate(due.getUTCDate() + 1);
    due.setUTCHours(0, 0, 0, 0);
  }
  let left = days;
  while (left > 0) {
    due.setUTCDate(due.getUTCDate() + 1);
    if (weekday(due)) left -= 1;
  }
  return due;
}

/** Only concerns that nobody has yet handed over or closed can be overdue. */
export function isOverdue(state: string, raisedAt: string, days: number, now: Date): boolean {
  return (state === "new" || state === "looking") && overdueAt(new Date(raisedAt), days) <= now;
}
