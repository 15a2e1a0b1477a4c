import type { DB } from "../../db/connection";
import { acrossSpans } from "../aggregates/spans";
import { fallbackLanguage } from "../i18n/config";
import { SurveyInProgress } from "../surveys/definition";
import type { DateRange } from "./figures.server";

export interface Wordings {
  /** The question's words in each wording its answers in the range were given to, oldest first. */
  wordings: string[];
}

/**
 * The questions carrying each theme whose answers in the range were given to more than one
 * wording (see docs/decisions/012-survey-versions.md). Figures built on them say so, with the
 * wordings in a note, so nobody reads two questions as one. Flagged responses never count.
 */
export async function themeWordings(db: DB, range: DateRange): Promise<Map<number, Wordings[]>> {
  const questions = await db
    .selectFrom("questions")
    .select(["id", "key", "theme_id", "survey_id", "version as current"])
    .where("theme_id", "is not", null)
    .execute();
  if (questions.length === 0) return new Map();
  const given = await acrossSpans(range.from, range.to, "span", (inSpan) =>
    db
      .selectFrom("answer_counts")
      .select(["question_id", "question_version"])
      .where(
        "question_id",
        "in",
        questions.map((question) => question.id),
      )
      .where(inSpan)
      .groupBy(["question_id", "question_version"])
      .having((eb) => eb.fn.sum("n"), ">", 0)
      .execute(),
  );
  const seen = [...new Set(given.map((row) => `${row.question_id}:${row.question_version}`))]
    .map((key) => key.split(":").map(Number))
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const versions = seen.map(([questionId, version]) => ({ ...questions.find((question) => question.id === questionId)!, question_version: version }));
  const byQuestion = new Map<number, typeof versions>();
  for (const row of versions) byQuestion.set(row.id, [...(byQuestion.get(row.id) ?? []), row]);
  const spanning = [...byQuestion.values()].filter((rows) => rows.length > 1);
  const result = new Map<number, Wordings[]>();
  for (const rows of spanning) {
    const { id, key, theme_id: themeId, survey_id: surveyId, current } = rows[0];
    const wordings = await Promise.all(rows.map((row) => wordingAt(db, { id, key, surveyId, current }, row.question_version)));
    const theme = themeId as number;
    result.set(theme, [...(result.get(theme) ?? []), { wordings }]);
  }
  return result;
}

/** The English words of a question at one of its versions: the live row, or the survey version that held it. */
async function wordingAt(db: DB, question: { id: number; key: string; surveyId: number; current: number }, version: number): Promise<string> {
  if (version === question.current) {
    const row = await db
      .selectFrom("question_translations")
      .select("text")
      .where("question_id", "=", question.id)
      .where("lang", "=", fallbackLanguage)
      .executeTakeFirst();
    return row?.text ?? question.key;
  }
  const snapshots = await db.selectFrom("survey_versions").select("definition").where("survey_id", "=", question.surveyId).orderBy("version", "desc").execute();
  for (const snapshot of snapshots) {
    const file = SurveyInProgress.parse(JSON.parse(snapshot.definition));
    const found = file.questions.find((candidate) => candidate.key === question.key && (candidate.version ?? 1) === version);
    if (found) return found.text[fallbackLanguage].text;
  }
  return question.key;
}
