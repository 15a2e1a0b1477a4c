/**
 * Surveys open and close on whole days in England: a survey opens at midnight at the start of its
 * opening day and closes at midnight at the end of its closing day, London time (GMT or BST).
 * Stored as the UTC instants, so comparing with "now" needs no time zone.
 */
const DAY = 24 * 60 * 60 * 1000;

/** Minutes London is ahead of UTC at an instant (0 in winter, 60 in summer). */
function londonOffsetMinutes(at: Date): number {
  const name = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", timeZoneName: "shortOffset" })
    .formatToParts(at)
    .find((part) => part.type === "timeZoneName")?.value;
  const match = /GMT([+-]\d+)?(?::(\d+))?/.exec(name ?? "");
  if (!match?.[1]) return 0;
  const hours = Number(match[1]);
  return hours * 60 + Math.sign(hours) * Number(match[2] ?? 0);
}

/** The UTC instant of midnight in London at the start of `day` ("2027-03-31"). */
export function startOfDay(day: string): string {
  const utcMidnight = new Date(`${day}T00:00:00.000Z`);
  // The offset at London midnight is the offset a little after it, except on the two change days at 01:00, which do not move midnight.
  return new Date(utcMidnight.getTime() - londonOffsetMinutes(utcMidnight) * 60_000).toISOString();
}

/** The UTC instant a survey closing on `day` stops taking answers: the start of the next day. */
export function endOfDay(day: string): string {
  const next = new Date(new Date(`${day}T00:00:00.000Z`).getTime() + DAY).toISOString().slice(0, 10);
  return startOfDay(next);
}

/** The London day an instant falls on. */
export function londonDay(instant: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(instant));
}

/** The last day a survey closing at `closesAt` is open. */
export function closingDay(closesAt: string): string {
  return londonDay(new Date(new Date(closesAt).getTime() - 1).toISOString());
}
