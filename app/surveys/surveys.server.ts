import { sql } from "kysely";
import type { DB } from "../../db/connection";
import { fallbackLanguage } from "../i18n/config";
import type { OptionView, QuestionView, SurveyView } from "./model";

/** Picks the row in the wanted language, else the English one, remembering which it used. */
function pick<T extends { lang: string }>(rows: T[], lang: string): T | undefined {
  return rows.find((row) => row.lang === lang) ?? rows.find((row) => row.lang === fallbackLanguage);
}

function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/**
 * Survey definitions are read on every page of every journey but change rarely, so they are
 * kept in memory briefly. Writes in this process call forgetSurveys(); the short lifetime
 * covers writes from other processes (such as `npm run demo:reset`).
 */
const CACHE_MS = 30_000;
const cache = new Map<string, { at: number; survey: Promise<SurveyView | undefined> }>();

export function forgetSurveys(): void {
  cache.clear();
}

/** A survey with every question and option, in `lang` where written, else in English. */
export function getSurvey(db: DB, slug: string, lang: string): Promise<SurveyView | undefined> {
  const key = `${lang}\u0000${slug}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.survey;
  const survey = readSurvey(db, slug, lang);
  cache.set(key, { at: Date.now(), survey });
  survey.catch(() => cache.delete(key));
  return survey;
}

async function readSurvey(db: DB, slug: string, lang: string): Promise<SurveyView | undefined> {
  const survey = await db
    .selectFrom("surveys")
    .select(["id", "slug", "audience", "status", "estimated_minutes", "opens_at", "closes_at"])
    .where("slug", "=", slug)
    .executeTakeFirst();
  if (!survey) return undefined;
  // A survey is offered in a language only when every word of it exists in that language: half a
  // survey in Polish and half in English helps nobody. Otherwise it is shown in English.
  const languages = await completeLanguages(db, survey.id);
  const shown = languages.includes(lang) ? lang : fallbackLanguage;
  const langs = [shown];

  const [texts, questions, questionTexts, options] = await Promise.all([
    db
      .selectFrom("survey_translations")
      .select(["lang", "title", "summary", "description"])
      .where("survey_id", "=", survey.id)
      .where("lang", "in", langs)
      .execute(),
    db
      .selectFrom("questions")
      .select([
        "id",
        "key",
        "kind",
        "section",
        "required",
        "max_length",
        "theme_id",
        "show_if_question_id",
        "show_if_value",
      ])
      .where("survey_id", "=", survey.id)
      .orderBy("position")
      .execute(),
    db
      .selectFrom("question_translations as qt")
      .innerJoin("questions as q", "q.id", "qt.question_id")
      .select(["qt.question_id", "qt.lang", "qt.text", "qt.hint"])
      .where("q.survey_id", "=", survey.id)
      .where("qt.lang", "in", langs)
      .execute(),
    db
      .selectFrom("question_options as o")
      .innerJoin("questions as q", "q.id", "o.question_id")
      .innerJoin("option_translations as ot", "ot.option_id", "o.id")
      .select(["o.id", "o.question_id", "o.value", "o.exclusive", "ot.lang", "ot.label"])
      .where("q.survey_id", "=", survey.id)
      .where("ot.lang", "in", langs)
      .orderBy("o.question_id")
      .orderBy("o.position")
      .execute(),
  ]);

  const text = pick(texts, shown);
  if (!text) return undefined;
  const textsByQuestion = groupBy(questionTexts, (row) => row.question_id);
  const optionsByQuestion = groupBy(options, (row) => row.question_id);

  const questionViews: QuestionView[] = questions.map((question) => {
    const questionText = pick(textsByQuestion.get(question.id) ?? [], shown);
    const optionViews: OptionView[] = [];
    for (const optionRows of groupBy(optionsByQuestion.get(question.id) ?? [], (row) => row.id).values()) {
      const label = pick(optionRows, shown);
      if (label) optionViews.push({ value: label.value, label: label.label, lang: label.lang, exclusive: label.exclusive === 1 });
    }
    return {
      id: question.id,
      key: question.key,
      kind: question.kind,
      section: question.section,
      required: question.required === 1,
      maxLength: question.max_length,
      themeId: question.theme_id,
      showIf:
        question.show_if_question_id !== null && question.show_if_value !== null
          ? { questionId: question.show_if_question_id, value: question.show_if_value }
          : null,
      text: questionText?.text ?? "",
      hint: questionText?.hint ?? null,
      lang: questionText?.lang ?? fallbackLanguage,
      options: optionViews,
    };
  });

  return {
    id: survey.id,
    slug: survey.slug,
    audience: survey.audience,
    status: survey.status,
    estimatedMinutes: survey.estimated_minutes,
    opensAt: survey.opens_at,
    closesAt: survey.closes_at,
    title: text.title,
    summary: text.summary,
    description: text.description,
    lang: text.lang,
    languages,
    questions: questionViews,
  };
}

/** The languages in which a survey's title, descriptions, questions, hints and options are all written. */
export async function completeLanguages(db: DB, surveyId: number): Promise<string[]> {
  const { rows } = await sql<{ lang: string }>`
    select st.lang from survey_translations st
    where st.survey_id = ${surveyId}
      and (select count(*) from question_translations qt join questions q on q.id = qt.question_id
           where q.survey_id = st.survey_id and qt.lang = st.lang)
        = (select count(*) from questions q where q.survey_id = st.survey_id)
      and (select count(*) from option_translations ot join question_options o on o.id = ot.option_id
           join questions q on q.id = o.question_id where q.survey_id = st.survey_id and ot.lang = st.lang)
        = (select count(*) from question_options o join questions q on q.id = o.question_id where q.survey_id = st.survey_id)
    order by st.lang = 'en' desc, st.lang`.execute(db);
  return rows.map((row) => row.lang);
}

export interface SurveyListItem {
  slug: string;
  audience: SurveyView["audience"];
  estimatedMinutes: number;
  title: string;
  summary: string;
  lang: string;
  questionCount: number;
}

/** Surveys open now, in `lang` where written, else in English. */
export async function listOpenSurveys(db: DB, lang: string, now = new Date()): Promise<SurveyListItem[]> {
  const stamp = now.toISOString();
  const rows = await db
    .selectFrom("surveys as s")
    .innerJoin("survey_translations as t", "t.survey_id", "s.id")
    .select((eb) => [
      "s.id",
      "s.slug",
      "s.audience",
      "s.estimated_minutes",
      "t.lang",
      "t.title",
      "t.summary",
      eb
        .selectFrom("questions as q")
        .select((qb) => qb.fn.countAll<number>().as("n"))
        .whereRef("q.survey_id", "=", "s.id")
        .as("question_count"),
    ])
    .where("s.status", "=", "open")
    .where((eb) => eb.or([eb("s.opens_at", "is", null), eb("s.opens_at", "<=", stamp)]))
    .where((eb) => eb.or([eb("s.closes_at", "is", null), eb("s.closes_at", ">", stamp)]))
    .where("t.lang", "in", [...new Set([lang, fallbackLanguage])])
    .orderBy("s.id")
    .execute();

  return [...groupBy(rows, (row) => row.id).values()].flatMap((translations) => {
    const row = pick(translations, lang);
    return row
      ? [
          {
            slug: row.slug,
            audience: row.audience,
            estimatedMinutes: row.estimated_minutes,
            title: row.title,
            summary: row.summary,
            lang: row.lang,
            questionCount: Number(row.question_count ?? 0),
          },
        ]
      : [];
  });
}
