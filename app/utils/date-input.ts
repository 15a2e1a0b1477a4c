/** Why a GOV.UK date input's boxes do not make a date, as a message key under `common:dateInput.errors`. */
export type DateInputProblem = "missing" | "day" | "month" | "year" | "real" | "yearFormat";

/**
 * Reads the three boxes of a GOV.UK date input into "2027-03-31". Empty boxes give null (the
 * caller decides whether the date is required); the messages follow the GOV.UK pattern, naming
 * the first box that is missing, else saying it must be a real date.
 */
export function readDateInput(values: Record<string, string | undefined>, name: string): { day: string | null } | { problem: DateInputProblem } {
  const [day, month, year] = (["day", "month", "year"] as const).map((part) => (values[`${name}-${part}`] ?? "").trim());
  if (!day && !month && !year) return { day: null };
  if (!day) return { problem: "day" };
  if (!month) return { problem: "month" };
  if (!year) return { problem: "year" };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month)) return { problem: "real" };
  if (!/^\d{4}$/.test(year)) return { problem: "yearFormat" };
  const iso = `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) return { problem: "real" };
  return { day: iso };
}

/**
 * Reads required date inputs: a day for each field, or each problem at its field, worded by
 * `message` ("Start date must include a month"); "missing" means all three boxes were left empty.
 */
export function readRequiredDates<F extends string>(
  values: Record<string, string | undefined>,
  fields: readonly F[],
  message: (field: F, problem: DateInputProblem) => string,
): { days: Partial<Record<F, string>>; errors: { field: F; message: string }[] } {
  const days: Partial<Record<F, string>> = {};
  const errors: { field: F; message: string }[] = [];
  for (const field of fields) {
    const read = readDateInput(values, field);
    if ("problem" in read) errors.push({ field, message: message(field, read.problem) });
    else if (read.day === null) errors.push({ field, message: message(field, "missing") });
    else days[field] = read.day;
  }
  return { days, errors };
}

/** A stored day ("2027-03-31") as people read it in `locale` ("31 March 2027"), whatever the server's time zone. */
export function dayInWords(day: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}
