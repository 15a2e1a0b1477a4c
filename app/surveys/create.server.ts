import type { DB } from "../../db/connection";
import { endOfDay, startOfDay } from "./dates";
import { SurveyDefinition, describeIssues, type SurveyDefinitionInput } from "./definition";
import { forgetSurveys } from "./surveys.server";

/** Stores a survey, its questions, options and every translation, in one transaction. */
export async function createSurvey(db: DB, input: SurveyDefinitionInput): Promise<number> {
  const survey = SurveyDefinition.parse(input);
  const id = await db.transaction().execute(async (trx) => {
    const { id: surveyId } = await trx
      .insertInto("surveys")
      .values({
        slug: survey.slug,
        audience: survey.audience,
        status: survey.status,
        estimated_minutes: survey.estimatedMinutes,
        run_by: survey.runBy ?? null,
        opens_at: survey.opensOn ? startOfDay(survey.opensOn) : null,
        closes_at: survey.closesOn ? endOfDay(survey.closesOn) : null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("survey_translations")
      .values(
        Object.entries(survey.text).map(([lang, text]) => ({
          survey_id: surveyId,
          lang,
          title: text.title,
          summary: text.summary,
          description: text.description,
          privacy: text.privacy ?? null,
        })),
      )
      .execute();

    const themes = new Map((await trx.selectFrom("themes").select(["id", "slug"]).execute()).map((theme) => [theme.slug, theme.id]));
    const covered = (survey.themes ?? []).map((slug) => {
      const id = themes.get(slug);
      if (id === undefined) throw new Error(`Unknown theme "${slug}"`);
      return { survey_id: surveyId, theme_id: id };
    });
    if (covered.length) await trx.insertInto("survey_themes").values(covered).execute();
    const questionIds = new Map<string, number>();
    for (const [index, question] of survey.questions.entries()) {
      const themeId = question.theme ? themes.get(question.theme) : null;
      if (themeId === undefined) throw new Error(`Unknown theme "${question.theme}" on question "${question.key}"`);
      const { id } = await trx
        .insertInto("questions")
        .values({
          survey_id: surveyId,
          key: question.key,
          position: index + 1,
          kind: question.kind,
          section: question.section,
          required: question.required ? 1 : 0,
          same_page: question.samePage ? 1 : 0,
          max_length: question.maxLength ?? null,
          theme_id: themeId,
          show_if_question_id: question.showIf ? (questionIds.get(question.showIf.question) ?? null) : null,
          show_if_value: question.showIf?.value ?? null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      questionIds.set(question.key, id);
      if (question.compareWith) await trx.insertInto("population_questions").values({ question_id: id, dimension: question.compareWith }).execute();
      await trx
        .insertInto("question_translations")
        .values(Object.entries(question.text).map(([lang, text]) => ({ question_id: id, lang, text: text.text, hint: text.hint ?? null })))
        .execute();
      for (const [position, option] of question.options.entries()) {
        const { id: optionId } = await trx
          .insertInto("question_options")
          .values({ question_id: id, value: option.value, position: position + 1, exclusive: option.exclusive ? 1 : 0 })
          .returning("id")
          .executeTakeFirstOrThrow();
        await trx
          .insertInto("option_translations")
          .values(Object.entries(option.label).map(([lang, label]) => ({ option_id: optionId, lang, label, exit_text: option.exit?.[lang] ?? null })))
          .execute();
      }
    }
    return surveyId;
  });
  await forgetSurveys(db);
  return id;
}

export type ImportResult = { status: "imported"; slug: string; surveyId: number } | { status: "refused"; problems: string[] };

/**
 * The one way a survey file comes in (the upload form, the command line and the demo): every
 * problem is named by its place in the file, a short name already in use or a theme this portal
 * does not have is refused, and nothing is stored unless all of it is right. Earlier versions in
 * the file are for the record: an imported survey starts afresh at version 1.
 */
export async function importSurvey(db: DB, data: unknown, { status = "draft" }: { status?: "draft" | "open" } = {}): Promise<ImportResult> {
  const parsed = SurveyDefinition.safeParse(data);
  if (!parsed.success) return { status: "refused", problems: describeIssues(parsed.error.issues) };
  const file = parsed.data;
  const problems: string[] = [];
  if (await db.selectFrom("surveys").select("id").where("slug", "=", file.slug).executeTakeFirst()) {
    problems.push(`slug: there is already a survey "${file.slug}"`);
  }
  const known = new Set((await db.selectFrom("themes").select("slug").where("retired_at", "is", null).execute()).map((theme) => theme.slug));
  (file.themes ?? []).forEach((theme, index) => {
    if (!known.has(theme)) problems.push(`themes[${index}]: there is no theme "${theme}" here`);
  });
  file.questions.forEach((question, index) => {
    if (question.theme && !known.has(question.theme)) problems.push(`questions[${index}].theme: there is no theme "${question.theme}" here`);
  });
  if (problems.length) return { status: "refused", problems };
  const questions = file.questions.map(({ version: _version, ...question }) => question);
  const surveyId = await createSurvey(db, { ...file, questions, earlierVersions: undefined, status });
  return { status: "imported", slug: file.slug, surveyId };
}
