import { DONT_KNOW, PREFER_NOT_TO_SAY } from "../surveys/model";
import type { DB } from "../../db/connection";
import { fallbackLanguage } from "../i18n/config";
import { localText } from "../translations/local-text";
import { startedPeriodIds } from "../actions/periods.server";

/**
 * For a respondent with their reference: the themes their response counts under and the published
 * actions on those themes. Nothing they wrote is returned.
 */
export async function feedbackFor(db: DB, reference: string, lang: string, now = new Date()) {
  const response = await db.selectFrom("responses").select(["id", "submitted_at", "flagged"]).where("reference", "=", reference).executeTakeFirst();
  if (!response) return undefined;
  // Held for a safeguarding lead: counted nowhere yet. It looks like any response not yet read, so
  // whoever has the reference learns nothing of a concern from it.
  if (response.flagged) return { submittedOn: response.submitted_at.slice(0, 10), themes: [], actions: [] };
  const themeIds = await responseThemeIds(db, response.id);
  const none = [-1];
  const [names, actions] = await Promise.all([
    db
      .selectFrom("theme_translations")
      .select(["theme_id", "lang", "name"])
      .where("theme_id", "in", themeIds.length ? themeIds : none)
      .where("lang", "in", [lang, fallbackLanguage])
      .execute(),
    db
      .selectFrom("actions as a")
      .innerJoin("action_themes as at", "at.action_id", "a.id")
      .innerJoin("publications as p", (join) => join.onRef("p.entity_id", "=", "a.id").on("p.entity", "=", "action"))
      .innerJoin("action_texts as t", "t.action_id", "a.id")
      .select(["a.id", "a.status", "a.due_on", "t.title", "t.lang"])
      .distinct()
      .where("at.theme_id", "in", themeIds.length ? themeIds : none)
      .where("p.published_at", "is not", null)
      .where((eb) => eb.or([eb("a.period_id", "is", null), eb("a.period_id", "in", startedPeriodIds(db, now))]))
      .where("t.lang", "in", [lang, fallbackLanguage])
      .execute(),
  ]);
  const name = (id: number) => (names.find((n) => n.theme_id === id && n.lang === lang) ?? names.find((n) => n.theme_id === id))?.name ?? "";
  const byAction = new Map(actions.map((action) => [action.id, action]));
  return {
    submittedOn: response.submitted_at.slice(0, 10),
    themes: themeIds.map((id) => ({ id, name: name(id) })).sort((a, b) => a.name.localeCompare(b.name)),
    actions: [...byAction.values()].map((action) => {
      // A translated title where there is one, else the English.
      const title = localText(
        actions.filter((row) => row.id === action.id),
        lang,
        (row) => row.title,
      );
      return { id: action.id, title: title?.text ?? "", status: action.status, dueOn: action.due_on, lang: title?.lang ?? fallbackLanguage };
    }),
  };
}

/** The themes a response counts under: those a moderator tagged, and those of the questions it chose an answer to. */
export async function responseThemeIds(db: DB, responseId: number): Promise<number[]> {
  const themeRows = await db
    .selectFrom("response_themes")
    .select("theme_id")
    .where("response_id", "=", responseId)
    .union(
      db
        .selectFrom("answers as a")
        .innerJoin("questions as q", "q.id", "a.question_id")
        .select("q.theme_id as theme_id")
        .where("a.response_id", "=", responseId)
        .where("a.choice", "is not", null)
        .where("a.choice", "not in", [DONT_KNOW, PREFER_NOT_TO_SAY])
        .where("q.theme_id", "is not", null)
        .$narrowType<{ theme_id: number }>(),
    )
    .execute();
  return themeRows.map((row) => row.theme_id);
}
