import { sql } from "kysely";
import type { DB } from "../../db/connection";
import { suppressShare, suppressSplit, type SuppressedSplit } from "./suppression";

export interface DateRange {
  /** Inclusive, YYYY-MM-DD. */
  from: string;
  /** Inclusive, YYYY-MM-DD. */
  to: string;
}

type Audience = "parent_carer" | "young_person";

const bounds = (range: DateRange) => [range.from, new Date(new Date(range.to).getTime() + 86_400_000).toISOString().slice(0, 10)];

/**
 * How many responses in the range raised each theme (tagged by a moderator, or through a
 * structured answer to a question that carries the theme), split by who answered. Flagged
 * responses never count. Raw counts: publish them only through `publicThemeFigures`.
 */
export async function themeCounts(db: DB, range: DateRange) {
  const [from, until] = bounds(range);
  const { rows } = await sql<{ theme_id: number; audience: Audience; n: number }>`
    with raised as (
      select theme_id, response_id from response_themes
      union
      select q.theme_id, a.response_id from answers a join questions q on q.id = a.question_id
      where q.theme_id is not null and a.choice is not null and a.choice not in ('dont_know', 'prefer_not_to_say')
    )
    select raised.theme_id, r.audience, count(distinct r.id) as n
    from raised
    join responses r on r.id = raised.response_id
    where r.flagged = 0 and r.submitted_at >= ${from} and r.submitted_at < ${until}
    group by raised.theme_id, r.audience`.execute(db);
  const byTheme = new Map<number, Record<Audience, number>>();
  for (const row of rows) {
    const entry = byTheme.get(row.theme_id) ?? { parent_carer: 0, young_person: 0 };
    entry[row.audience] = Number(row.n);
    byTheme.set(row.theme_id, entry);
  }
  return byTheme;
}

/** The answers that agree: "strongly agree", "agree", and the two happy faces. */
export const positive = ["strongly_agree", "agree", "really_good", "good"];
const counted = ["strongly_agree", "agree", "neither", "disagree", "strongly_disagree", "really_good", "good", "okay", "bad", "really_bad"];

/** For the scale questions carrying each theme: how many answered, and how many agreed. */
export async function themeAgreement(db: DB, range: DateRange) {
  const [from, until] = bounds(range);
  const rows = await db
    .selectFrom("answers as a")
    .innerJoin("questions as q", "q.id", "a.question_id")
    .innerJoin("responses as r", "r.id", "a.response_id")
    .select((eb) => [
      "q.theme_id",
      eb.fn.countAll<number>().as("base"),
      eb.fn.sum<number>(eb.case().when("a.choice", "in", positive).then(1).else(0).end()).as("agreed"),
    ])
    .where("q.kind", "in", ["agreement_scale", "smiley_scale"])
    .where("q.theme_id", "is not", null)
    .where("a.choice", "in", counted)
    .where("r.flagged", "=", 0)
    .where("r.submitted_at", ">=", from)
    .where("r.submitted_at", "<", until)
    .groupBy("q.theme_id")
    .execute();
  return new Map(rows.map((row) => [row.theme_id as number, { base: Number(row.base), agreed: Number(row.agreed) }]));
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
