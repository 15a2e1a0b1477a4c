import type { DB } from "../../db/connection";
import { acrossSpans } from "../aggregates/spans";
import { suppressShare, suppressSplit, type SuppressedSplit } from "./suppression";

export interface DateRange {
  /** Inclusive, YYYY-MM-DD. */
  from: string;
  /** Inclusive, YYYY-MM-DD. */
  to: string;
}

type Audience = "parent_carer" | "young_person";

/**
 * How many responses in the range raised each theme (tagged by a moderator, or through a
 * structured answer to a question that carries the theme), split by who answered. Flagged
 * responses never count. Raw counts: publish them only through `publicThemeFigures`.
 * Read from the kept counts, so the cost grows with the days in the range, not the responses.
 */
export async function themeCounts(db: DB, range: DateRange) {
  const rows = await acrossSpans(range.from, range.to, "span", (inSpan) =>
    db
      .selectFrom("theme_counts")
      .select(["theme_id", "audience", (eb) => eb.fn.sum<number>("n").as("n")])
      .where(inSpan)
      .groupBy(["theme_id", "audience"])
      .execute(),
  );
  const byTheme = new Map<number, Record<Audience, number>>();
  for (const row of rows) {
    const entry = byTheme.get(row.theme_id) ?? { parent_carer: 0, young_person: 0 };
    entry[row.audience] += Number(row.n);
    byTheme.set(row.theme_id, entry);
  }
  for (const [themeId, entry] of byTheme) if (entry.parent_carer + entry.young_person === 0) byTheme.delete(themeId);
  return byTheme;
}

/** The answers that agree: "strongly agree", "agree", and the two happy faces. */
export const positive = ["strongly_agree", "agree", "really_good", "good"];
const counted = ["strongly_agree", "agree", "neither", "disagree", "strongly_disagree", "really_good", "good", "okay", "bad", "really_bad"];

/**
 * The agreement and smiley-face questions that carry a theme. There are a few dozen at most, so
 * figures read the answer counts of these questions by their key, never the whole table.
 */
export async function scaleQuestions(db: DB) {
  const rows = await db
    .selectFrom("questions")
    .select(["id", "theme_id", "kind", "survey_id"])
    .where("kind", "in", ["agreement_scale", "smiley_scale"])
    .where("theme_id", "is not", null)
    .execute();
  return rows.map((row) => ({ id: row.id, themeId: row.theme_id!, kind: row.kind as "agreement_scale" | "smiley_scale", surveyId: row.survey_id }));
}

/** For the scale questions carrying each theme: how many answered, and how many agreed. */
export async function themeAgreement(db: DB, range: DateRange) {
  const questions = await scaleQuestions(db);
  if (questions.length === 0) return new Map<number, { base: number; agreed: number }>();
  const rows = await acrossSpans(range.from, range.to, "span", (inSpan) =>
    db
      .selectFrom("answer_counts")
      .select(["question_id", "choice", (eb) => eb.fn.sum<number>("n").as("n")])
      .where(
        "question_id",
        "in",
        questions.map((question) => question.id),
      )
      .where(inSpan)
      .where("choice", "in", counted)
      .groupBy(["question_id", "choice"])
      .execute(),
  );
  const byTheme = new Map<number, { base: number; agreed: number }>();
  for (const row of rows) {
    const themeId = questions.find((question) => question.id === row.question_id)!.themeId;
    const entry = byTheme.get(themeId) ?? { base: 0, agreed: 0 };
    entry.base += Number(row.n);
    if (positive.includes(row.choice)) entry.agreed += Number(row.n);
    byTheme.set(themeId, entry);
  }
  for (const [themeId, entry] of byTheme) if (entry.base === 0) byTheme.delete(themeId);
  return byTheme;
}

export interface PublicThemeFigures {
  themeId: number;
  raised: SuppressedSplit<Audience>;
  /** Percentage who agreed on the theme's scale questions, or null when too few answered. */
  agreedPercent: number | null;
}

/** The figures the public page may show for each theme, after suppression. */
export async function publicThemeFigures(db: DB, range: DateRange, threshold: number): Promise<PublicThemeFigures[]> {
  const [counts, agreement] = await Promise.all([themeCounts(db, range), themeAgreement(db, range)]);
  return suppressedThemeFigures(counts, agreement, threshold);
}

/** The same, from counts and agreement already read. */
export function suppressedThemeFigures(
  counts: Awaited<ReturnType<typeof themeCounts>>,
  agreement: Awaited<ReturnType<typeof themeAgreement>>,
  threshold: number,
): PublicThemeFigures[] {
  const figures = [...counts].map(([themeId, parts]) => {
    const scale = agreement.get(themeId);
    return {
      themeId,
      raised: suppressSplit(parts.parent_carer + parts.young_person, parts, threshold),
      agreedPercent: scale ? suppressShare(scale.agreed, scale.base, threshold) : null,
    };
  });
  // Most raised first, by the published figures only: the order must not rank hidden ones.
  return figures.sort((a, b) => (b.raised.total ?? -1) - (a.raised.total ?? -1) || a.themeId - b.themeId);
}
