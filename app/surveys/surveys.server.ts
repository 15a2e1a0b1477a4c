import type { DB } from "../../db/connection";
import { fallbackLanguage } from "../i18n/config";
import { createCache, followChanges, markChanged, type Cache } from "../utils/cache.server";
import { SurveyInProgress, type SurveyFile } from "./definition";
import { exportSurvey } from "./export.server";
import type { SurveyView } from "./model";
import { completeLanguages, surveyView, type SurveyRecord } from "./view";

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
 * A stored survey: its file, the ids that answers and drafts use, the languages it is complete in,
 * and its views, built once per language. Read on every page of every journey but changed rarely,
 * so kept in the one cache per survey version: a write calls forgetSurveys(), which every process
 * (another worker, another instance, `npm run demo:reset`) sees on its next request. An
 * earlier version never changes, so it is read from its snapshot.
 */
interface StoredSurvey {
  file: SurveyFile;
  record: SurveyRecord;
  languages: string[];
  views: Map<string, SurveyView>;
}

const surveys = createCache<string, StoredSurvey | undefined>("surveys", { ttlMs: 10 * 60_000 });

/** After a change to any survey, its questions, options, translations or their themes: every process reads surveys afresh. */
export async function forgetSurveys(db: DB): Promise<void> {
  await markChanged(db, surveys as Cache<unknown, unknown>);
}

function stored(file: SurveyFile, record: SurveyRecord): StoredSurvey {
  return { file, record, languages: completeLanguages(file), views: new Map() };
}

/** Views are shared by every request in their language, so nothing may change one: they are frozen. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

function viewOf(survey: StoredSurvey, lang: string): SurveyView {
  const shown = survey.languages.includes(lang) ? lang : fallbackLanguage;
  let view = survey.views.get(shown);
  if (!view) {
    view = deepFreeze(surveyView(survey.file, survey.record, shown, survey.languages));
    survey.views.set(shown, view);
  }
  return view;
}

const currentOf = (db: DB, slug: string) => surveys.get(`${slug}\u0000current`, () => readStored(db, slug));

/**
 * A survey with every question and option, in `lang` where the whole survey is written in it,
 * else in English. With `version`, the survey as it stood at that version: a draft finishes on the
 * version it started, and a response is read in the wording its respondent saw.
 */
export async function getSurvey(db: DB, slug: string, lang: string, version?: number): Promise<SurveyView | undefined> {
  await followChanges(db, surveys as Cache<unknown, unknown>);
  const current = await currentOf(db, slug);
  if (!current) return undefined;
  if (version === undefined || version === current.record.version) return viewOf(current, lang);
  const earlier = await surveys.get(`${slug}\u0000${version}`, () => readEarlier(db, current.record, version));
  return earlier ? viewOf(earlier, lang) : undefined;
}

async function readStored(db: DB, slug: string): Promise<StoredSurvey | undefined> {
  const survey = await db.selectFrom("surveys").select(["id", "status", "version", "opens_at", "closes_at"]).where("slug", "=", slug).executeTakeFirst();
  const file = survey ? await exportSurvey(db, slug) : undefined;
  if (!survey || !file) return undefined;
  return stored(file, await surveyRecord(db, survey));
}

async function readEarlier(db: DB, current: SurveyRecord, version: number): Promise<StoredSurvey | undefined> {
  const row = await db.selectFrom("survey_versions").select("definition").where("survey_id", "=", current.id).where("version", "=", version).executeTakeFirst();
  if (!row) return undefined;
  return stored(SurveyInProgress.parse(JSON.parse(row.definition)), { ...current, version });
}

async function surveyRecord(
  db: DB,
  survey: { id: number; status: SurveyView["status"]; version: number; opens_at: string | null; closes_at: string | null },
): Promise<SurveyRecord> {
  const [questions, themes] = await Promise.all([
    db.selectFrom("questions").select(["id", "key"]).where("survey_id", "=", survey.id).execute(),
    db.selectFrom("themes").select(["id", "slug"]).execute(),
  ]);
  return {
    id: survey.id,
    status: survey.status,
    version: survey.version,
    opensAt: survey.opens_at,
    closesAt: survey.closes_at,
    questionIds: new Map(questions.map((question) => [question.key, question.id])),
    themeIds: new Map(themes.map((theme) => [theme.slug, theme.id])),
  };
}

/** The languages in which every text of a survey is written, English first. */
export async function surveyLanguages(db: DB, slug: string): Promise<string[]> {
  const current = await currentOf(db, slug);
  return current ? current.languages : [];
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
        .where("q.removed_at", "is", null)
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
