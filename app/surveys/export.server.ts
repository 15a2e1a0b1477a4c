import type { DB } from "../../db/connection";
import type { PopulationDimension } from "../../db/schema";
import { fallbackLanguage } from "../i18n/config";
import { closingDay, londonDay } from "./dates";
import { SurveyInProgress, type SurveyFile } from "./definition";

type Localised<T> = Record<string, T>;

/** Puts English first, then the other languages in code order, so a file's layout never depends on the database. */
function ordered<T>(entries: Array<[string, T]>): Localised<T> {
  return Object.fromEntries(entries.sort(([a], [b]) => (a === fallbackLanguage ? -1 : b === fallbackLanguage ? 1 : a.localeCompare(b))));
}

/**
 * The survey as it stands, as one file in the `SurveyDefinition` shape with every language:
 * removed questions and retired options are left out. Exporting and importing it gives the same
 * survey. With `history`, the earlier versions a survey went through are added for the record.
 * Undefined when there is no such survey.
 */
export async function exportSurvey(db: DB, slug: string, { history = false } = {}): Promise<SurveyFile | undefined> {
  const survey = await db
    .selectFrom("surveys")
    .select(["id", "slug", "audience", "status", "estimated_minutes", "run_by", "opens_at", "closes_at"])
    .where("slug", "=", slug)
    .executeTakeFirst();
  if (!survey) return undefined;
  const [texts, questions, questionTexts, options, optionTexts, themes, covered, earlier] = await Promise.all([
    db.selectFrom("survey_translations").select(["lang", "title", "summary", "description", "privacy"]).where("survey_id", "=", survey.id).execute(),
    db.selectFrom("questions").selectAll().where("survey_id", "=", survey.id).where("removed_at", "is", null).orderBy("position").execute(),
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
      .where("o.retired_at", "is", null)
      .orderBy("o.position")
      .execute(),
    db
      .selectFrom("option_translations as t")
      .innerJoin("question_options as o", "o.id", "t.option_id")
      .innerJoin("questions as q", "q.id", "o.question_id")
      .select(["t.option_id", "t.lang", "t.label", "t.exit_text"])
      .where("q.survey_id", "=", survey.id)
      .execute(),
    db.selectFrom("themes").select(["id", "slug"]).execute(),
    db
      .selectFrom("survey_themes as st")
      .innerJoin("themes as th", "th.id", "st.theme_id")
      .select("th.slug")
      .where("st.survey_id", "=", survey.id)
      .orderBy("th.slug")
      .execute(),
    history
      ? db.selectFrom("survey_versions").select(["version", "definition", "replaced_at"]).where("survey_id", "=", survey.id).orderBy("version").execute()
      : Promise.resolve([]),
  ]);
  const themeSlug = new Map(themes.map((theme) => [theme.id, theme.slug]));
  // Only while the question can be compared (the builder may since have made it a many-answer or main question), once per breakdown.
  const compared = await db
    .selectFrom("population_questions as pq")
    .innerJoin("questions as q", "q.id", "pq.question_id")
    .select(["pq.question_id", "pq.dimension"])
    .where("q.survey_id", "=", survey.id)
    .where("q.section", "=", "about_you")
    .where("q.kind", "=", "single_choice")
    .where("q.removed_at", "is", null)
    .orderBy("q.position")
    .execute();
  const comparedWith = new Map<number, PopulationDimension>();
  for (const row of compared) if (![...comparedWith.values()].includes(row.dimension)) comparedWith.set(row.question_id, row.dimension);
  const keyOf = new Map(questions.map((question) => [question.id, question.key]));
  const definition = {
    slug: survey.slug,
    audience: survey.audience,
    status: survey.status,
    estimatedMinutes: survey.estimated_minutes,
    ...(survey.run_by ? { runBy: survey.run_by } : {}),
    ...(survey.opens_at ? { opensOn: londonDay(survey.opens_at) } : {}),
    ...(survey.closes_at ? { closesOn: closingDay(survey.closes_at) } : {}),
    ...(covered.length ? { themes: covered.map((theme) => theme.slug) } : {}),
    text: ordered(
      texts.map((text) => [
        text.lang,
        { title: text.title, summary: text.summary, description: text.description, ...(text.privacy ? { privacy: text.privacy } : {}) },
      ]),
    ),
    questions: questions.map((question, index) => ({
      key: question.key,
      kind: question.kind,
      section: question.section,
      required: question.required === 1,
      // The first question always starts a page, whatever moved there.
      ...(question.same_page === 1 && index > 0 ? { samePage: true } : {}),
      ...(question.version > 1 ? { version: question.version } : {}),
      ...(question.max_length ? { maxLength: question.max_length } : {}),
      ...(question.theme_id ? { theme: themeSlug.get(question.theme_id) } : {}),
      ...(comparedWith.has(question.id) ? { compareWith: comparedWith.get(question.id) } : {}),
      ...(question.show_if_question_id && question.show_if_value
        ? { showIf: { question: keyOf.get(question.show_if_question_id) ?? "", value: question.show_if_value } }
        : {}),
      text: ordered(
        questionTexts
          .filter((text) => text.question_id === question.id)
          .map((text) => [text.lang, text.hint ? { text: text.text, hint: text.hint } : { text: text.text }]),
      ),
      options: options
        .filter((option) => option.question_id === question.id)
        .map((option) => {
          const own = optionTexts.filter((text) => text.option_id === option.id);
          const exits = own.flatMap((text): Array<[string, string]> => (text.exit_text ? [[text.lang, text.exit_text]] : []));
          return {
            value: option.value,
            label: ordered(own.map((text) => [text.lang, text.label])),
            ...(exits.length ? { exit: ordered(exits) } : {}),
            exclusive: option.exclusive === 1,
          };
        }),
    })),
    ...(earlier.length
      ? {
          earlierVersions: earlier.map((row) => ({
            version: row.version,
            replacedAt: row.replaced_at,
            questions: (JSON.parse(row.definition) as SurveyFile).questions,
          })),
        }
      : {}),
  };
  // What goes out is what comes back in: the same schema checks it (a survey still being built may have no questions yet).
  return SurveyInProgress.parse(definition);
}
