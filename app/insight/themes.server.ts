import type { DB } from "../../db/connection";
import { acrossSpans } from "../aggregates/spans";
import { fallbackLanguage } from "../i18n/config";
import { scaleQuestions } from "../publishing/figures.server";
import { inLanguage } from "./responses.server";
import { countedWho, type Scope } from "./scope.server";

export interface RaisedTheme {
  themeId: number;
  /** Responses that raised it. */
  responses: number;
  /** The day the first of them was sent (YYYY-MM-DD). */
  firstRaisedAt: string;
}

/**
 * How many counted responses raised each theme, and when the first did. "Raised" is what the public
 * figures mean by it: tagged by a moderator, or a structured answer to a question that carries the
 * theme (not "Don't know" or "Prefer not to say"). Each response counts once per theme.
 */
export async function raisedThemes(db: DB, scope: Scope): Promise<Map<number, RaisedTheme>> {
  const rows = await acrossSpans(scope.from, scope.to, "c.span", (inSpan) =>
    db
      .selectFrom("theme_counts as c")
      .select((eb) => ["c.theme_id", eb.fn.sum<number>("c.n").as("responses"), eb.fn.min("c.span").as("first")])
      .where(inSpan)
      .where(countedWho(scope, "c"))
      .where("c.n", ">", 0)
      .groupBy("c.theme_id")
      .execute(),
  );
  const raised = new Map<number, RaisedTheme>();
  for (const row of rows) {
    const theme = raised.get(row.theme_id) ?? { themeId: row.theme_id, responses: 0, firstRaisedAt: String(row.first) };
    theme.responses += Number(row.responses);
    if (String(row.first) < theme.firstRaisedAt) theme.firstRaisedAt = String(row.first);
    raised.set(row.theme_id, theme);
  }
  // A whole month says when in the month only through its days: find the first one.
  for (const theme of raised.values()) {
    if (theme.firstRaisedAt.length === 10) continue;
    const month = theme.firstRaisedAt;
    const first = await db
      .selectFrom("theme_counts as c")
      .select((eb) => eb.fn.min("c.span").as("day"))
      .where("c.theme_id", "=", theme.themeId)
      .where("c.span", ">=", `${month}-01`)
      .where("c.span", "<=", `${month}-31`)
      .where(countedWho(scope, "c"))
      .where("c.n", ">", 0)
      .executeTakeFirst();
    theme.firstRaisedAt = String(first?.day ?? `${month}-01`);
  }
  for (const [themeId, theme] of raised) if (theme.responses === 0) raised.delete(themeId);
  return raised;
}

export interface ScaleCount {
  themeId: number;
  kind: "agreement_scale" | "smiley_scale";
  choice: string;
  answers: number;
}

/** The answers to the agreement and smiley-face questions that carry each theme, counted by answer. */
export async function scaleAnswers(db: DB, scope: Scope): Promise<ScaleCount[]> {
  const questions = (await scaleQuestions(db)).filter((question) => scope.surveyId === undefined || question.surveyId === scope.surveyId);
  if (questions.length === 0) return [];
  const rows = await acrossSpans(scope.from, scope.to, "c.span", (inSpan) =>
    db
      .selectFrom("answer_counts as c")
      .select(["c.question_id", "c.choice", (eb) => eb.fn.sum<number>("c.n").as("answers")])
      .where(
        "c.question_id",
        "in",
        questions.map((question) => question.id),
      )
      .where(inSpan)
      // The survey is the questions' own, chosen above.
      .where(countedWho({ ...scope, surveyId: undefined }, "c"))
      .where("c.choice", "!=", "")
      .groupBy(["c.question_id", "c.choice"])
      .execute(),
  );
  const counts = new Map<string, ScaleCount>();
  for (const row of rows) {
    const question = questions.find((candidate) => candidate.id === row.question_id)!;
    const key = `${question.themeId}|${question.kind}|${row.choice}`;
    const count = counts.get(key) ?? { themeId: question.themeId, kind: question.kind, choice: row.choice, answers: 0 };
    count.answers += Number(row.answers);
    counts.set(key, count);
  }
  return [...counts.values()].filter((count) => count.answers > 0);
}

/** Every theme's name in the reader's language, else English, with the language it is in. */
export async function themeNames(db: DB, lang: string) {
  const rows = await db
    .selectFrom("theme_translations")
    .select(["theme_id as id", "lang", "name as text"])
    .where("lang", "in", [lang, fallbackLanguage])
    .execute();
  return inLanguage(rows, lang);
}
