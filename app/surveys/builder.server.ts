import type { Transaction } from "kysely";
import type { DB } from "../../db/connection";
import type { Database, SurveyAudience } from "../../db/schema";
import { audit } from "../accounts/audit.server";
import { fallbackLanguage, supportedLanguages } from "../i18n/config";
import { createSurvey } from "./create.server";
import { closingDay, endOfDay, londonDay, startOfDay } from "./dates";
import type { SurveyFile } from "./definition";
import { exportSurvey } from "./export.server";
import { surveyState } from "./staff-list.server";
import { forgetSurveys } from "./surveys.server";
import { surveyTexts, translationProgress } from "./view";

type Trx = Transaction<Database>;

/** What the survey form gives: the English words and the settings. Other languages are added beside them. */
export interface SurveyDetailsInput {
  slug: string;
  audience: SurveyAudience;
  runBy: string | null;
  estimatedMinutes: number;
  opensOn: string | null;
  closesOn: string | null;
  themeIds: number[];
  title: string;
  summary: string;
  description: string;
  privacy: string | null;
}

/** Why a change to a survey was refused: a field and a message key under `builder.errors`. */
export type SurveyRefusal = { field: string; message: string; params?: Record<string, string> };

async function slugTaken(trx: Trx | DB, slug: string, except?: number): Promise<boolean> {
  let query = trx.selectFrom("surveys").select("id").where("slug", "=", slug);
  if (except !== undefined) query = query.where("id", "!=", except);
  return (await query.executeTakeFirst()) !== undefined;
}

async function writeThemes(trx: Trx, surveyId: number, themeIds: number[]) {
  await trx.deleteFrom("survey_themes").where("survey_id", "=", surveyId).execute();
  if (themeIds.length)
    await trx
      .insertInto("survey_themes")
      .values(themeIds.map((theme_id) => ({ survey_id: surveyId, theme_id })))
      .execute();
}

/** A new survey as a draft with no questions yet; nobody can see it until it is opened. */
export async function createDraftSurvey(db: DB, input: SurveyDetailsInput, userId: number): Promise<{ slug: string } | { refusal: SurveyRefusal }> {
  const result = await db.transaction().execute(async (trx) => {
    if (await slugTaken(trx, input.slug)) return { refusal: { field: "slug", message: "slugTaken", params: { slug: input.slug } } };
    const { id } = await trx
      .insertInto("surveys")
      .values({
        slug: input.slug,
        audience: input.audience,
        status: "draft",
        estimated_minutes: input.estimatedMinutes,
        run_by: input.runBy,
        opens_at: input.opensOn ? startOfDay(input.opensOn) : null,
        closes_at: input.closesOn ? endOfDay(input.closesOn) : null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("survey_translations")
      .values({ survey_id: id, lang: fallbackLanguage, title: input.title, summary: input.summary, description: input.description, privacy: input.privacy })
      .execute();
    await writeThemes(trx, id, input.themeIds);
    await audit(trx, { userId, action: "survey.created", entity: "survey", entityId: id, after: { slug: input.slug } });
    return { slug: input.slug };
  });
  await forgetSurveys(db);
  return result;
}

/**
 * Changes the survey's settings and English words. The short name is its address, so it can only
 * change while the survey is a draft: a poster or a link somewhere may already use it.
 */
export async function updateSurveyDetails(db: DB, surveyId: number, input: SurveyDetailsInput, userId: number): Promise<SurveyRefusal | undefined> {
  const refusal = await db.transaction().execute(async (trx): Promise<SurveyRefusal | undefined> => {
    // The audience may change at any time: each response and draft keeps who answered it.
    const before = await trx.selectFrom("surveys").select(["slug", "status"]).where("id", "=", surveyId).executeTakeFirstOrThrow();
    if (input.slug !== before.slug) {
      if (before.status !== "draft") return { field: "slug", message: "slugFixed" };
      if (await slugTaken(trx, input.slug, surveyId)) return { field: "slug", message: "slugTaken", params: { slug: input.slug } };
    }
    await trx
      .updateTable("surveys")
      .set({
        slug: input.slug,
        audience: input.audience,
        estimated_minutes: input.estimatedMinutes,
        run_by: input.runBy,
        opens_at: input.opensOn ? startOfDay(input.opensOn) : null,
        closes_at: input.closesOn ? endOfDay(input.closesOn) : null,
      })
      .where("id", "=", surveyId)
      .execute();
    const english = { title: input.title, summary: input.summary, description: input.description, privacy: input.privacy };
    await trx
      .insertInto("survey_translations")
      .values({ survey_id: surveyId, lang: fallbackLanguage, ...english })
      .onConflict((oc) => oc.columns(["survey_id", "lang"]).doUpdateSet(english))
      .execute();
    await writeThemes(trx, surveyId, input.themeIds);
    await audit(trx, { userId, action: "survey.details", entity: "survey", entityId: surveyId, after: { slug: input.slug } });
    return undefined;
  });
  await forgetSurveys(db);
  return refusal;
}

export type StateChange = "open" | "close" | "archive" | "delete";

/**
 * Opens, closes (early, too), archives or deletes a survey. A survey opens only with at least one
 * question and a closing date still ahead; it is archived only once closed; and a survey that has
 * ever had a response can never be deleted, only archived.
 */
export async function changeSurveyState(db: DB, surveyId: number, change: StateChange, userId: number, now = new Date()): Promise<SurveyRefusal | undefined> {
  const refusal = await db.transaction().execute(async (trx): Promise<SurveyRefusal | undefined> => {
    const survey = await trx.selectFrom("surveys").select(["status", "closes_at", "archived_at"]).where("id", "=", surveyId).executeTakeFirstOrThrow();
    const questions = await trx
      .selectFrom("questions")
      .select("id")
      .where("survey_id", "=", surveyId)
      .where("removed_at", "is", null)
      .limit(1)
      .executeTakeFirst();
    const responses = await trx.selectFrom("responses").select("id").where("survey_id", "=", surveyId).limit(1).executeTakeFirst();
    if (survey.archived_at) return { field: "state", message: "archived" };
    if (change === "open") {
      if (!questions) return { field: "state", message: "openNoQuestions" };
      if (survey.closes_at && new Date(survey.closes_at) <= now) return { field: "state", message: "openClosingPast" };
      await trx.updateTable("surveys").set({ status: "open" }).where("id", "=", surveyId).execute();
    } else if (change === "close") {
      if (survey.status !== "open") return { field: "state", message: "closeNotOpen" };
      await trx.updateTable("surveys").set({ status: "closed" }).where("id", "=", surveyId).execute();
    } else if (change === "archive") {
      if (survey.status === "open") return { field: "state", message: "archiveOpen" };
      await trx.updateTable("surveys").set({ archived_at: now.toISOString() }).where("id", "=", surveyId).execute();
    } else {
      if (responses) return { field: "state", message: "deleteAnswered" };
      // Links from actions go with it: a survey without responses has nothing an action could rest on.
      await trx.deleteFrom("action_surveys").where("survey_id", "=", surveyId).execute();
      await trx.deleteFrom("surveys").where("id", "=", surveyId).execute();
    }
    await audit(trx, { userId, action: `survey.${change}`, entity: "survey", entityId: surveyId }, now);
    return undefined;
  });
  await forgetSurveys(db);
  return refusal;
}

/** A copy to run again (next year's survey): every question and language, as a draft with no dates and no answers. */
export async function duplicateSurvey(db: DB, slug: string, newSlug: string, userId: number): Promise<{ slug: string } | { refusal: SurveyRefusal }> {
  const file = await exportSurvey(db, slug);
  if (!file) return { refusal: { field: "copySlug", message: "surveyGone" } };
  if (await slugTaken(db, newSlug)) return { refusal: { field: "copySlug", message: "slugTaken", params: { slug: newSlug } } };
  if (file.questions.length === 0) return { refusal: { field: "copySlug", message: "copyNoQuestions" } };
  const questions = file.questions.map(({ version: _version, ...question }) => question);
  const id = await createSurvey(db, {
    ...file,
    slug: newSlug,
    status: "draft",
    opensOn: undefined,
    closesOn: undefined,
    questions,
    earlierVersions: undefined,
  });
  await audit(db, { userId, action: "survey.duplicated", entity: "survey", entityId: id, after: { from: slug } });
  return { slug: newSlug };
}

/**
 * Stores one language's texts, keyed as `surveyTexts` names them. A blank box removes that text,
 * so the language counts as incomplete again rather than showing an empty line to anyone.
 */
export async function saveTranslations(db: DB, surveyId: number, lang: string, values: Record<string, string>, userId: number): Promise<void> {
  if (lang === fallbackLanguage || !supportedLanguages.includes(lang as never)) throw new Error(`Not a language to translate into: ${lang}`);
  const slug = (await db.selectFrom("surveys").select("slug").where("id", "=", surveyId).executeTakeFirstOrThrow()).slug;
  const file = await exportSurvey(db, slug);
  if (!file) return;
  const get = (key: string) => values[key]?.trim() || null;
  await db.transaction().execute(async (trx) => {
    const title = get("title");
    const summary = get("summary");
    await trx.deleteFrom("survey_translations").where("survey_id", "=", surveyId).where("lang", "=", lang).execute();
    if (title && summary) {
      await trx
        .insertInto("survey_translations")
        .values({ survey_id: surveyId, lang, title, summary, description: get("description") ?? "", privacy: get("privacy") })
        .execute();
    }
    const questions = await trx.selectFrom("questions").select(["id", "key"]).where("survey_id", "=", surveyId).where("removed_at", "is", null).execute();
    for (const question of questions) {
      const text = get(`questions.${question.key}.text`);
      await trx.deleteFrom("question_translations").where("question_id", "=", question.id).where("lang", "=", lang).execute();
      if (text)
        await trx
          .insertInto("question_translations")
          .values({ question_id: question.id, lang, text, hint: get(`questions.${question.key}.hint`) })
          .execute();
      const options = await trx
        .selectFrom("question_options")
        .select(["id", "value"])
        .where("question_id", "=", question.id)
        .where("retired_at", "is", null)
        .execute();
      for (const option of options) {
        const label = get(`questions.${question.key}.options.${option.value}`);
        await trx.deleteFrom("option_translations").where("option_id", "=", option.id).where("lang", "=", lang).execute();
        const exit = get(`questions.${question.key}.options.${option.value}.exit`);
        if (label) await trx.insertInto("option_translations").values({ option_id: option.id, lang, label, exit_text: exit }).execute();
      }
    }
    const { done, total } = translationProgress((await exportSurvey(trx, slug)) as SurveyFile, lang);
    await audit(trx, { userId, action: "survey.translated", entity: "survey", entityId: surveyId, after: { lang, done, total } });
  });
  await forgetSurveys(db);
}

/** A survey's id and short name, for a builder action that needs no more; undefined when there is none. */
export function findSurvey(db: DB, slug: string) {
  return db.selectFrom("surveys").select(["id", "slug"]).where("slug", "=", slug).executeTakeFirst();
}

/** Everything the builder's pages show about one survey; undefined when there is none. */
export async function surveyForBuilder(db: DB, slug: string, now = new Date()) {
  const row = await db
    .selectFrom("surveys as s")
    .select(["s.id", "s.slug", "s.status", "s.version", "s.opens_at", "s.closes_at", "s.archived_at"])
    .where("s.slug", "=", slug)
    .executeTakeFirst();
  const file = row ? await exportSurvey(db, slug) : undefined;
  if (!row || !file) return undefined;
  const [questions, themes, responses] = await Promise.all([
    db.selectFrom("questions").select(["id", "key"]).where("survey_id", "=", row.id).where("removed_at", "is", null).orderBy("position").execute(),
    db.selectFrom("survey_themes").select("theme_id").where("survey_id", "=", row.id).execute(),
    db
      .selectFrom("responses")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("survey_id", "=", row.id)
      .executeTakeFirstOrThrow(),
  ]);
  const ids = new Map(questions.map((question) => [question.key, question.id]));
  return {
    id: row.id,
    slug: row.slug,
    status: row.status,
    state: surveyState(row.status, row.opens_at, row.closes_at, now, row.archived_at),
    version: row.version,
    opensOn: row.opens_at ? londonDay(row.opens_at) : null,
    closesOn: row.closes_at ? closingDay(row.closes_at) : null,
    themeIds: themes.map((theme) => theme.theme_id),
    responses: Number(responses.n),
    file,
    questionIds: Object.fromEntries(ids),
    languages: supportedLanguages.filter((lang) => lang !== fallbackLanguage).map((lang) => ({ lang, ...translationProgress(file, lang) })),
    texts: surveyTexts(file).map((text) => text.key),
  };
}

/** The survey's history: every change with who made it and when, newest first. */
export async function surveyHistory(db: DB, surveyId: number) {
  const rows = await db
    .selectFrom("audit_log as a")
    .leftJoin("users as u", "u.id", "a.user_id")
    .select(["a.id", "a.at", "a.action", "a.after", "u.name"])
    .where("a.entity", "=", "survey")
    .where("a.entity_id", "=", String(surveyId))
    .orderBy("a.id", "desc")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    action: row.action,
    by: row.name,
    detail: row.after ? (JSON.parse(row.after) as Record<string, string | number>) : {},
  }));
}

/** Themes a survey or question can carry: not retired, not merged away, named in `lang` where written. */
export async function themeChoices(db: DB, lang: string) {
  const rows = await db
    .selectFrom("themes as th")
    .leftJoin("theme_translations as own", (join) => join.onRef("own.theme_id", "=", "th.id").on("own.lang", "=", lang))
    .leftJoin("theme_translations as en", (join) => join.onRef("en.theme_id", "=", "th.id").on("en.lang", "=", fallbackLanguage))
    .select(["th.id", "th.slug", "own.name as own", "en.name as english"])
    .where("th.retired_at", "is", null)
    .where("th.merged_into", "is", null)
    .orderBy("th.id")
    .execute();
  return rows.map((row) => ({ id: row.id, slug: row.slug, name: row.own ?? row.english ?? row.slug }));
}
