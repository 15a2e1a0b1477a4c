import type { DB } from "../connection";
import { changeStatus, createAction, addUpdate } from "../../app/actions/actions.server";
import { createPeriod } from "../../app/actions/periods.server";
import type { ActionInput } from "../../app/actions/action-form";
import { approveQuote, createQuote, editQuote } from "../../app/moderation/quotes.server";
import { approvePublication, requestPublication } from "../../app/publishing/publishing.server";
import { createStatement } from "../../app/publishing/statements.server";
import type { StaffSession } from "../../app/accounts/session.server";

interface DemoAction {
  input: Omit<ActionInput, "theme" | "survey" | "period"> & { themes: string[] };
  period: "2025-26" | "autumn-2026";
  steps: { status?: "in_progress" | "done" | "not_possible"; reason?: string; impact?: string; update?: [string, string] }[];
}

// What an area might really have done after hearing the seed reports' families.
const demoActions: DemoAction[] = [
  {
    input: {
      title: "Reply to every email and call within 5 working days",
      description: "Families told us nobody replied. Each family now has a named case officer and a reply within 5 working days.",
      owner: "SEND casework team",
      partner: "council",
      due_on: "2026-03-31",
      measure: "90% of contacts answered within 5 working days, checked every month",
      themes: ["communication"],
    },
    period: "2025-26",
    steps: [
      { update: ["2025-11-14", "Two more case officers started. Every family has been sent their officer's name and number."] },
      { status: "in_progress" },
      { update: ["2026-02-02", "81% of emails answered within 5 working days in January."] },
      { status: "done", impact: "93% of contacts answered within 5 working days from March to June 2026, up from 41%." },
    ],
  },
  {
    input: {
      title: "Finish EHC needs assessments within 20 weeks",
      description: "Too many assessments took longer than the law allows. Extra educational psychologist time and weekly tracking.",
      owner: "SEND assessment team with the educational psychology service",
      partner: "council",
      due_on: "2026-12-31",
      measure: "At least 80% of new EHC plans issued within 20 weeks, quarter by quarter",
      themes: ["ehc-assessment-timeliness"],
    },
    period: "2025-26",
    steps: [{ status: "in_progress" }, { update: ["2026-07-01", "64% within 20 weeks in April to June, up from 38%."] }],
  },
  {
    input: {
      title: "Rebuild the Local Offer website with families",
      description: "Families could not find information. Parents from the Forum are testing every page before it goes live.",
      owner: "Local Offer team",
      partner: "pcf",
      due_on: "2026-10-31",
      measure: "8 in 10 parents testing the new site find short breaks information in under 2 minutes",
      themes: ["local-offer-information"],
    },
    period: "2025-26",
    steps: [
      { status: "in_progress" },
      { status: "done", impact: "The new site went live in October 2026; 9 in 10 testers found short breaks information in under 2 minutes." },
    ],
  },
  {
    input: {
      title: "Help while waiting for an autism or ADHD assessment",
      description: "Families waited years with no help. A support offer for every family on the waiting list, from the day they join it.",
      owner: "Children's community health services",
      partner: "nhs",
      due_on: "2027-03-31",
      measure: "Every family on the list offered a named contact and a workshop within 6 weeks of referral",
      themes: ["autism-adhd-waits"],
    },
    period: "autumn-2026",
    steps: [],
  },
  {
    input: {
      title: "Talk with every young person about adulthood from Year 9",
      description: "Young people said nobody asked them what they want to do when they are older. Annual reviews from Year 9 will include it.",
      owner: "SEND casework team and schools",
      partner: "school",
      due_on: "2027-07-31",
      measure: "Preparing for adulthood section completed with the young person in 95% of Year 9+ reviews",
      themes: ["preparation-for-adulthood"],
    },
    period: "autumn-2026",
    steps: [{ status: "in_progress" }, { update: ["2026-11-10", "New review template agreed with secondary SENCOs."] }],
  },
  {
    input: {
      title: "Same-week transport changes for children with EHC plans",
      description: "Families asked for transport changes to be agreed within a week. The contract would not allow it this year.",
      owner: "Passenger transport team",
      partner: "council",
      due_on: "2026-09-01",
      measure: "Transport changes agreed within 5 working days",
      themes: ["home-to-school-transport"],
    },
    period: "2025-26",
    steps: [
      {
        status: "not_possible",
        reason: "The current transport contract runs to 2028 and does not allow same-week changes. We will write this into the next contract.",
      },
    ],
  },
];

const demoStatements: { theme: string; period: "2025-26" | "autumn-2026"; summary: string; publish: boolean }[] = [
  {
    theme: "communication",
    period: "2025-26",
    summary:
      "Many parents and carers told us that emails and calls to the SEND team went unanswered, and that they did not know who was dealing with their child's case. Some said their case officer changed several times.",
    publish: true,
  },
  {
    theme: "ehc-assessment-timeliness",
    period: "2025-26",
    summary: "Families told us EHC needs assessments took longer than the 20 weeks the law allows, and that nobody explained the delay.",
    publish: true,
  },
  {
    theme: "local-offer-information",
    period: "2025-26",
    summary: "Parents said the Local Offer website was hard to use, with broken links and little about short breaks.",
    publish: true,
  },
  {
    theme: "home-to-school-transport",
    period: "2025-26",
    summary: "Some families told us transport changed at short notice and that changes took weeks to agree.",
    publish: true,
  },
  {
    theme: "preparation-for-adulthood",
    period: "autumn-2026",
    summary: "Young people told us nobody had asked them what they want to do when they are older.",
    publish: true,
  },
  {
    theme: "autism-adhd-waits",
    period: "autumn-2026",
    summary: "Families waiting for an autism or ADHD assessment told us there was no help while they waited.",
    publish: false,
  },
];

const periodStarts = { "2025-26": "2025-04-01", "autumn-2026": "2026-09-01" } as const;

/** The demo periods' names in the other languages (a year needs no words, except in Easy Read). */
const periodNames: Record<keyof typeof periodStarts, Record<string, string>> = {
  "2025-26": Object.fromEntries(
    ["pl", "ro", "pa", "ur", "pt", "es", "ar", "bn", "gu", "it"].map((lang) => [lang, "2025–26"]).concat([["en-x-easyread", "April 2025 to March 2026"]]),
  ),
  "autumn-2026": {
    "en-x-easyread": "September to December 2026",
    pl: "Jesień 2026",
    ro: "Toamna 2026",
    pa: "ਪਤਝੜ 2026",
    ur: "خزاں 2026",
    pt: "Outono de 2026",
    es: "Otoño de 2026",
    ar: "خريف 2026",
    bn: "শরৎ 2026",
    gu: "પાનખર 2026",
    it: "Autunno 2026",
  },
};
const noon = (day: string) => new Date(`${day}T12:00:00Z`);

export async function seedDemoActions(db: DB): Promise<void> {
  const admin = await db.selectFrom("users").select(["id", "name", "email", "role", "organisation"]).where("role", "=", "administrator").executeTakeFirst();
  const moderator = await db.selectFrom("users").select(["id", "name", "email", "role", "organisation"]).where("role", "=", "moderator").executeTakeFirst();
  if (!admin || !moderator) return;
  const periods = {
    "2025-26": await createPeriod(
      db,
      { slug: "2025-26", name: "2025–26", startsOn: "2025-04-01", endsOn: "2026-03-31", translations: periodNames["2025-26"] },
      admin.id,
    ),
    "autumn-2026": await createPeriod(
      db,
      { slug: "autumn-2026", name: "Autumn 2026", startsOn: "2026-09-01", endsOn: "2026-12-31", translations: periodNames["autumn-2026"] },
      admin.id,
    ),
  };
  const themes = new Map((await db.selectFrom("themes").select(["id", "slug"]).execute()).map((theme) => [theme.slug, theme.id]));
  const published: number[] = [];
  for (const demo of demoActions) {
    const { themes: slugs, ...rest } = demo.input;
    const id = await createAction(
      db,
      { ...rest, theme: slugs.map((slug) => themes.get(slug)!).filter(Boolean), survey: [], period: periods[demo.period] ?? undefined },
      admin.id,
      noon(periodStarts[demo.period]),
    );
    // The history reads as it happened: planned when the period began, each change on its update's date.
    let version = 0;
    let lastDate: string = periodStarts[demo.period];
    for (const step of demo.steps) {
      if (step.update) {
        lastDate = step.update[0];
        await addUpdate(db, id, { body: step.update[1], updateOn: step.update[0] }, admin.id, noon(lastDate));
        version++;
      }
      if (step.status) {
        await changeStatus(db, id, { status: step.status, reason: step.reason, impact: step.impact, version }, admin.id, noon(lastDate));
        version++;
      }
    }
    if (demo.period === "2025-26" || demo.steps.length > 0) published.push(id);
  }
  for (const id of published) {
    await requestPublication(db, "action", id, moderator);
    await approvePublication(db, "action", id, admin);
  }

  // A few quotes from consenting responses, approved by two people, for the statements.
  const quotable = await quotableAnswers(db, "like", 2);
  const quoteIds: number[] = [];
  for (const answer of quotable) {
    const quoteId = await createQuote(db, Number(answer.id), { text: answer.text ?? "", themeIds: [themes.get("communication")!] }, moderator);
    await approveQuote(db, quoteId, admin);
    quoteIds.push(quoteId);
  }
  await seedQuotesInEveryState(db, themes, moderator, admin);

  for (const statement of demoStatements) {
    const period = periods[statement.period];
    const themeId = themes.get(statement.theme);
    if (!period || !themeId) continue;
    const id = await createStatement(
      db,
      themeId,
      period,
      { summary: statement.summary, quoteIds: statement.theme === "communication" ? quoteIds : [] },
      moderator.id,
    );
    if (statement.publish) {
      await requestPublication(db, "statement", id, moderator);
      await approvePublication(db, "statement", id, admin);
    }
  }
}

/**
 * Quotes a moderator meets in the queue: one waiting for its second approval, one edited after
 * approval (so waiting again), and one approved but not yet chosen for any statement.
 */
async function seedQuotesInEveryState(db: DB, themes: Map<string, number>, moderator: StaffSession["user"], admin: StaffSession["user"]) {
  const answers = await quotableAnswers(db, "not like", 3);
  const [waiting, edited, approved] = answers;
  const theme = (slug: string) => [themes.get(slug)!];
  if (waiting) await createQuote(db, Number(waiting.id), { text: waiting.text ?? "", themeIds: theme("local-offer-information") }, moderator);
  if (edited) {
    const id = await createQuote(db, Number(edited.id), { text: edited.text ?? "", themeIds: theme("health-therapies") }, moderator);
    await approveQuote(db, id, admin);
    await editQuote(db, id, { text: (edited.text ?? "").replace(/\.?$/, " …"), themeIds: theme("health-therapies") }, admin);
  }
  if (approved) {
    const id = await createQuote(db, Number(approved.id), { text: approved.text ?? "", themeIds: theme("sen-support-mainstream") }, admin);
    await approveQuote(db, id, moderator);
  }
}

/** Distinct free-text answers that may be quoted (consent, not flagged, no concern), about emails or not. */
function quotableAnswers(db: DB, aboutEmails: "like" | "not like", limit: number) {
  return db
    .selectFrom("answers as a")
    .innerJoin("responses as r", "r.id", "a.response_id")
    .innerJoin("questions as q", "q.id", "a.question_id")
    .select((eb) => [eb.fn.min("a.id").as("id"), "a.text"])
    .where("q.kind", "=", "free_text")
    .where("r.quote_consent", "=", 1)
    .where("r.flagged", "=", 0)
    .where("r.possible_concern", "=", 0)
    .where("a.text", aboutEmails, "%email%")
    .groupBy("a.text")
    .limit(limit)
    .execute();
}
