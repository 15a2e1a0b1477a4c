import type { DB } from "../../db/connection";
import type { PopulationDimension } from "../../db/schema";
import { audit } from "../accounts/audit.server";
import { fallbackLanguage } from "../i18n/config";
import { answerGroups } from "./population-groups";

/**
 * Which "about you" questions are compared with which breakdown of the population. A survey file
 * says it with `compareWith`; an administrator sees and changes it at /admin/population/questions,
 * which is how a question made in the builder gets one. Words are the staff's English ones.
 */

/** Every one-answer "about you" question still asked, by survey, with what it is compared with and how each answer counts. */
export async function comparableQuestions(db: DB) {
  const [questions, options] = await Promise.all([
    db
      .selectFrom("questions as q")
      .innerJoin("surveys as s", "s.id", "q.survey_id")
      .leftJoin("survey_translations as st", (join) => join.onRef("st.survey_id", "=", "s.id").on("st.lang", "=", fallbackLanguage))
      .leftJoin("question_translations as qt", (join) => join.onRef("qt.question_id", "=", "q.id").on("qt.lang", "=", fallbackLanguage))
      .leftJoin("population_questions as pq", "pq.question_id", "q.id")
      .select(["q.id", "q.key", "q.survey_id", "s.slug", "st.title", "s.archived_at", "qt.text", "pq.dimension"])
      .where("q.section", "=", "about_you")
      .where("q.kind", "=", "single_choice")
      .where("q.removed_at", "is", null)
      .orderBy("s.id", "desc")
      .orderBy("q.position")
      .execute(),
    db
      .selectFrom("question_options as o")
      .innerJoin("questions as q", "q.id", "o.question_id")
      .leftJoin("option_translations as ot", (join) => join.onRef("ot.option_id", "=", "o.id").on("ot.lang", "=", fallbackLanguage))
      .select(["o.question_id", "o.value", "ot.label"])
      .where("q.section", "=", "about_you")
      .where("q.kind", "=", "single_choice")
      .where("o.retired_at", "is", null)
      .orderBy("o.position")
      .execute(),
  ]);
  return questions.map((question) => ({
    id: question.id,
    key: question.key,
    surveyId: question.survey_id,
    survey: question.title ?? question.slug,
    archived: question.archived_at !== null,
    text: question.text ?? question.key,
    dimension: question.dimension,
    options: options
      .filter((option) => option.question_id === question.id)
      .map((option) => ({
        value: option.value,
        label: option.label ?? option.value,
        groups: question.dimension ? answerGroups(question.dimension, option.value) : null,
      })),
  }));
}

export type ComparableQuestion = Awaited<ReturnType<typeof comparableQuestions>>[number];

/**
 * Sets what each question is compared with (null: nothing), refusing two questions of one survey
 * compared with the same breakdown, which would count a person twice. Returns the questions refused.
 */
export async function setComparisons(
  db: DB,
  wanted: Map<number, PopulationDimension | null>,
  userId: number,
  now = new Date(),
): Promise<{ refused: { questionId: number; dimension: PopulationDimension }[] }> {
  const questions = await comparableQuestions(db);
  const after = new Map(questions.map((question) => [question.id, wanted.has(question.id) ? wanted.get(question.id)! : question.dimension]));
  const refused = questions.flatMap((question) => {
    const dimension = after.get(question.id);
    const twice = dimension && questions.some((other) => other.id !== question.id && other.surveyId === question.surveyId && after.get(other.id) === dimension);
    return twice ? [{ questionId: question.id, dimension }] : [];
  });
  if (refused.length) return { refused };
  await db.transaction().execute(async (trx) => {
    for (const question of questions) {
      const dimension = after.get(question.id) ?? null;
      if (dimension === question.dimension) continue;
      await trx.deleteFrom("population_questions").where("question_id", "=", question.id).execute();
      if (dimension) await trx.insertInto("population_questions").values({ question_id: question.id, dimension }).execute();
      await audit(
        trx,
        {
          userId,
          action: "population.question",
          entity: "question",
          entityId: question.id,
          before: { compareWith: question.dimension },
          after: { compareWith: dimension },
        },
        now,
      );
    }
  });
  return { refused: [] };
}
