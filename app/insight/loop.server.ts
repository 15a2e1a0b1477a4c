import type { DB } from "../../db/connection";
import type { ActionStatus } from "../../db/schema";
import { fallbackLanguage } from "../i18n/config";
import { localText } from "../translations/local-text";
import { daysBetween, median } from "./calendar";
import type { RaisedTheme } from "./themes.server";

export interface ThemeLoop {
  themeId: number;
  firstRaisedAt: string;
  /** Whether any published action answers the theme. */
  hasAction: boolean;
  /** Days from the theme first being raised to the first action published after it; null when none has been. */
  days: number | null;
}

export interface Loop {
  themes: ThemeLoop[];
  /** Themes raised in the period with at least one published action. */
  answered: number;
  medianDays: number | null;
}

/**
 * When each published action about the given themes was published. Actions of the period count,
 * and actions of no period, as on the public page.
 */
export async function publishedActionsFor(db: DB, themeIds: number[], periodId: number | null) {
  if (themeIds.length === 0) return [];
  return db
    .selectFrom("action_themes as at")
    .innerJoin("actions as a", "a.id", "at.action_id")
    .innerJoin("publications as p", (join) => join.onRef("p.entity_id", "=", "a.id").on("p.entity", "=", "action"))
    .select(["at.theme_id", "p.published_at"])
    .where("p.published_at", "is not", null)
    .where("at.theme_id", "in", themeIds)
    .$if(periodId !== null, (query) => query.where((eb) => eb.or([eb("a.period_id", "=", periodId), eb("a.period_id", "is", null)])))
    .execute();
}

/**
 * Closing the loop: which of the period's themes have a published action, and the median days from
 * a theme first being raised to the first action published after that. A theme whose only actions
 * were published before anyone raised it in the period has an action, but no time to measure.
 */
export function closingTheLoop(raised: Map<number, RaisedTheme>, published: { theme_id: number; published_at: string | null }[]): Loop {
  const themes = [...raised.values()].map((theme): ThemeLoop => {
    const dates = published.filter((row) => row.theme_id === theme.themeId && row.published_at).map((row) => row.published_at!);
    const first = dates.filter((at) => at >= theme.firstRaisedAt).sort()[0];
    return {
      themeId: theme.themeId,
      firstRaisedAt: theme.firstRaisedAt,
      hasAction: dates.length > 0,
      days: first ? daysBetween(theme.firstRaisedAt.slice(0, 10), first.slice(0, 10)) : null,
    };
  });
  const measured = themes.flatMap((theme) => (theme.days === null ? [] : [theme.days]));
  return { themes, answered: themes.filter((theme) => theme.hasAction).length, medianDays: median(measured) };
}

const OVERDUE_SHOWN = 50;
const open: ActionStatus[] = ["planned", "in_progress"];

/** Actions not done (planned or in progress) whose due date has passed, oldest first, in any period. */
export async function overdueActions(db: DB, lang: string, today: string) {
  const overdue = db.selectFrom("actions as a").where("a.status", "in", open).where("a.due_on", "<", today);
  const [rows, total] = await Promise.all([
    overdue.select(["a.id", "a.owner", "a.due_on", "a.status"]).orderBy("a.due_on").orderBy("a.id").limit(OVERDUE_SHOWN).execute(),
    overdue.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirst(),
  ]);
  const texts = rows.length
    ? await db
        .selectFrom("action_texts")
        .select(["action_id", "lang", "title"])
        .where(
          "action_id",
          "in",
          rows.map((row) => row.id),
        )
        .where("lang", "in", [lang, fallbackLanguage])
        .execute()
    : [];
  return {
    total: Number(total?.n ?? 0),
    actions: rows.map((row) => {
      const title = localText(
        texts.filter((text) => text.action_id === row.id),
        lang,
        (text) => text.title,
      );
      return {
        id: row.id,
        owner: row.owner,
        dueOn: row.due_on,
        status: row.status,
        daysOverdue: daysBetween(row.due_on, today),
        title: title?.text ?? "",
        titleLang: title?.lang ?? fallbackLanguage,
      };
    }),
  };
}
