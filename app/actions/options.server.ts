import type { DB } from "../../db/connection";
import { fallbackLanguage } from "../i18n/config";
import { themeChoices } from "../moderation/queue.server";
import { periodChoices } from "./periods.server";

/**
 * What the action form offers: active themes, surveys and open periods (and the action's own period,
 * even if closed since), in the person's language.
 */
export async function actionFormOptions(db: DB, lang: string, currentPeriod: number | null = null) {
  const surveyRows = await db
    .selectFrom("surveys as s")
    .innerJoin("survey_translations as t", "t.survey_id", "s.id")
    .select(["s.id", "t.title", "t.lang"])
    .where("t.lang", "in", [lang, fallbackLanguage])
    .orderBy("s.id")
    .execute();
  const surveys = new Map<number, string>();
  for (const row of surveyRows) if (!surveys.has(row.id) || row.lang === lang) surveys.set(row.id, row.title);
  const [themes, periods] = await Promise.all([themeChoices(db, lang), periodChoices(db, lang, currentPeriod)]);
  return { themes, periods, surveys: [...surveys].map(([id, title]) => ({ id, title })) };
}
