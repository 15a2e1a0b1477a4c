/**
 * Spreadsheets run a cell that starts with = + - or @ as a formula, and some treat a leading tab or
 * carriage return the same way (OWASP, "CSV Injection"). Such text gets a leading apostrophe, so it
 * shows as the words that were written and never runs. Numbers are left alone: -3 is a number.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export type Cell = string | number | null;

export function neutralise<T>(value: T): T | string {
  return typeof value === "string" && FORMULA_START.test(value) ? `'${value}` : value;
}
