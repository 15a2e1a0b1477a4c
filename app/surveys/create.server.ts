import type { DB } from "../../db/connection";
import { SurveyDefinition, type SurveyDefinitionInput } from "./definition";
import { forgetSurveys } from "./surveys.server";

/** Stores a survey, its questions, options and every translation, in one transaction. */
export async function createSurvey(db: DB, input: SurveyDefinitionInput): Promise<number> {
  const survey = SurveyDefinition.parse(input);
  forgetSurveys();
  return db.transaction().execute(async (trx) => {
    const { id: surveyId } = await trx
      .insertInto("surveys")
      .values({ slug: survey.slug, audience: survey.audience, status: survey.status, estimated_minutes: survey.estimatedMinutes })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("survey_translations")
      .values(Object.entries(survey.text).map(([lang, text]) => ({ survey_id: surveyId, lang, ...text })))
      .execute();

    const themes = new Map(
      (await trx.selectFrom("themes").select(["id", "slug"]).execute()).map((theme) => [theme.slug, theme.id]),
    );
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
          max_length: question.maxLength ?? null,
          theme_id: themeId,
          show_if_question_id: question.showIf ? (questionIds.get(question.showIf.question) ?? null) : null,
          show_if_value: question.showIf?.value ?? null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      questionIds.set(question.key, id);
      await trx
        .insertInto("question_translations")
        .values(
          Object.entries(question.text).map(([lang, text]) => ({ question_id: id, lang, text: text.text, hint: text.hint ?? null })),
        )
        .execute();
      for (const [position, option] of question.options.entries()) {
        const { id: optionId } = await trx
          .insertInto("question_options")
          .values({ question_id: id, value: option.value, position: position + 1, exclusive: option.exclusive ? 1 : 0 })
          .returning("id")
          .executeTakeFirstOrThrow();
        await trx
          .insertInto("option_translations")
          .values(Object.entries(option.label).map(([lang, label]) => ({ option_id: optionId, lang, label })))
          .execute();
      }
    }
    return surveyId;
  });
}
