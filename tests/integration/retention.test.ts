import { audit } from "~/accounts/audit.server";
import { retentionCutoffs, purgeExpired, purgeIfDue } from "~/data-protection/retention.server";
import { getDb } from "~/db.server";
import * as retention from "~/routes/admin.retention";
import { forgetSettings, getSettings, saveSettings } from "~/settings.server";
import { call, readJson } from "../support/remix";
import { counted, createParentSurvey, createResponse, createStaff } from "../support/factories";

const db = () => getDb();
const NOW = new Date("2027-06-15T12:00:00.000Z");
const monthsAgo = (months: number, minutes = 0) => {
  const at = new Date(NOW);
  at.setUTCMonth(at.getUTCMonth() - months);
  return new Date(at.getTime() - minutes * 60_000);
};
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);
const yearsAgo = (years: number, days = 0) => new Date(Date.UTC(NOW.getUTCFullYear() - years, NOW.getUTCMonth(), NOW.getUTCDate() - days, 12));

const countTables = ["response_counts", "queue_counts", "theme_counts", "queue_theme_counts", "answer_counts"] as const;
async function everyCount() {
  const out: Record<string, unknown[]> = {};
  for (const table of countTables) out[table] = (await db().selectFrom(table).selectAll().execute()).map((row) => JSON.stringify(row)).sort();
  return out;
}

async function answersOf(responseId: number) {
  return db().selectFrom("answers").select(["id", "choice", "text", "translation"]).where("response_id", "=", responseId).orderBy("id").execute();
}

async function freeTextAnswer(responseId: number) {
  return db()
    .selectFrom("answers")
    .select(["id", "text"])
    .where("response_id", "=", responseId)
    .where("text", "is not", null)
    .orderBy("id")
    .executeTakeFirstOrThrow();
}

async function addQuote(responseId: number, userId: number, approved: boolean) {
  const answer = await freeTextAnswer(responseId);
  const { id } = await db()
    .insertInto("quotes")
    .values({
      answer_id: answer.id,
      response_id: responseId,
      text: "Redacted words",
      lang: "en",
      created_by: userId,
      created_at: NOW.toISOString(),
      updated_at: NOW.toISOString(),
      approved_at: approved ? NOW.toISOString() : null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

async function addConcern(responseId: number, state: "closed" | "new") {
  const matches = JSON.stringify([{ questionId: 1, category: "harm", phrase: "not safe", excerpt: "I do not feel safe at home" }]);
  await db()
    .insertInto("safeguarding_concerns")
    .values({ response_id: responseId, source: "detected", raised_at: NOW.toISOString(), matches, state })
    .execute();
}

async function addDraft(surveyId: number, updatedAt: Date, responseId: number | null = null) {
  const { id } = await db()
    .insertInto("drafts")
    .values({
      survey_id: surveyId,
      token_hash: `token-${Math.random()}`,
      lang: "en",
      answers: '{"1":"words"}',
      created_at: updatedAt.toISOString(),
      updated_at: updatedAt.toISOString(),
      expires_at: new Date(updatedAt.getTime() + 30 * 86_400_000).toISOString(),
      audience: "parent_carer",
      response_id: responseId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

const words = { "support-type": "ehc_plan", "plan-quality": "agree", "one-change": "Ms Patel at Oak School never answers my emails." };

describe("the retention purge", () => {
  it("removes exactly what has passed its limit, keeps tags, counts and approved quotes, and the dry run said so", async () => {
    const staff = await createStaff(db(), "moderator");
    const slug = await createParentSurvey(db());
    const survey = await db().selectFrom("surveys").select("id").where("slug", "=", slug).executeTakeFirstOrThrow();
    const old = await createResponse(db(), slug, words, monthsAgo(24, 1));
    const justInside = await createResponse(db(), slug, words, monthsAgo(24, -1));
    const recent = await createResponse(db(), slug, words, monthsAgo(1));
    const oldClosedConcern = await createResponse(db(), slug, words, monthsAgo(30));
    const oldOpenConcern = await createResponse(db(), slug, words, monthsAgo(30));
    await counted(db(), [old], (trx) =>
      trx.insertInto("response_themes").values({ response_id: old, theme_id: 1, tagged_by: staff.id, tagged_at: NOW.toISOString() }).execute(),
    );
    for (const id of [old, recent]) {
      await db()
        .updateTable("answers")
        .set({ translation: "English words", translated_by: staff.id, translated_at: NOW.toISOString() })
        .where("id", "=", (await freeTextAnswer(id)).id)
        .execute();
      await db()
        .insertInto("response_notes")
        .values({ response_id: id, user_id: staff.id, body: "She said the school never answers.", created_at: NOW.toISOString() })
        .execute();
    }
    const draftQuote = await addQuote(old, staff.id, false);
    const approvedQuote = await addQuote(old, staff.id, true);
    const recentQuote = await addQuote(recent, staff.id, false);
    await addConcern(oldClosedConcern, "closed");
    await addConcern(oldOpenConcern, "new");
    const staleDraft = await addDraft(survey.id, daysAgo(31));
    const freshDraft = await addDraft(survey.id, daysAgo(29));
    const sentDraft = await addDraft(survey.id, daysAgo(40), recent);
    await audit(db(), { userId: null, action: "test.ancient", entity: "test" }, yearsAgo(6, 1));
    await audit(db(), { userId: null, action: "test.recent", entity: "test" }, yearsAgo(5));
    const before = { counts: await everyCount(), tags: await db().selectFrom("response_themes").selectAll().execute() };
    const answersBefore = await answersOf(old);

    const dryRun = await purgeExpired(db(), { dryRun: true, now: NOW });
    expect(await answersOf(old)).toEqual(answersBefore);
    expect(await db().selectFrom("drafts").select("id").where("id", "=", staleDraft).execute()).toHaveLength(1);

    const purged = await purgeExpired(db(), { now: NOW });
    expect(purged).toEqual(dryRun);
    expect(purged).toEqual({ responses: 2, answers: 2, translations: 1, notes: 1, quotes: 1, excerpts: 1, drafts: 1, auditEntries: 1, heldBack: 1 });

    // The words go; the row (and every structured answer) stays, so the answer still counts.
    expect((await answersOf(old)).map(({ choice, text, translation }) => ({ choice, text, translation }))).toEqual(
      answersBefore.map(({ choice, text }) => ({ choice, text: text === null ? null : "", translation: null })),
    );
    for (const kept of [justInside, recent, oldOpenConcern]) expect((await freeTextAnswer(kept)).text).toBe(words["one-change"]);
    expect((await answersOf(recent)).some((answer) => answer.translation === "English words")).toBe(true);
    expect(await db().selectFrom("response_notes").select("response_id").orderBy("response_id").execute()).toEqual([{ response_id: recent }]);
    expect((await db().selectFrom("quotes").select("id").orderBy("id").execute()).map((row) => row.id)).toEqual([approvedQuote, recentQuote]);
    expect(draftQuote).not.toBe(approvedQuote);
    const concerns = await db().selectFrom("safeguarding_concerns").select(["response_id", "matches"]).orderBy("response_id").execute();
    expect(concerns.map((row) => ({ response: row.response_id, matches: JSON.parse(row.matches ?? "[]") }))).toEqual([
      { response: oldClosedConcern, matches: [{ questionId: 1, category: "harm", phrase: "not safe", excerpt: "" }] },
      { response: oldOpenConcern, matches: [{ questionId: 1, category: "harm", phrase: "not safe", excerpt: "I do not feel safe at home" }] },
    ]);
    expect((await db().selectFrom("drafts").select("id").orderBy("id").execute()).map((row) => row.id)).toEqual([freshDraft, sentDraft]);
    expect((await db().selectFrom("audit_log").select("action").where("action", "like", "test.%").execute()).map((row) => row.action)).toEqual(["test.recent"]);
    expect({ counts: await everyCount(), tags: await db().selectFrom("response_themes").selectAll().execute() }).toEqual(before);

    const logged = await db().selectFrom("audit_log").select(["after", "user_id"]).where("action", "=", "retention.purge").executeTakeFirstOrThrow();
    expect(logged.user_id).toBeNull();
    expect(JSON.parse(logged.after ?? "{}")).toMatchObject(purged);
    expect(logged.after).not.toContain("Patel");

    // Done is done: a second run finds only the response still held for its open concern.
    expect(await purgeExpired(db(), { dryRun: true, now: NOW })).toEqual({
      responses: 0,
      answers: 0,
      translations: 0,
      notes: 0,
      quotes: 0,
      excerpts: 0,
      drafts: 0,
      auditEntries: 0,
      heldBack: 1,
    });
    await db().updateTable("safeguarding_concerns").set({ state: "closed" }).where("response_id", "=", oldOpenConcern).execute();
    expect(await purgeExpired(db(), { now: NOW })).toMatchObject({ responses: 1, answers: 1, excerpts: 1, heldBack: 0 });
    expect((await freeTextAnswer(oldOpenConcern)).text).toBe("");
  });

  it("follows the administrator's limits", async () => {
    await saveSettings(db(), { retention_text_months: "36", retention_draft_days: "7", retention_audit_years: "2" });
    try {
      const cutoffs = await retentionCutoffs(db(), NOW);
      expect(cutoffs).toEqual({ text: monthsAgo(36).toISOString(), drafts: daysAgo(7).toISOString(), audit: monthsAgo(24).toISOString() });
      const slug = await createParentSurvey(db());
      const thirtyMonths = await createResponse(db(), slug, words, monthsAgo(30));
      await purgeExpired(db(), { now: NOW });
      expect((await freeTextAnswer(thirtyMonths)).text).toBe(words["one-change"]);
    } finally {
      await saveSettings(db(), { retention_text_months: "24", retention_draft_days: "30", retention_audit_years: "6" });
    }
  });

  it("runs once a night, from 3am London time", async () => {
    // Winter: 3am in London is 3am UTC. Once a night, and only in the night's window.
    expect(await purgeIfDue(db(), new Date("2028-01-10T02:59:00.000Z"))).toBeUndefined();
    expect(await purgeIfDue(db(), new Date("2028-01-10T03:10:00.000Z"))).toBeDefined();
    expect(await purgeIfDue(db(), new Date("2028-01-10T04:00:00.000Z"))).toBeUndefined();
    expect(await purgeIfDue(db(), new Date("2028-01-11T12:00:00.000Z"))).toBeUndefined();
    // Summer time: 3am in London is 2am UTC.
    expect(await purgeIfDue(db(), new Date("2028-07-10T02:10:00.000Z"))).toBeDefined();
  });
});

describe("the retention page", () => {
  it("shows the limits and a dry run, and saves new limits with an audit entry", async () => {
    const admin = await createStaff(db(), "administrator");
    const page = await readJson<{ limits: Record<string, string>; dryRun: { counts: Record<string, number> } | null }>(
      (await call(retention.loader, { path: "/admin/retention?check=1", headers: { Cookie: admin.cookie } })).response,
    );
    expect(page.limits).toEqual({ retention_text_months: "24", retention_draft_days: "30", retention_audit_years: "6" });
    expect(Object.keys(page.dryRun?.counts ?? {})).toEqual([
      "responses",
      "answers",
      "translations",
      "notes",
      "quotes",
      "excerpts",
      "drafts",
      "auditEntries",
      "heldBack",
    ]);

    const { response } = await call(retention.action, {
      path: "/admin/retention",
      form: { csrf: admin.csrf, retention_text_months: "18", retention_draft_days: "14", retention_audit_years: "7" },
      headers: { Cookie: admin.cookie },
    });
    expect(response.status).toBe(303);
    expect(await getSettings(db())).toMatchObject({ retention_text_months: "18", retention_draft_days: "14", retention_audit_years: "7" });
    const entry = await db()
      .selectFrom("audit_log")
      .select(["before", "after"])
      .where("action", "=", "settings.update")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.before ?? "{}")).toEqual({ retention_text_months: "24", retention_draft_days: "30", retention_audit_years: "6" });
    await saveSettings(db(), { retention_text_months: "24", retention_draft_days: "30", retention_audit_years: "6" });
  });

  it("refuses limits out of range, in the person's language, keeping what they typed and changing nothing", async () => {
    const admin = await createStaff(db(), "administrator");
    const before = await getSettings(db());
    const { response } = await call(retention.action, {
      path: "/admin/retention?lng=pl",
      form: { csrf: admin.csrf, retention_text_months: "2", retention_draft_days: "45", retention_audit_years: "six" },
      headers: { Cookie: admin.cookie },
    });
    expect(response.status).toBe(400);
    expect(await readJson(response)).toEqual({
      errors: [
        { field: "retention_text_months", message: "Wpisz liczbę całkowitą miesięcy od 3 do 120" },
        { field: "retention_draft_days", message: "Wpisz liczbę całkowitą dni od 1 do 30" },
        { field: "retention_audit_years", message: "Wpisz liczbę całkowitą lat od 1 do 20" },
      ],
      values: { retention_text_months: "2", retention_draft_days: "45", retention_audit_years: "six" },
    });
    expect(await getSettings(db())).toEqual(before);
  });

  it("is for administrators only", async () => {
    const moderator = await createStaff(db(), "moderator");
    const { response } = await call(retention.loader, { path: "/admin/retention", headers: { Cookie: moderator.cookie } });
    expect(response.status).toBe(403);
  });
});

describe("the settings cache", () => {
  it("keeps settings in memory, and sees another process's change on the next request", async () => {
    await saveSettings(db(), {});
    forgetSettings();
    const before = await getSettings(db());
    // A change straight to the table, which no process announced, is not seen while the entry lives.
    await db().updateTable("settings").set({ value: "Changed quietly" }).where("key", "=", "organisation_name").execute();
    expect((await getSettings(db())).organisation_name).toBe(before.organisation_name);
    // Another process's saveSettings raises the generation in the same transaction as its change.
    await db()
      .transaction()
      .execute(async (trx) => {
        await trx.updateTable("settings").set({ value: "Changed by another process" }).where("key", "=", "organisation_name").execute();
        await trx
          .updateTable("cache_generations")
          .set((eb) => ({ generation: eb("generation", "+", 1) }))
          .where("name", "=", "settings")
          .execute();
      });
    expect((await getSettings(db())).organisation_name).toBe("Changed by another process");
    await saveSettings(db(), { organisation_name: before.organisation_name });
    expect((await getSettings(db())).organisation_name).toBe(before.organisation_name);
  });
});
