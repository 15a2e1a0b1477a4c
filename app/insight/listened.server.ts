import type { DB } from "../../db/connection";
import { positive } from "../publishing/figures.server";
import { DONT_KNOW, PREFER_NOT_TO_SAY } from "../surveys/model";
import type { ScaleCount } from "./themes.server";

/** The theme whose scale questions ask whether people felt listened to. */
export const LISTENED_THEME = "listened-coproduction";

export interface Listened {
  /** Answers that agreed, or chose a happy face. */
  agreed: number;
  /** Every answer given, except "Don't know" and "Prefer not to say". */
  answered: number;
}

export async function listenedThemeId(db: DB): Promise<number | null> {
  const theme = await db.selectFrom("themes").select("id").where("slug", "=", LISTENED_THEME).executeTakeFirst();
  return theme?.id ?? null;
}

/**
 * "Felt listened to", counted as the public page counts it: the answers to the agreement and
 * smiley-face questions carrying the theme. Taken from the scale answers the dashboard has already
 * counted, so the answers are read once for both figures.
 */
export function feltListenedTo(scales: ScaleCount[], themeId: number | null): Listened {
  const answers = scales.filter((count) => count.themeId === themeId && count.choice !== DONT_KNOW && count.choice !== PREFER_NOT_TO_SAY);
  return {
    agreed: answers.filter((count) => positive.includes(count.choice)).reduce((sum, count) => sum + count.answers, 0),
    answered: answers.reduce((sum, count) => sum + count.answers, 0),
  };
}
