import { sql } from "kysely";
import type { DB } from "../../db/connection";
import type { SurveyStatus } from "../../db/schema";
import { surveyLanguages } from "./surveys.server";

export type SurveyState = SurveyStatus | "scheduled" | "ended" | "archived";

/** What staff see of a survey's state: open surveys outside their dates are "scheduled" or "ended". */
export function surveyState(status: SurveyStatus, opensAt: string | null, closesAt: string | null, now: Date, archivedAt: string | null = null): SurveyState {
  if (archivedAt) return "archived";
  if (status !== "open") return status;
  if (opensAt && new Date(opensAt) > now) return "scheduled";
  if (closesAt && new Date(closesAt) <= now) return "ended";
  return "open";
}

/**
 * Every survey for staff, newest first: its state, dates, the languages it is complete in, and how
 * many responses it has. Responses held for a safeguarding lead are not counted.
 */
export async function surveysForStaff(db: DB, now = new Date()) {
  const rows = await db
    .selectFrom("surveys as s")
    .leftJoin("survey_translations as t", (join) => join.onRef("t.survey_id", "=", "s.id").on("t.lang", "=", "en"))
    .select((eb) => [
      "s.id",
      "s.slug",
      "s.audience",
      "s.status",
      "s.opens_at",
      "s.closes_at",
      "s.archived_at",
      "t.title",
      eb
        .selectFrom("responses as r")
        .select(sql<number>`count(*)`.as("n"))
        .whereRef("r.survey_id", "=", "s.id")
        .where("r.flagged", "=", 0)
        .as("responses"),
    ])
    .orderBy("s.id", "desc")
    .execute();
  return Promise.all(
    rows.map(async (row) => ({
      slug: row.slug,
      title: row.title ?? row.slug,
      audience: row.audience,
      state: surveyState(row.status, row.opens_at, row.closes_at, now, row.archived_at),
      opensAt: row.opens_at,
      closesAt: row.closes_at,
      languages: await surveyLanguages(db, row.slug),
      responses: Number(row.responses ?? 0),
    })),
  );
}
