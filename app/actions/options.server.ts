import type { DB } from "../../db/connection";
import { fallbackLanguage } from "../i18n/config";
import { themeChoices } from "../moderation/queue.server";
import { listPeriods } from "./actions.server";

/** What the action form offers: active themes, surveys and periods, in the person's language. */
export async function actionFormOptions(db: DB, lang: string) {
  const surveyRows = await db
    .selectFrom("surveys as s")
    .innerJoin("survey_translations as t", "t.survey_id", "s.id")
    .select(["s.id", "t.title", "t.lang"])
    .where("t.lang", "in", [lang, fallbackLanguage])
    .orderBy("s.id")
    .execute();
  const surveys = new Map<number, string>();
  for (const row of surveyRows) if (!surveys.has(row.id) || row.lang === lang) surveys.set(row.id, row.title);
  const [themes, periods] = await Promise.all([themeChoices(db, lang), listPeriods(db, lang)]);
  return { themes, periods, surveys: [...surveys].map(([id, title]) => ({ id, title })) };
}
