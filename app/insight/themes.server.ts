import type { DB } from "../../db/connection";
import { fallbackLanguage } from "../i18n/config";
import { DONT_KNOW, PREFER_NOT_TO_SAY } from "../surveys/model";
import { inLanguage } from "./responses.server";
import { countedResponses, type Scope } from "./scope.server";

export interface RaisedTheme {
  themeId: number;
  /** Responses that raised it. */
  responses: number;
  /** When the first of them was sent (ISO 8601). */
  firstRaisedAt: string;
}

/**
 * How many counted responses raised each theme, and when the first did. "Raised" is what the public
 * figures mean by it: tagged by a moderator, or a structured answer to a question that carries the
 * theme (not "Don't know" or "Prefer not to say"). Each response counts once per theme.
 */
export async function raisedThemes(db: DB, scope: Scope): Promise<Map<number, RaisedTheme>> {
  const tagged = db
    .selectFrom("responses as r")
    .innerJoin("response_themes as rt", "rt.response_id", "r.id")
    .select(["rt.theme_id as theme_id", "r.id as response_id", "r.submitted_at as submitted_at"])
    .where(countedResponses(scope));
  const answered = db
    .selectFrom("responses as r")
    .innerJoin("answers as a", "a.response_id", "r.id")
    .innerJoin("questions as q", "q.id", "a.question_id")
    .select(["q.theme_id as theme_id", "r.id as response_id", "r.submitted_at as submitted_at"])
    .where(countedResponses(scope))
    .where("q.theme_id", "is not", null)
    .where("a.choice", "is not", null)
    .where("a.choice", "not in", [DONT_KNOW, PREFER_NOT_TO_SAY])
    .$narrowType<{ theme_id: number }>();
  const rows = await db
    .selectFrom(tagged.union(answered).as("raised"))
    .select((eb) => ["raised.theme_id", eb.fn.countAll<number>().as("responses"), eb.fn.min("raised.submitted_at").as("first")])
    .groupBy("raised.theme_id")
    .execute();
  return new Map(rows.map((row) => [Number(row.theme_id), { themeId: Number(row.theme_id), responses: Number(row.responses), firstRaisedAt: String(row.first) }]));
}

export interface ScaleCount {
  themeId: number;
  kind: "agreement_scale" | "smiley_scale";
  choice: string;
  answers: number;
}

/** The answers to the agreement and smiley-face questions that carry each theme, counted by answer. */
export async function scaleAnswers(db: DB, scope: Scope): Promise<ScaleCount[]> {
  const rows = await db
    .selectFrom("responses as r")
    .innerJoin("answers as a", "a.response_id", "r.id")
    .innerJoin("questions as q", "q.id", "a.question_id")
    .select((eb) => ["q.theme_id", "q.kind", "a.choice", eb.fn.countAll<number>().as("answers")])
    .where(countedResponses(scope))
    .where("q.kind", "in", ["agreement_scale", "smiley_scale"])
    .where("q.theme_id", "is not", null)
    .where("a.choice", "is not", null)
    .groupBy(["q.theme_id", "q.kind", "a.choice"])
    .execute();
  return rows.map((row) => ({ themeId: Number(row.theme_id), kind: row.kind as ScaleCount["kind"], choice: String(row.choice), answers: Number(row.answers) }));
}

/** Every theme's name in the reader's language, else English, with the language it is in. */
export async function themeNames(db: DB, lang: string) {
  const rows = await db
    .selectFrom("theme_translations")
    .select(["theme_id as id", "lang", "name as text"])
    .where("lang", "in", [lang, fallbackLanguage])
    .execute();
  return inLanguage(rows, lang);
}
