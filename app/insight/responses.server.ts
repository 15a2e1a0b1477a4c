import type { DB } from "../../db/connection";
import { fallbackLanguage } from "../i18n/config";
import { bucketKey, bucketsOf } from "./calendar";
import type { Grouping } from "./filters";
import { countedWho, isoDay, startedDrafts, type Scope } from "./scope.server";

export interface TimeBucket {
  key: string;
  from: string;
  to: string;
  /** Drafts started (a person began the survey). */
  started: number;
  /** Of those drafts, how many were sent. */
  sent: number;
  /** Responses received (sent in this week or month, whenever they were started). */
  finished: number;
}

/**
 * Responses over time, by week or month: how many people started, how many of them sent their
 * answers, and how many responses arrived. A draft whose response is held for safeguarding is not
 * counted at all, so the held response cannot be worked out from the gap.
 */
export async function responsesOverTime(db: DB, scope: Scope, by: Grouping): Promise<TimeBucket[]> {
  const [drafts, responses] = await Promise.all([
    db
      .selectFrom("drafts as d")
      .leftJoin("responses as r", "r.id", "d.response_id")
      .select((eb) => [isoDay("d", "created_at").as("day"), eb.fn.countAll<number>().as("started"), eb.fn.count<number>("r.id").as("sent")])
      .where(startedDrafts(scope))
      .where((eb) => eb.or([eb("d.response_id", "is", null), eb("r.flagged", "=", 0)]))
      .groupBy(isoDay("d", "created_at"))
      .execute(),
    db
      .selectFrom("response_counts as c")
      .select((eb) => ["c.day", eb.fn.sum<number>("c.n").as("finished")])
      .where("c.day", ">=", scope.from)
      .where("c.day", "<=", scope.to)
      .where(countedWho(scope, "c"))
      .groupBy("c.day")
      .execute(),
  ]);
  const buckets = new Map(bucketsOf(scope, by).map((bucket) => [bucket.key, { ...bucket, started: 0, sent: 0, finished: 0 }]));
  for (const row of drafts) {
    const bucket = buckets.get(bucketKey(row.day, by));
    if (!bucket) continue;
    bucket.started += Number(row.started);
    bucket.sent += Number(row.sent);
  }
  for (const row of responses) {
    const bucket = buckets.get(bucketKey(row.day, by));
    if (bucket) bucket.finished += Number(row.finished);
  }
  return [...buckets.values()];
}

export interface StopPoint {
  /** The last question answered before the person stopped, or null when they answered none. */
  questionId: number | null;
  surveyId: number;
  drafts: number;
}

/** Unsent drafts untouched for this long count as abandoned. */
export const ABANDONED_AFTER_DAYS = 1;

/**
 * Where people stop: for each unsent draft started in the scope and untouched for a day or more,
 * the last question they answered in survey order (kept on the draft as its answers are saved),
 * counted.
 */
export async function wherePeopleStop(db: DB, scope: Scope, now = new Date()): Promise<StopPoint[]> {
  const idle = new Date(now.getTime() - ABANDONED_AFTER_DAYS * 86_400_000).toISOString();
  const rows = await db
    .selectFrom("drafts as d")
    .select((eb) => ["d.survey_id", "d.last_answered_id", eb.fn.countAll<number>().as("drafts")])
    .where(startedDrafts(scope))
    .where("d.response_id", "is", null)
    .where("d.updated_at", "<=", idle)
    .groupBy(["d.survey_id", "d.last_answered_id"])
    .execute();
  return rows
    .map((row) => ({ questionId: row.last_answered_id, surveyId: row.survey_id, drafts: Number(row.drafts) }))
    .sort((a, b) => b.drafts - a.drafts || (a.questionId ?? 0) - (b.questionId ?? 0));
}

/** Question wordings and survey titles in the reader's language, else English, with the language each is in. */
export async function questionNames(db: DB, questionIds: number[], surveyIds: number[], lang: string) {
  const langs = [lang, fallbackLanguage];
  const [questions, surveys] = await Promise.all([
    questionIds.length
      ? db
          .selectFrom("question_translations")
          .select(["question_id as id", "lang", "text"])
          .where("question_id", "in", questionIds)
          .where("lang", "in", langs)
          .execute()
      : [],
    surveyIds.length
      ? db
          .selectFrom("survey_translations")
          .select(["survey_id as id", "lang", "title as text"])
          .where("survey_id", "in", surveyIds)
          .where("lang", "in", langs)
          .execute()
      : [],
  ]);
  return { questions: inLanguage(questions, lang), surveys: inLanguage(surveys, lang) };
}

export function inLanguage(rows: { id: number; lang: string; text: string }[], lang: string): Map<number, { text: string; lang: string }> {
  const byId = new Map<number, { text: string; lang: string }>();
  for (const row of rows) if (!byId.has(row.id) || row.lang === lang) byId.set(row.id, { text: row.text, lang: row.lang });
  return byId;
}
