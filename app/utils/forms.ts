import type { TFunction } from "i18next";
import { CSRF_FIELD } from "../accounts/csrf";
import type { FieldError } from "../components/ErrorSummary";

/** What a person typed, to show again after a validation error; never the CSRF token or a password. */
export function formValues(form: FormData, omit: string[] = []): Record<string, string> {
  const skip = new Set([CSRF_FIELD, ...omit]);
  return Object.fromEntries([...form].filter(([key]) => !skip.has(key)).map(([key, value]) => [key, String(value)]));
}

/** zod issues whose messages are locale keys, as the error summary's field errors. */
export function fieldErrors(issues: { path: PropertyKey[]; message: string }[], t: TFunction, prefix: string): FieldError[] {
  return issues.map((issue) => ({ field: String(issue.path[0]), message: t(`${prefix}.${issue.message}`) }));
}
