// What three years of "we did" look like beside the responses: a period per year, actions with their
// progress, approved quotes and published statements in every period. Made through the app's own
// functions (they are few), so every rule and audit entry is as the staff screens would leave it.
import type { DB } from "../../db/connection";
import { addUpdate, changeStatus, createAction } from "../../app/actions/actions.server";
import { createPeriod, setPeriodClosed } from "../../app/actions/periods.server";
import { approveQuote, createQuote } from "../../app/moderation/quotes.server";
import { approvePublication, requestPublication } from "../../app/publishing/publishing.server";
import { createStatement } from "../../app/publishing/statements.server";
import { partners } from "../../app/actions/action-form";
import type { StaffSession } from "../../app/accounts/session.server";
import type { Random } from "./respondents";

type Staff = StaffSession["user"];

/** Years before the demo's own periods (2025–26 and autumn 2026), closed once their words are in. */
const earlierYears = [
  { slug: "2023-24", name: "2023–24", startsOn: "2023-04-01", endsOn: "2024-03-31" },
  { slug: "2024-25", name: "2024–25", startsOn: "2024-04-01", endsOn: "2025-03-31" },
];

async function staffMember(db: DB, role: Staff["role"]): Promise<Staff> {
  return db.selectFrom("users").select(["id", "name", "email", "role", "organisation"]).where("role", "=", role).executeTakeFirstOrThrow();
}

/** Free-text answers that may be quoted, spread over the period, from responses tagged with the theme. */
async function quotable(db: DB, themeId: number, from: string, to: string, limit: number) {
  return db
    .selectFrom("answers as a")
    .innerJoin("responses as r", "r.id", "a.response_id")
    .innerJoin("response_themes as rt", "rt.response_id", "r.id")
    .select(["a.id", "a.text", "a.translation"])
    .where("rt.theme_id", "=", themeId)
    .where("a.text", "is not", null)
    .where("r.quote_consent", "=", 1)
    .where("r.flagged", "=", 0)
    .where("r.possible_concern", "=", 0)
    .where("r.submitted_at", ">=", from)
    .where("r.submitted_at", "<", to)
    .limit(limit)
    .execute();
}

interface Period {
  id: number;
  startsOn: string;
  endsOn: string;
  closes: boolean;
}

/** Quotes (approved by two people) and a published statement for each of the period's commonest themes. */
async function statementsFor(db: DB, period: Period, themes: { id: number; slug: string }[], people: { moderator: Staff; admin: Staff }, next: Random) {
  const existing = new Set((await db.selectFrom("statements").select("theme_id").where("period_id", "=", period.id).execute()).map((row) => row.theme_id));
  let made = 0;
  for (const theme of themes.slice(0, 8)) {
    if (existing.has(theme.id)) continue;
    const quoteIds: number[] = [];
    for (const answer of await quotable(db, theme.id, period.startsOn, period.endsOn, 1 + Math.floor(next() * 3))) {
      const id = await createQuote(db, answer.id, { text: answer.text ?? "", themeIds: [theme.id], translation: answer.translation }, people.moderator);
      await approveQuote(db, id, people.admin);
      quoteIds.push(id);
    }
    const summary = `Families told us about ${theme.slug.replaceAll("-", " ")} in ${period.startsOn.slice(0, 4)}: what was hard, what helped, and what they want to change.`;
    const id = await createStatement(db, theme.id, period.id, { summary, quoteIds }, people.moderator.id);
    if (next() < 0.85) {
      await requestPublication(db, "statement", id, people.moderator);
      await approvePublication(db, "statement", id, people.admin);
    }
    made++;
  }
  return made;
}

/** A handful of actions, each at its own stage: planned, under way with updates, done with impact, or not possible. */
async function actionsFor(db: DB, period: Period, themes: { id: number; slug: string }[], people: { moderator: Staff; admin: Staff }, next: Random) {
  const started = new Date(`${period.startsOn}T12:00:00Z`);
  for (let i = 0; i < 6; i++) {
    const theme = themes[(i * 3) % themes.length];
    const id = await createAction(
      db,
      {
        title: `Act on what families said about ${theme.slug.replaceAll("-", " ")} (${i + 1})`,
        description: "What families told us, and what the council and its partners will change because of it.",
        owner: "SEND partnership board",
        partner: partners[i % partners.length],
        due_on: period.endsOn,
        measure: "Checked every quarter with the Parent Carer Forum",
        theme: [theme.id],
        survey: [],
        period: period.id,
      },
      people.admin.id,
      started,
    );
    const stage = next();
    if (stage > 0.2) {
      await addUpdate(db, id, { body: "Work started with schools and the Parent Carer Forum.", updateOn: period.startsOn }, people.admin.id, started);
      await changeStatus(
        db,
        id,
        {
          status: stage > 0.9 ? "not_possible" : stage > 0.55 ? "done" : "in_progress",
          reason: "The budget for it was not agreed.",
          impact: "Families say replies now come within a week.",
          version: 1,
        },
        people.admin.id,
        started,
      );
    }
    await requestPublication(db, "action", id, people.moderator);
    await approvePublication(db, "action", id, people.admin);
  }
}

/** Earlier years as periods, and actions, quotes and statements across every period. */
export async function addPublishing(db: DB, themes: { id: number; slug: string }[], next: Random): Promise<{ statements: number }> {
  const people = { moderator: await staffMember(db, "moderator"), admin: await staffMember(db, "administrator") };
  const periods: Period[] = [];
  for (const year of earlierYears) {
    const id = await createPeriod(db, year, people.admin.id);
    periods.push({ id, startsOn: year.startsOn, endsOn: year.endsOn, closes: true });
  }
  for (const row of await db
    .selectFrom("periods")
    .select(["id", "starts_on", "ends_on"])
    .where(
      "slug",
      "not in",
      earlierYears.map((year) => year.slug),
    )
    .execute()) {
    periods.push({ id: row.id, startsOn: row.starts_on, endsOn: row.ends_on, closes: false });
  }
  let statements = 0;
  for (const period of periods) {
    statements += await statementsFor(db, period, themes, people, next);
    if (period.closes) await actionsFor(db, period, themes, people, next);
  }
  for (const period of periods.filter((candidate) => candidate.closes)) await setPeriodClosed(db, period.id, true, people.admin.id);
  return { statements };
}
