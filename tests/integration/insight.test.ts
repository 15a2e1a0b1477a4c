import { getDb } from "~/db.server";
import { lastAnswered } from "~/surveys/drafts.server";
import { londonToday } from "~/actions/periods.server";
import { createAction } from "~/actions/actions.server";
import { daysBetween } from "~/insight/calendar";
import type { Dashboard } from "~/insight/dashboard.server";
import * as insight from "~/routes/moderate.insight";
import * as settings from "~/routes/admin.settings";
import { createPeriod } from "~/actions/periods.server";
import { getSurvey } from "~/surveys/surveys.server";
import { listenedTarget } from "~/settings.server";
import type { ActionStatus, Audience } from "../../db/schema";
import { call, readJson } from "../support/remix";
import { createParentSurvey, createResponse, createStaff, createYoungPeopleSurvey, counted, holdResponse } from "../support/factories";

/**
 * A known dataset, every figure worked out by hand below. The period is the first half of 2025 and
 * the one before it the second half of 2024, both over, so every unsent draft in them is abandoned.
 *
 * Responses in the period (p = parent or carer, y = young person):
 *   p1 10 Jan  contact-reply agree,            views-listened-to agree
 *   y1 15 Jan  adults-listen good,             school-feel bad
 *   H  20 Jan  contact-reply agree,            views-listened-to agree   ← held for safeguarding: never counted
 *   p2  3 Feb  contact-reply disagree,         views-listened-to strongly disagree, also tagged "communication"
 *   p3 20 Feb  contact-reply strongly agree,   views-listened-to don't know (in Polish)
 *   y2  5 Mar  adults-listen really bad,       school-feel really good, tagged "home-to-school-transport"
 * In the period before: q1 1 Sep 2024 contact-reply agree; q2 1 Oct 2024 contact-reply agree, views-listened-to agree.
 */
const at = (day: string, time = "10:00:00") => new Date(`${day}T${time}.000Z`);

async function themeId(slug: string) {
  return (await getDb().selectFrom("themes").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id;
}

async function questionId(slug: string, key: string) {
  const survey = await getSurvey(getDb(), slug, "en");
  return survey!.questions.find((question) => question.key === key)!.id;
}

async function draft(slug: string, audience: Audience, createdAt: string, answers: Record<string, string>, responseId: number | null = null) {
  const survey = await getSurvey(getDb(), slug, "en");
  await getDb()
    .insertInto("drafts")
    .values({
      survey_id: survey!.id,
      token_hash: `token-${Math.random()}`,
      lang: "en",
      audience,
      answers: JSON.stringify(answers),
      last_answered_id: lastAnswered(survey!.questions, answers),
      response_id: responseId,
      created_at: at(createdAt).toISOString(),
      updated_at: at(createdAt, "10:05:00").toISOString(),
      expires_at: "2099-01-01T00:00:00.000Z",
    })
    .execute();
}

async function action(
  title: string,
  themes: number[],
  period: number | undefined,
  dueOn: string,
  status: ActionStatus,
  publishedAt: string | null,
  userId: number,
) {
  const id = await createAction(
    getDb(),
    { title, description: "What we will do.", owner: "SEND team", partner: "council", measure: "Measured.", theme: themes, survey: [], period, due_on: dueOn },
    userId,
  );
  await getDb().updateTable("actions").set({ status }).where("id", "=", id).execute();
  if (publishedAt) {
    await getDb()
      .insertInto("publications")
      .values({ entity: "action", entity_id: id, requested_by: userId, requested_at: publishedAt, published_by: userId, published_at: publishedAt })
      .execute();
  }
  return id;
}

let moderator: Awaited<ReturnType<typeof createStaff>>;
let youngSurvey: string;

async function dashboard(query: string) {
  const { response } = await call(insight.loader, { path: `/moderate/insight${query}`, headers: { Cookie: moderator.cookie } });
  expect(response.status).toBe(200);
  return readJson<Dashboard>(response);
}

beforeAll(async () => {
  const db = getDb();
  moderator = await createStaff(db, "moderator");
  const admin = await createStaff(db, "administrator");
  const period = await createPeriod(db, { slug: "first-half-2025", name: "January to June 2025", startsOn: "2025-01-01", endsOn: "2025-06-30" }, admin.id);
  const before = await createPeriod(db, { slug: "second-half-2024", name: "July to December 2024", startsOn: "2024-07-01", endsOn: "2024-12-31" }, admin.id);
  const parents = await createParentSurvey(db);
  const young = await createYoungPeopleSurvey(db);
  youngSurvey = young;
  const [communication, listened, school, transport] = await Promise.all(
    ["communication", "listened-coproduction", "sen-support-mainstream", "home-to-school-transport"].map(themeId),
  );

  const p1 = await createResponse(db, parents, { "contact-reply": "agree", "views-listened-to": "agree" }, at("2025-01-10"));
  await createResponse(db, young, { "adults-listen": "good", "school-feel": "bad" }, at("2025-01-15"));
  const held = await createResponse(db, parents, { "contact-reply": "agree", "views-listened-to": "agree" }, at("2025-01-20"));
  await holdResponse(db, held);
  const p2 = await createResponse(db, parents, { "contact-reply": "disagree", "views-listened-to": "strongly_disagree" }, at("2025-02-03"));
  await counted(db, [p2], (trx) =>
    trx
      .insertInto("response_themes")
      .values({ response_id: p2, theme_id: communication, tagged_at: at("2025-02-04").toISOString() })
      .execute(),
  );
  const p3 = await createResponse(db, parents, { "contact-reply": "strongly_agree", "views-listened-to": "dont_know" }, at("2025-02-20"));
  await counted(db, [p3], (trx) => trx.updateTable("responses").set({ lang: "pl" }).where("id", "=", p3).execute());
  const y2 = await createResponse(db, young, { "adults-listen": "really_bad", "school-feel": "really_good" }, at("2025-03-05"));
  await counted(db, [y2], (trx) =>
    trx
      .insertInto("response_themes")
      .values({ response_id: y2, theme_id: transport, tagged_at: at("2025-03-06").toISOString() })
      .execute(),
  );
  await createResponse(db, parents, { "contact-reply": "agree" }, at("2024-09-01"));
  await createResponse(db, parents, { "contact-reply": "agree", "views-listened-to": "agree" }, at("2024-10-01"));

  // Drafts: two sent (one of them became the held response, so it is not counted at all), three abandoned.
  const [supportType, contactReply] = [await questionId(parents, "support-type"), await questionId(parents, "contact-reply")];
  await draft(parents, "parent_carer", "2025-01-05", {}, p1);
  await draft(parents, "parent_carer", "2025-01-08", {}, held);
  await draft(parents, "parent_carer", "2025-01-25", { [supportType]: "sen_support", [contactReply]: "agree" });
  await draft(parents, "parent_carer", "2025-02-02", { [contactReply]: "agree", [supportType]: "ehc_plan" });
  await draft(young, "young_person", "2025-02-10", {});
  await draft(young, "young_person", "2025-03-01", {}, y2);
  await draft(parents, "parent_carer", "2024-12-30", { [contactReply]: "agree" });

  await action("Answer every email in five days", [communication], period, "2025-06-01", "planned", "2025-01-30T09:00:00.000Z", moderator.id);
  await action("Young people on the SEND board", [listened], undefined, "2025-03-01", "done", "2025-02-19T09:00:00.000Z", moderator.id);
  await action("Train every SENCO", [school], period, "2099-01-01", "in_progress", null, moderator.id);
  await action("School support guide", [school], undefined, "2099-01-01", "in_progress", "2024-11-01T09:00:00.000Z", moderator.id);
  await action("Phone line for families", [communication], before, "2024-12-31", "not_possible", "2024-12-01T09:00:00.000Z", moderator.id);
});

describe("the insight dashboard", () => {
  it("counts responses, drafts and where people stop, never the held response", async () => {
    const data = await dashboard("?period=first-half-2025&by=month");
    expect(data.period?.slug).toBe("first-half-2025");
    // January: p1 and y1 (H is held); February: p2 and p3; March: y2. Started: January d1 and d3 (d2 became H),
    // February d4 and d5, March d6. Sent: d1 in January, d6 in March.
    expect(data.overTime.map((b) => [b.key, b.finished, b.started, b.sent])).toEqual([
      ["2025-01", 2, 2, 1],
      ["2025-02", 2, 2, 0],
      ["2025-03", 1, 1, 1],
      ["2025-04", 0, 0, 0],
      ["2025-05", 0, 0, 0],
      ["2025-06", 0, 0, 0],
    ]);
    // d3 and d4 last answered "contact-reply" (after "support-type" in survey order, whatever the JSON order);
    // d5 answered nothing; the December draft is outside the period.
    expect(data.stops.map((stop) => [stop.question?.text ?? null, stop.drafts])).toEqual([
      ["When I contact the SEND team, I get a reply and I know who is dealing with my child’s case.", 2],
      [null, 1],
    ]);
  });

  it("counts each theme once per response, against the period before, with its scale answers", async () => {
    const data = await dashboard("?period=first-half-2025");
    const byName = Object.fromEntries(data.themes.map((theme) => [theme.name.text, [theme.responses, theme.previous]]));
    expect(byName).toEqual({
      // p1, p2 (answered and tagged: once), p3; before: q1, q2.
      "Communication and case-worker contact": [3, 2],
      // p1, p2, y1, y2 (p3 said "don't know", which raises nothing); before: q2.
      "Being listened to and co-production": [4, 1],
      "SEN support in mainstream school": [2, 0],
      "Home-to-school transport": [1, 0],
    });
    const agreement = Object.fromEntries(data.scales.agreement_scale.map((row) => [row.name.text, row]));
    expect(agreement["Communication and case-worker contact"]).toMatchObject({
      counts: { strongly_agree: 1, agree: 1, disagree: 1, neither: 0 },
      total: 3,
      answered: 3,
      agreed: 2,
    });
    // "Don't know" is shown but neither agrees nor disagrees.
    expect(agreement["Being listened to and co-production"]).toMatchObject({
      counts: { agree: 1, strongly_disagree: 1, dont_know: 1 },
      total: 3,
      answered: 2,
      agreed: 1,
    });
    const smiley = Object.fromEntries(data.scales.smiley_scale.map((row) => [row.name.text, row.counts]));
    expect(smiley["SEN support in mainstream school"]).toMatchObject({ bad: 1, really_good: 1 });
  });

  it("measures 'felt listened to' against the target administrators set", async () => {
    // Agreed: p1 agree, y1 good = 2. Answered: those and p2 strongly disagree, y2 really bad = 4 (p3's "don't know" is left out).
    expect((await dashboard("?period=first-half-2025")).listened).toEqual({ agreed: 2, answered: 4, target: 90 });

    const admin = await createStaff(getDb(), "administrator");
    const form = {
      csrf: admin.csrf,
      organisation_name: "Riverside",
      contact_email: "send@riverside.example",
      quote_approval: "two_people",
      suppression_threshold: "10",
      setting_names: "",
    };
    const refused = await call(settings.action, { path: "/admin/settings", form: { ...form, listened_target: "120" }, headers: { Cookie: admin.cookie } });
    expect(refused.response.status).toBe(400);
    expect(await readJson(refused.response)).toMatchObject({
      errors: [{ field: "listened_target", message: "Enter a whole number from 1 to 100" }],
      values: { listened_target: "120" },
    });
    expect(await listenedTarget(getDb())).toBe(90);

    const saved = await call(settings.action, { path: "/admin/settings", form: { ...form, listened_target: "75" }, headers: { Cookie: admin.cookie } });
    expect(saved.response.status).toBe(303);
    expect((await dashboard("?period=first-half-2025")).listened.target).toBe(75);
  });

  it("narrows every count to one survey, audience or language", async () => {
    const young = await dashboard("?period=first-half-2025&audience=young_person");
    // y1 in January, y2 in March; drafts d5 (unsent) and d6 (sent).
    expect(young.overTime.map((b) => [b.finished, b.started, b.sent]).slice(0, 3)).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [1, 1, 1],
    ]);
    // y1 good, y2 really bad.
    expect(young.listened).toMatchObject({ agreed: 1, answered: 2 });
    // The young people's survey: the same two responses and only the themes they raised; communication, raised
    // only by parents in either period, is not listed at all.
    const survey = await dashboard(`?period=first-half-2025&survey=${youngSurvey}`);
    expect(survey.filters.survey).toBe(youngSurvey);
    expect(survey.overTime.reduce((sum, b) => sum + b.finished, 0)).toBe(2);
    expect(Object.fromEntries(survey.themes.map((theme) => [theme.name.text, theme.responses]))).toEqual({
      "Being listened to and co-production": 2,
      "SEN support in mainstream school": 2,
      "Home-to-school transport": 1,
    });
    const polish = await dashboard("?period=first-half-2025&lang=pl");
    // Only p3, whose only listening answer was "don't know".
    expect(polish.overTime.reduce((sum, b) => sum + b.finished, 0)).toBe(1);
    expect(polish.listened).toMatchObject({ agreed: 0, answered: 0 });
  });

  it("shows how the loop is closed: themes with a published action, the median days, overdue actions", async () => {
    const { loop, overdue } = await dashboard("?period=first-half-2025");
    const byName = Object.fromEntries(loop.themes.map((theme) => [theme.name.text, [theme.hasAction, theme.days]]));
    expect(byName).toEqual({
      // First raised 10 Jan (p1); its action published 30 Jan: 20 days. The earlier period's action does not count.
      "Communication and case-worker contact": [true, 20],
      // First raised 10 Jan (p1); an action of no period published 19 Feb: 40 days.
      "Being listened to and co-production": [true, 40],
      // Its only published action (1 Nov 2024) came before it was raised; the other is not published.
      "SEN support in mainstream school": [true, null],
      "Home-to-school transport": [false, null],
    });
    // 3 of 4 themes have a published action; the median of 20 and 40 days is 30.
    expect([loop.answered, loop.raised, loop.medianDays]).toEqual([3, 4, 30]);
    // Planned and due 1 June 2025: overdue. Done, not possible or due in 2099: not.
    expect(overdue.total).toBe(1);
    expect(overdue.actions).toEqual([
      expect.objectContaining({
        title: "Answer every email in five days",
        dueOn: "2025-06-01",
        status: "planned",
        daysOverdue: daysBetween("2025-06-01", londonToday(new Date())),
      }),
    ]);
  });

  it("ignores filters it does not recognise, and shows the latest started period by default", async () => {
    const data = await dashboard("?period=nope&survey=no-such-survey&audience=teacher&lang=xx&by=year");
    expect(data.filters).toEqual({ period: "first-half-2025", by: "month" });
    expect(data.previousRange).toEqual({ from: "2024-07-01", to: "2024-12-31" });
    const weekly = await dashboard("?by=week");
    // 1 January 2025 was a Wednesday: the first week runs to Sunday 5 January.
    expect(weekly.overTime[0]).toMatchObject({ key: "2024-12-30", from: "2025-01-01", to: "2025-01-05" });
    expect(weekly.overTime.reduce((sum, b) => sum + b.finished, 0)).toBe(5);
  });

  it("is closed to people who are not staff", async () => {
    const { response } = await call(insight.loader, { path: "/moderate/insight" });
    expect(response.status).toBe(302);
  });
});
