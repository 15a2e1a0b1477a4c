import type { DB } from "../../db/connection";
import { fallbackLanguage } from "../i18n/config";
import { SurveyInProgress } from "../surveys/definition";
import type { DateRange } from "./figures.server";

const bounds = (range: DateRange) => [range.from, new Date(new Date(range.to).getTime() + 86_400_000).toISOString().slice(0, 10)];

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
  const [from, until] = bounds(range);
  const versions = await db
    .selectFrom("answers as a")
    .innerJoin("questions as q", "q.id", "a.question_id")
    .innerJoin("responses as r", "r.id", "a.response_id")
    .select(["q.id", "q.key", "q.theme_id", "q.survey_id", "q.version as current", "a.question_version"])
    .distinct()
    .where("q.theme_id", "is not", null)
    .where("r.flagged", "=", 0)
    .where("r.submitted_at", ">=", from)
    .where("r.submitted_at", "<", until)
    .orderBy("q.id")
    .orderBy("a.question_version")
    .execute();
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
