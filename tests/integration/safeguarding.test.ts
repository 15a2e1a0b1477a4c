import { getDb } from "~/db.server";
import * as settingsPage from "~/routes/admin.settings";
import * as queue from "~/routes/moderate._index";
import * as responsePage from "~/routes/moderate.responses.$id";
import * as list from "~/routes/moderate.safeguarding._index";
import * as concernPage from "~/routes/moderate.safeguarding.$id";
import * as consent from "~/routes/surveys.$slug.consent";
import * as question from "~/routes/surveys.$slug.questions.$key";
import * as start from "~/routes/surveys.$slug._index";
import * as myFeedback from "~/routes/my-feedback";
import { call, CookieJar, readJson } from "../support/remix";
import { createParentSurvey, createResponse, createStaff } from "../support/factories";

const db = () => getDb();

type Row = { id: number; reference: string; state: string; source: string; overdue: boolean; matches: { category: string; excerpt: string }[] };

async function leadList(cookie: string, state = "open") {
  return readJson<{ concerns: Row[] }>((await call(list.loader, { path: `/moderate/safeguarding?state=${state}`, headers: { Cookie: cookie } })).response);
}

async function flagged() {
  const slug = await createParentSurvey(db());
  const moderator = await createStaff(db(), "moderator");
  const lead = await createStaff(db(), "safeguarding_lead");
  const id = await createResponse(db(), slug, { "one-change": "The speech therapist stopped coming." });
  const { response } = await call(responsePage.action, {
    path: `/moderate/responses/${id}`,
    params: { id: String(id) },
    form: { csrf: moderator.csrf, intent: "flag", reason: "Something the family said on the phone" },
    headers: { Cookie: moderator.cookie },
  });
  const concern = await db().selectFrom("safeguarding_concerns").select("id").where("response_id", "=", id).executeTakeFirstOrThrow();
  return { slug, moderator, lead, id, response, concernId: concern.id };
}

/** A parent answers the real survey with these words in the one free-text question. */
async function answerWith(slug: string, words: string) {
  const jar = new CookieJar();
  await call(start.action, { path: `/surveys/${slug}`, params: { slug }, form: { intent: "start" }, jar });
  await call(question.action, {
    path: `/surveys/${slug}/questions/support-type`,
    params: { slug, key: "support-type" },
    form: { intent: "continue", answer: "sen_support" },
    jar,
  });
  for (const key of ["contact-reply", "setting-support", "views-listened-to"]) {
    await call(question.action, { path: `/surveys/${slug}/questions/${key}`, params: { slug, key }, form: { intent: "continue", answer: "agree" }, jar });
  }
  await call(question.action, {
    path: `/surveys/${slug}/questions/one-change`,
    params: { slug, key: "one-change" },
    form: { intent: "continue", answer: words },
    jar,
  });
  const sent = await call(consent.action, { path: `/surveys/${slug}/consent`, params: { slug }, form: { quote: "yes", website: "" }, jar });
  expect(sent.response.status).toBe(303);
  return db()
    .selectFrom("responses as r")
    .innerJoin("surveys as s", "s.id", "r.survey_id")
    .select(["r.id", "r.reference", "r.flagged"])
    .where("s.slug", "=", slug)
    .orderBy("r.id", "desc")
    .executeTakeFirstOrThrow();
}

const act = (concernId: number, cookie: string, form: Record<string, string>) =>
  call(concernPage.action, { path: `/moderate/safeguarding/${concernId}`, params: { id: String(concernId) }, form, headers: { Cookie: cookie } });

describe("a possible disclosure in a survey answer", () => {
  it("is held at submit: not in the queue, in the lead's list with the words that raised it", async () => {
    const slug = await createParentSurvey(db());
    const lead = await createStaff(db(), "safeguarding_lead");
    const moderator = await createStaff(db(), "moderator");
    const sent = await answerWith(slug, "the ehcp is late again and i dont feel safe at home, my stepdad hits me");
    expect(sent.flagged).toBe(1);
    const rows = await readJson<{ page: { rows: { id: number }[] } }>(
      (await call(queue.loader, { path: `/moderate?survey=${slug}`, headers: { Cookie: moderator.cookie } })).response,
    );
    expect(rows.page.rows.map((row) => row.id)).not.toContain(sent.id);
    const concern = (await leadList(lead.cookie, "new")).concerns.find((row) => row.reference.replaceAll("-", "") === sent.reference);
    expect(concern).toMatchObject({ state: "new", source: "detected" });
    expect(concern?.matches.map((match) => match.category)).toEqual(expect.arrayContaining(["physical_abuse"]));
    expect(concern?.matches.some((match) => match.excerpt.includes("stepdad hits me"))).toBe(true);
    // The moderator's page for it is a 404, and /my-feedback tells the family nothing from it.
    const page = await call(responsePage.loader, {
      path: `/moderate/responses/${sent.id}`,
      params: { id: String(sent.id) },
      headers: { Cookie: moderator.cookie },
    });
    expect(page.response.status).toBe(404);
    // The log says it was found, never the words.
    const log = await db()
      .selectFrom("audit_log")
      .select(["action", "after"])
      .where("entity", "=", "response")
      .where("entity_id", "=", String(sent.id))
      .execute();
    expect(log.map((entry) => entry.action)).toEqual(["safeguarding.detected"]);
    expect(JSON.stringify(log)).not.toContain("stepdad");
  });

  it("leaves an ordinary answer with a trigger-like word in the queue", async () => {
    const slug = await createParentSurvey(db());
    const sent = await answerWith(slug, "The waiting list is killing me, but I feel safe with my keyworker.");
    expect(sent.flagged).toBe(0);
    expect(await db().selectFrom("safeguarding_concerns").select("id").where("response_id", "=", sent.id).executeTakeFirst()).toBeUndefined();
  });

  it("shows nothing of a held response at /my-feedback until a lead decides it is not a concern", async () => {
    const slug = await createParentSurvey(db());
    const lead = await createStaff(db(), "safeguarding_lead");
    const sent = await answerWith(slug, "everyone would be better off without me");
    const look = async () => {
      const { response } = await call(myFeedback.action, { path: "/my-feedback", form: { reference: sent.reference } });
      expect(response.status).toBe(200);
      return (await readJson<{ found: { themes: { id: number }[] } }>(response)).found.themes;
    };
    // Like any response nobody has read yet: no themes, nothing that says a lead has it.
    expect(await look()).toEqual([]);
    const concern = await db().selectFrom("safeguarding_concerns").select("id").where("response_id", "=", sent.id).executeTakeFirstOrThrow();
    await act(concern.id, lead.cookie, { csrf: lead.csrf, intent: "not_concern", reason: "Song lyrics, checked with the family by phone." });
    expect((await look()).length).toBeGreaterThan(0);
  });

  it("emails the safeguarding inbox, when one is set, without any of the words", async () => {
    const slug = await createParentSurvey(db());
    const admin = await createStaff(db(), "administrator");
    const saved = await call(settingsPage.action, {
      path: "/admin/settings",
      form: {
        csrf: admin.csrf,
        organisation_name: "Anytown Council",
        contact_email: "send@example.org",
        quote_approval: "two_people",
        suppression_threshold: "10",
        setting_names: "",
        safeguarding_email: "safeguarding@example.org",
        children_services_phone: "01632 960000",
        safeguarding_overdue_days: "1",
      },
      headers: { Cookie: admin.cookie },
    });
    expect(saved.response.status).toBe(303);
    const sent = await answerWith(slug, "my uncle touches me when mum is at work");
    const mail = await db().selectFrom("outbox").select(["recipient", "payload", "sent_at"]).orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(mail.recipient).toBe("safeguarding@example.org");
    expect(mail.sent_at).toBeNull();
    expect(mail.payload).toMatch(/\/moderate\/safeguarding\/\d+/);
    expect(mail.payload).not.toMatch(/uncle|touches/);
    expect(sent.flagged).toBe(1);
  });
});

describe("the lead's list and decisions", () => {
  it("a person's flag takes the response out of the queue and its counts at once", async () => {
    const { slug, moderator, id, response } = await flagged();
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toMatch(/^\/moderate\?.*flagged=1/);
    const data = await readJson<{ page: { rows: { id: number }[] }; counts: Record<string, number> }>(
      (await call(queue.loader, { path: `/moderate?survey=${slug}`, headers: { Cookie: moderator.cookie } })).response,
    );
    expect(data.page.rows.map((row) => row.id)).not.toContain(id);
    expect(data.counts).toEqual({ new: 0, in_review: 0, done: 0 });
  });

  it("moves through being looked at, handed over and closed, each in the audit log with every view", async () => {
    const { lead, concernId, id } = await flagged();
    const show = () =>
      call(concernPage.loader, { path: `/moderate/safeguarding/${concernId}`, params: { id: String(concernId) }, headers: { Cookie: lead.cookie } });
    expect((await show()).response.status).toBe(200);

    expect((await act(concernId, lead.cookie, { csrf: lead.csrf, intent: "looking" })).response.status).toBe(303);
    expect((await leadList(lead.cookie, "looking")).concerns.map((c) => c.id)).toContain(concernId);
    expect((await leadList(lead.cookie, "new")).concerns.map((c) => c.id)).not.toContain(concernId);

    const bad = await act(concernId, lead.cookie, {
      csrf: lead.csrf,
      intent: "handover",
      handedTo: "",
      "on-day": "yesterday",
      "on-month": "",
      "on-year": "",
      action: "",
    });
    expect(bad.response.status).toBe(400);
    const refused = await readJson<{ errors: { field: string; message: string }[]; values: Record<string, string> }>(bad.response);
    expect(refused.values["on-day"]).toBe("yesterday");
    expect(refused.errors).toEqual([
      { field: "handedTo", message: "Enter who it was passed to" },
      { field: "on", message: "Date it was passed on must include a month" },
      { field: "action", message: "Enter what was done" },
    ]);
    await act(concernId, lead.cookie, {
      csrf: lead.csrf,
      intent: "handover",
      handedTo: "MASH duty worker",
      "on-day": "22",
      "on-month": "11",
      "on-year": "2026",
      action: "Phoned the family; referral made.",
    });
    expect((await leadList(lead.cookie, "handed_over")).concerns.map((c) => c.id)).toContain(concernId);

    // Handed over means it was a concern: it cannot be sent back to the queue now.
    const back = await act(concernId, lead.cookie, { csrf: lead.csrf, intent: "not_concern", reason: "Changed my mind" });
    expect(back.response.status).toBe(409);
    await act(concernId, lead.cookie, { csrf: lead.csrf, intent: "close", outcome: "Social worker allocated." });
    expect((await leadList(lead.cookie, "closed")).concerns.map((c) => c.id)).toContain(concernId);
    expect((await leadList(lead.cookie, "open")).concerns.map((c) => c.id)).not.toContain(concernId);
    expect((await db().selectFrom("responses").select("flagged").where("id", "=", id).executeTakeFirstOrThrow()).flagged).toBe(1);

    await show();
    const log = await db().selectFrom("audit_log").select("action").where("user_id", "=", lead.id).orderBy("id").execute();
    expect(log.map((entry) => entry.action)).toEqual([
      "safeguarding.view",
      "safeguarding.looking",
      "safeguarding.handover",
      "safeguarding.close",
      "safeguarding.view",
    ]);
  });

  it("'not a concern' needs a reason; with one, the response returns to the queue", async () => {
    const { lead, id, concernId, slug, moderator } = await flagged();
    const noReason = await act(concernId, lead.cookie, { csrf: lead.csrf, intent: "not_concern", reason: " " });
    expect(noReason.response.status).toBe(400);
    expect((await db().selectFrom("responses").select("flagged").where("id", "=", id).executeTakeFirstOrThrow()).flagged).toBe(1);
    await act(concernId, lead.cookie, { csrf: lead.csrf, intent: "not_concern", reason: "A quote from a film, checked with the family." });
    expect((await db().selectFrom("responses").select("flagged").where("id", "=", id).executeTakeFirstOrThrow()).flagged).toBe(0);
    expect(
      await db().selectFrom("safeguarding_concerns").select(["state", "decision", "outcome"]).where("id", "=", concernId).executeTakeFirstOrThrow(),
    ).toEqual({
      state: "closed",
      decision: "not_concern",
      outcome: "A quote from a film, checked with the family.",
    });
    const rows = await readJson<{ page: { rows: { id: number }[] } }>(
      (await call(queue.loader, { path: `/moderate?survey=${slug}`, headers: { Cookie: moderator.cookie } })).response,
    );
    expect(rows.page.rows.map((row) => row.id)).toContain(id);
  });

  it("shows a concern nobody has handed over after a working day as overdue", async () => {
    const { lead, concernId } = await flagged();
    // Raised on a Monday morning two weeks ago: overdue whatever day the test runs.
    await db().updateTable("safeguarding_concerns").set({ raised_at: "2026-11-16T09:00:00.000Z" }).where("id", "=", concernId).execute();
    expect((await leadList(lead.cookie)).concerns.find((c) => c.id === concernId)?.overdue).toBe(true);
  });

  it("puts new concerns before ones being handled, and counts them in the staff bar", async () => {
    const { lead, concernId } = await flagged();
    const second = await flagged();
    await act(concernId, lead.cookie, { csrf: lead.csrf, intent: "looking" });
    const ids = (await leadList(lead.cookie)).concerns.map((c) => c.id);
    expect(ids.indexOf(second.concernId)).toBeLessThan(ids.indexOf(concernId));
  });
});
