import type { DB } from "../../db/connection";
import { fallbackLanguage } from "../i18n/config";
import { SurveyDefinition, type SurveyDefinitionInput } from "./definition";

type Localised<T> = Record<string, T>;

/** Puts English first, then the other languages in code order, so a file's layout never depends on the database. */
function ordered<T>(entries: Array<[string, T]>): Localised<T> {
  return Object.fromEntries(entries.sort(([a], [b]) => (a === fallbackLanguage ? -1 : b === fallbackLanguage ? 1 : a.localeCompare(b))));
}

/**
 * A survey as one file, in the same shape `createSurvey` reads (`SurveyDefinition`), with every
 * language. Exporting and importing it gives the same survey; undefined when there is none.
 */
export async function exportSurvey(db: DB, slug: string): Promise<SurveyDefinitionInput | undefined> {
  const survey = await db.selectFrom("surveys").select(["id", "slug", "audience", "status", "estimated_minutes"]).where("slug", "=", slug).executeTakeFirst();
  if (!survey) return undefined;
  const [texts, questions, questionTexts, options, optionTexts, themes] = await Promise.all([
    db.selectFrom("survey_translations").select(["lang", "title", "summary", "description"]).where("survey_id", "=", survey.id).execute(),
    db.selectFrom("questions").selectAll().where("survey_id", "=", survey.id).orderBy("position").execute(),
    db
      .selectFrom("question_translations as t")
      .innerJoin("questions as q", "q.id", "t.question_id")
      .select(["t.question_id", "t.lang", "t.text", "t.hint"])
      .where("q.survey_id", "=", survey.id)
      .execute(),
    db
      .selectFrom("question_options as o")
      .innerJoin("questions as q", "q.id", "o.question_id")
      .select(["o.id", "o.question_id", "o.value", "o.exclusive"])
      .where("q.survey_id", "=", survey.id)
      .orderBy("o.position")
      .execute(),
    db
      .selectFrom("option_translations as t")
      .innerJoin("question_options as o", "o.id", "t.option_id")
      .innerJoin("questions as q", "q.id", "o.question_id")
      .select(["t.option_id", "t.lang", "t.label"])
      .where("q.survey_id", "=", survey.id)
      .execute(),
    db.selectFrom("themes").select(["id", "slug"]).execute(),
  ]);
  const themeSlug = new Map(themes.map((theme) => [theme.id, theme.slug]));
  const keyOf = new Map(questions.map((question) => [question.id, question.key]));
  const definition: SurveyDefinitionInput = {
    slug: survey.slug,
    audience: survey.audience,
    status: survey.status,
    estimatedMinutes: survey.estimated_minutes,
    text: ordered(texts.map((text) => [text.lang, { title: text.title, summary: text.summary, description: text.description }])),
    questions: questions.map((question) => ({
      key: question.key,
      kind: question.kind,
      section: question.section,
      required: question.required === 1,
      ...(question.max_length ? { maxLength: question.max_length } : {}),
      ...(question.theme_id ? { theme: themeSlug.get(question.theme_id) } : {}),
      ...(question.show_if_question_id && question.show_if_value ? { showIf: { question: keyOf.get(question.show_if_question_id) ?? "", value: question.show_if_value } } : {}),
      text: ordered(questionTexts.filter((text) => text.question_id === question.id).map((text) => [text.lang, text.hint ? { text: text.text, hint: text.hint } : { text: text.text }])),
      options: options
        .filter((option) => option.question_id === question.id)
        .map((option) => ({
          value: option.value,
          label: ordered(optionTexts.filter((text) => text.option_id === option.id).map((text) => [text.lang, text.label])),
          exclusive: option.exclusive === 1,
        })),
    })),
  };
  // What goes out is what comes back in: the same schema checks it.
  SurveyDefinition.parse(definition);
  return definition;
}
