import type { TFunction } from "i18next";
import { z } from "zod";
import { surveyAudiences } from "../../../db/schema";
import type { FieldError } from "../../components/ErrorSummary";
import { readDateInput } from "../../utils/date-input";
import { fieldErrors } from "../../utils/forms";
import type { SurveyDetailsInput } from "../builder.server";

const blank = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const Details = z.object({
  title: z.string().trim().min(1, { error: "title" }).max(200, { error: "tooLong" }),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: "slug" })
    .max(60, { error: "slug" }),
  audience: z.enum(surveyAudiences, { error: "audience" }),
  runBy: z.preprocess(blank, z.string().trim().max(200, { error: "tooLong" }).optional()),
  summary: z.string().trim().min(1, { error: "summary" }).max(500, { error: "tooLong" }),
  description: z.string().trim().max(5000, { error: "tooLong" }),
  privacy: z.preprocess(blank, z.string().trim().max(5000, { error: "tooLong" }).optional()),
  estimatedMinutes: z.coerce
    .number({ error: "estimatedMinutes" })
    .int({ error: "estimatedMinutes" })
    .min(1, { error: "estimatedMinutes" })
    .max(120, { error: "estimatedMinutes" }),
});

/**
 * The survey form as the builder stores it, or every problem at its field. Dates use the GOV.UK
 * date input, with its messages ("Opening date must include a month").
 */
export function readDetailsForm(
  values: Record<string, string>,
  themes: string[],
  knownThemes: number[],
  t: TFunction,
): { data: SurveyDetailsInput } | { errors: FieldError[] } {
  const parsed = Details.safeParse(values);
  const errors: FieldError[] = parsed.success ? [] : fieldErrors(parsed.error.issues, t, "builder.errors");
  const dates: Record<"opensOn" | "closesOn", string | null> = { opensOn: null, closesOn: null };
  for (const field of ["opensOn", "closesOn"] as const) {
    const read = readDateInput(values, field);
    if ("problem" in read) errors.push({ field, message: t(`common:dateInput.errors.${read.problem}`, { label: t(`builder.fields.${field}`) }) });
    else dates[field] = read.day;
  }
  if (dates.opensOn && dates.closesOn && dates.closesOn < dates.opensOn) errors.push({ field: "closesOn", message: t("builder.errors.closesBeforeOpens") });
  const themeIds = themes.map(Number).filter((id) => knownThemes.includes(id));
  if (errors.length || !parsed.success) return { errors };
  return {
    data: {
      ...parsed.data,
      runBy: parsed.data.runBy ?? null,
      privacy: parsed.data.privacy ?? null,
      opensOn: dates.opensOn,
      closesOn: dates.closesOn,
      themeIds,
    },
  };
}
