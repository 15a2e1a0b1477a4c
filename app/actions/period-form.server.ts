import type { AppLoadContext } from "@remix-run/node";
import type { TFunction } from "i18next";
import { z } from "zod";
import type { FieldError } from "../components/ErrorSummary";
import { intlLocale } from "../i18n/config";
import { ThemeSlug } from "../moderation/theme-form";
import { dayInWords, readRequiredDates } from "../utils/date-input";
import { fieldErrors } from "../utils/forms";
import { formFailure } from "../utils/http.server";
import type { StaffForm, StaffFormFailure } from "../utils/staff-form.server";
import { nameField, translatedLanguages } from "./period-names";
import type { PeriodError, PeriodFailure, PeriodInput } from "./periods.server";

const NAME_MAX = 80;

/** Messages are keys under staff:periods.errors. */
const PeriodFields = z.object({
  name: z.string().trim().min(1, { error: "name" }).max(NAME_MAX, { error: "nameTooLong" }),
  slug: ThemeSlug,
});

/**
 * A period form as the periods module takes it, or every problem at its field in the order the
 * form shows them. Dates use the GOV.UK date input and its messages ("Start date must include a month").
 */
export function readPeriodForm(values: Record<string, string>, t: TFunction): { data: PeriodInput } | { errors: FieldError[] } {
  const parsed = PeriodFields.safeParse(values);
  const errors: FieldError[] = parsed.success ? [] : fieldErrors(parsed.error.issues, t, "periods.errors");
  const dates = readRequiredDates(values, ["startsOn", "endsOn"] as const, (field, problem) =>
    problem === "missing" ? t(`periods.errors.${field}`) : t(`common:dateInput.errors.${problem}`, { label: t(`periods.${field}`) }),
  );
  errors.push(...dates.errors);
  const { startsOn, endsOn } = dates.days;
  if (startsOn && endsOn && endsOn < startsOn) errors.push({ field: "endsOn", message: t("periods.errors.order") });
  const translations: Record<string, string> = {};
  for (const lang of translatedLanguages) {
    const name = (values[nameField(lang)] ?? "").trim();
    if (name.length > NAME_MAX) errors.push({ field: nameField(lang), message: t("periods.errors.nameTooLong") });
    else if (name) translations[lang] = name;
  }
  if (!parsed.success || errors.length || !startsOn || !endsOn) return { errors };
  return { data: { ...parsed.data, startsOn, endsOn, translations } };
}

const failureFields: Record<PeriodFailure, string> = { slugTaken: "slug", overlaps: "startsOn", published: "delete", inUse: "delete", notFound: "name" };

/** A refusal from the periods module as the one failure shape, at the field it is about. */
export function periodFailure(context: AppLoadContext, error: PeriodError, { t, values }: Pick<StaffForm, "t" | "values">, locale: string) {
  const { name, from, to } = error.params;
  const params = error.reason === "overlaps" ? { name, from: dayInWords(from, intlLocale(locale)), to: dayInWords(to, intlLocale(locale)) } : {};
  return formFailure<StaffFormFailure>(context, {
    errors: [{ field: failureFields[error.reason], message: t(`periods.errors.${error.reason}`, params) }],
    values,
  });
}
