import type { TFunction } from "i18next";
import type { DB } from "../../db/connection";
import type { Role } from "../../db/schema";
import { canUse } from "../accounts/session.server";
import type { FieldError } from "../components/ErrorSummary";
import { readDateInput } from "../utils/date-input";
import { httpError } from "../utils/http.server";
import type { ExportScope } from "./responses.server";

export const exportFormats = ["csv", "xlsx"] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** What the export form asks, checked: the page shows it before the download, which reads it again. */
export interface ExportChoice {
  survey: { id: number; slug: string };
  period: { id: number; slug: string } | null;
  /** Inclusive days, from the period or the dates typed; null for no limit. */
  from: string | null;
  to: string | null;
  format: ExportFormat;
  includeHeld: boolean;
}

/** The form's fields: what the page's form sends, and what the download form carries on. */
export const choiceFields = ["survey", "period", "from-day", "from-month", "from-year", "to-day", "to-month", "to-year", "format", "held"] as const;

/** Only the export's own fields, as a query string for the page. */
export function choiceQuery(values: Record<string, string>): string {
  return new URLSearchParams(choiceFields.flatMap((field) => (values[field] ? [[field, values[field]]] : []))).toString();
}

async function findSurvey(db: DB, slug: string) {
  return db.selectFrom("surveys").select(["id", "slug"]).where("slug", "=", slug).executeTakeFirst();
}

async function findPeriod(db: DB, id: string) {
  if (!/^\d{1,9}$/.test(id)) return undefined;
  return db.selectFrom("periods").select(["id", "slug", "starts_on", "ends_on"]).where("id", "=", Number(id)).executeTakeFirst();
}

/**
 * Reads the export form (query string or posted), with every problem at its field in the order the
 * form shows them; messages are in the person's language. Asking for held responses without the
 * role is refused outright (403): the form never offers it to them.
 */
export async function readExportChoice(
  db: DB,
  values: Record<string, string>,
  t: TFunction,
  role: Role,
): Promise<{ choice: ExportChoice } | { errors: FieldError[] }> {
  const includeHeld = values.held === "1";
  if (includeHeld && !canUse(role, "safeguarding")) httpError(t, 403, "forbidden");
  const errors: FieldError[] = [];
  const slug = (values.survey ?? "").trim();
  const survey = slug ? await findSurvey(db, slug) : undefined;
  if (!survey) errors.push({ field: "survey", message: t(slug ? "exports:errors.surveyUnknown" : "exports:errors.survey") });

  const periodId = (values.period ?? "").trim();
  const period = periodId ? await findPeriod(db, periodId) : undefined;
  if (periodId && !period) errors.push({ field: "period", message: t("exports:errors.periodUnknown") });

  const days = { from: null as string | null, to: null as string | null };
  for (const field of ["from", "to"] as const) {
    const read = readDateInput(values, field);
    if ("problem" in read) errors.push({ field, message: t(`common:dateInput.errors.${read.problem}`, { label: t(`exports:form.${field}`) }) });
    else days[field] = read.day;
  }
  if (period && (days.from || days.to)) errors.push({ field: "period", message: t("exports:errors.periodAndDates") });
  if (days.from && days.to && days.to < days.from) errors.push({ field: "to", message: t("exports:errors.order") });

  const format = exportFormats.find((candidate) => candidate === values.format);
  if (!format) errors.push({ field: "format", message: t("exports:errors.format") });

  if (errors.length > 0 || !survey || !format) return { errors };
  return {
    choice: {
      survey,
      period: period ? { id: period.id, slug: period.slug } : null,
      from: period?.starts_on ?? days.from,
      to: period?.ends_on ?? days.to,
      format,
      includeHeld,
    },
  };
}

export function scopeOf(choice: ExportChoice): ExportScope {
  return { surveyId: choice.survey.id, from: choice.from, to: choice.to, includeHeld: choice.includeHeld };
}

/** "parents-and-carers-responses-2025-04-01-to-2026-03-31.csv": the survey, the dates, and whether held responses are in it. */
export function fileName(choice: ExportChoice): string {
  const range = choice.from && choice.to ? `-${choice.from}-to-${choice.to}` : choice.from ? `-from-${choice.from}` : choice.to ? `-to-${choice.to}` : "-all";
  return `${choice.survey.slug}-responses${range}${choice.includeHeld ? "-with-held" : ""}.${choice.format}`;
}
