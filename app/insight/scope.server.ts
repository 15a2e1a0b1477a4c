import { sql, type Expression, type SqlBool } from "kysely";
import type { DB } from "../../db/connection";
import type { Audience } from "../../db/schema";
import { listPeriods, londonToday } from "../actions/periods.server";
import { addDays, nextDay, type DayRange } from "./calendar";
import type { InsightFilters } from "./filters";

export interface PeriodChoice {
  slug: string;
  name: string;
  lang: string;
}

/** What the figures count: a span of days and, when chosen, one survey, audience and language. */
export interface Scope extends DayRange {
  surveyId?: number;
  audience?: Audience;
  lang?: string;
}

export interface ResolvedScope {
  periods: PeriodChoice[];
  /** The chosen period, or null when the area has no periods yet and the last twelve months are shown. */
  period: (PeriodChoice & { id: number }) | null;
  current: Scope;
  /** The period before, for trends; null when there is none. */
  previous: Scope | null;
  /** The filters as they apply: a period or survey that does not exist is dropped. */
  filters: InsightFilters;
}

/**
 * The period the dashboard shows: the one asked for, else the one today is in, else the latest
 * that has started, else the latest. Periods are ordered by their first day; the one before the
 * chosen one gives the trend. With no periods at all, the last twelve months against the twelve before.
 */
export async function resolveScope(db: DB, lang: string, filters: InsightFilters, now = new Date()): Promise<ResolvedScope> {
  const today = londonToday(now);
  const [periods, survey] = await Promise.all([
    listPeriods(db, lang),
    filters.survey ? db.selectFrom("surveys").select("id").where("slug", "=", filters.survey).executeTakeFirst() : undefined,
  ]);
  const applied: InsightFilters = { ...filters, survey: survey ? filters.survey : undefined };
  const narrow = { surveyId: survey?.id, audience: filters.audience, lang: filters.lang };
  const chosen =
    periods.find((p) => p.slug === filters.period) ??
    periods.find((p) => p.starts_on <= today && today <= p.ends_on) ??
    periods.find((p) => p.starts_on <= today) ??
    periods[0];
  const choices = periods.map((p) => ({ slug: p.slug, name: p.name, lang: p.lang }));
  if (!chosen) {
    const from = addDays(today, -364);
    return {
      periods: choices,
      period: null,
      current: { from, to: today, ...narrow },
      previous: { from: addDays(from, -365), to: addDays(from, -1), ...narrow },
      filters: { ...applied, period: undefined },
    };
  }
  // Newest first: the one after it in the list started before it.
  const before = periods.slice(periods.indexOf(chosen) + 1).find((p) => p.starts_on < chosen.starts_on);
  return {
    periods: choices,
    period: { id: chosen.id, slug: chosen.slug, name: chosen.name, lang: chosen.lang },
    current: { from: chosen.starts_on, to: chosen.ends_on, ...narrow },
    previous: before ? { from: before.starts_on, to: before.ends_on, ...narrow } : null,
    filters: { ...applied, period: chosen.slug },
  };
}

const column = (alias: string, name: string) => sql.ref(`${alias}.${name}`);

/**
 * The scope's survey, audience and language on one of the count tables under `alias`
 * (docs/decisions/020-counts.md); its days are the caller's, as each table keeps them its own way.
 */
export function countedWho(scope: Scope, alias: string): Expression<SqlBool> {
  const parts = [sql`1 = 1`];
  if (scope.surveyId !== undefined) parts.push(sql`${column(alias, "survey_id")} = ${scope.surveyId}`);
  if (scope.audience) parts.push(sql`${column(alias, "audience")} = ${scope.audience}`);
  if (scope.lang) parts.push(sql`${column(alias, "lang")} = ${scope.lang}`);
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

/** Drafts started within the scope's days, of the chosen survey, audience and language. */
export function startedDrafts(scope: Scope, alias = "d"): Expression<SqlBool> {
  const parts = [sql`${column(alias, "created_at")} >= ${scope.from}`, sql`${column(alias, "created_at")} < ${nextDay(scope.to)}`];
  if (scope.surveyId !== undefined) parts.push(sql`${column(alias, "survey_id")} = ${scope.surveyId}`);
  if (scope.audience) parts.push(sql`${column(alias, "audience")} = ${scope.audience}`);
  if (scope.lang) parts.push(sql`${column(alias, "lang")} = ${scope.lang}`);
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

/** The calendar day of a stored ISO 8601 time: its first ten characters, in SQLite and PostgreSQL alike. */
export const isoDay = (alias: string, name: string) => sql<string>`substr(${column(alias, name)}, 1, 10)`;
