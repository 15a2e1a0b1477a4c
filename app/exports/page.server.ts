import type { TFunction } from "i18next";
import type { DB } from "../../db/connection";
import type { Role } from "../../db/schema";
import { canUse } from "../accounts/session.server";
import { listPeriods } from "../actions/periods.server";
import type { FieldError } from "../components/ErrorSummary";
import { intlLocale } from "../i18n/config";
import { surveyChoices } from "../moderation/queue.server";
import { dayInWords } from "../utils/date-input";
import { choiceFields, readExportChoice, scopeOf, type ExportChoice } from "./choice.server";
import { countInScope } from "./responses.server";

interface PageInput {
  db: DB;
  lang: string;
  t: TFunction;
  role: Role;
  /** The query string: empty on arrival, the form's fields once it is sent. */
  query: URLSearchParams;
}

/** What the page shows a choice as, and how many responses it matches now. */
async function readySummary(db: DB, choice: ExportChoice, surveyTitle: string, lang: string, t: TFunction) {
  const day = (value: string) => dayInWords(value, intlLocale(lang));
  const { from, to } = choice;
  const dates =
    from && to
      ? t("summary.between", { from: day(from), to: day(to) })
      : from
        ? t("summary.fromOnly", { from: day(from) })
        : to
          ? t("summary.toOnly", { to: day(to) })
          : t("summary.anyDate");
  return {
    survey: surveyTitle,
    dates,
    format: choice.format,
    includeHeld: choice.includeHeld,
    count: await countInScope(db, scopeOf(choice)),
  };
}

/**
 * The export page: the form, and once it is sent and makes sense, what the file will hold with the
 * button that downloads it. A form that does not make sense gets its problems with status 400.
 */
export async function exportPage({ db, lang, t, role, query }: PageInput) {
  const [surveys, periods] = await Promise.all([surveyChoices(db, lang), listPeriods(db, lang)]);
  const day = (value: string) => dayInWords(value, intlLocale(lang));
  const base = {
    title: t("title"),
    surveys: surveys.map((survey) => ({ value: survey.slug, label: survey.title })),
    periods: periods.map((period) => ({
      value: String(period.id),
      label: t("form.periodOption", { name: period.name, from: day(period.starts_on), to: day(period.ends_on) }),
    })),
    canIncludeHeld: canUse(role, "safeguarding"),
  };
  if (!query.has("survey")) return { status: 200, data: { ...base, values: { format: "csv" }, errors: [] as FieldError[], ready: null } };
  const values = Object.fromEntries(choiceFields.flatMap((field) => (query.has(field) ? [[field, query.get(field) ?? ""]] : [])));
  const read = await readExportChoice(db, values, t, role);
  if ("errors" in read) return { status: 400, data: { ...base, values, errors: read.errors, ready: null } };
  const title = surveys.find((survey) => survey.slug === read.choice.survey.slug)?.title ?? read.choice.survey.slug;
  return { status: 200, data: { ...base, values, errors: [] as FieldError[], ready: await readySummary(db, read.choice, title, lang, t) } };
}
