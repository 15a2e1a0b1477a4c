import type { DB } from "../../db/connection";
import { listPeriods } from "../actions/periods.server";
import { themeChoices } from "../moderation/queue.server";
import { publicThemeFigures } from "./figures.server";
import { quotesForTheme } from "./statements.server";
import { suppressionThreshold } from "../settings.server";

/** The theme, the period, the public figures beside them and the quotes that may be chosen. */
export async function statementContext(db: DB, themeId: number, periodId: number, lang: string) {
  const [themes, periods] = await Promise.all([themeChoices(db, lang, true), listPeriods(db, lang)]);
  const theme = themes.find((candidate) => candidate.id === themeId);
  const period = periods.find((candidate) => candidate.id === periodId);
  if (!theme || !period) return undefined;
  const threshold = await suppressionThreshold(db);
  const figures = (await publicThemeFigures(db, { from: period.starts_on, to: period.ends_on }, threshold)).find((f) => f.themeId === themeId) ?? null;
  return { theme, period, figures, quotes: await quotesForTheme(db, themeId), threshold };
}
