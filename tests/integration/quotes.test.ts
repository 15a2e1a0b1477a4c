import { getDb } from "~/db.server";
import { forgetSettings } from "~/settings.server";
import * as newQuote from "~/routes/moderate.quotes.new";
import * as quotePage from "~/routes/moderate.quotes.$id";
import { call, readJson } from "../support/remix";
import { createParentSurvey, createResponse, createStaff, counted } from "../support/factories";

const db = () => getDb();
const WORDS = "Mrs Patel at Greenfield Primary was great, ring me on 07700 900123.";

async function answerWith(consent: boolean, flagged = false) {
  const slug = await createParentSurvey(db());
  const responseId = await createResponse(db(), slug, { "working-well": WORDS });
  await counted(db(), [responseId], (trx) =>
    trx
      .updateTable("responses")
      .set({ quote_consent: consent ? 1 : 0, flagged: flagged ? 1 : 0 })
      .where("id", "=", responseId)
      .execute(),
  );
  return (await db().selectFrom("answers").select("id").where("response_id", "=", responseId).executeTakeFirstOrThrow()).id;
}

async function setApprovalRule(rule: string) {
  await db().updateTable("settings").set({ value: rule }).where("key", "=", "quote_approval").execute();
  forgetSettings();
}

describe("making a quote", () => {
  it("suggests redactions, keeps the original untouched, and needs a second person to approve", async () => {
    const answer = await answerWith(true);
    const [maker, second] = [await createStaff(db(), "moderator"), await createStaff(db(), "moderator")];
    await db().updateTable("settings").set({ value: "Greenfield Primary" }).where("key", "=", "setting_names").execute();
    forgetSettings();
    const page = await readJson<{ suggested: string; suggestions: { kind: string }[] }>(
      (await call(newQuote.loader, { path: `/moderate/quotes/new?answer=${answer}`, headers: { Cookie: maker.cookie } })).response,
    );
    expect(page.suggested).toBe("Mrs [name] at [school] was great, ring me on [phone number].");
    expect(page.suggestions.map((s) => s.kind)).toEqual(["name", "setting", "phone"]);

    const made = await call(newQuote.action, {
      path: `/moderate/quotes/new?answer=${answer}`,
      form: { csrf: maker.csrf, text: "Mrs [name] at [school] was great.", theme: "1" },
      headers: { Cookie: maker.cookie },
    });
    expect(made.response.status).toBe(303);
    const id = Number(made.response.headers.get("Location")?.match(/quotes\/(\d+)/)?.[1]);
    const quote = await db().selectFrom("quotes").select(["text", "approved_at"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(quote).toEqual({ text: "Mrs [name] at [school] was great.", approved_at: null });
    expect((await db().selectFrom("answers").select("text").where("id", "=", answer).executeTakeFirstOrThrow()).text).toBe(WORDS);

    // The maker cannot give the second approval.
    const own = await call(quotePage.action, {
      path: `/moderate/quotes/${id}`,
      params: { id: String(id) },
      form: { csrf: maker.csrf, intent: "approve" },
      headers: { Cookie: maker.cookie },
    });
    expect(own.response.status).toBe(400);
    expect(await readJson(own.response)).toMatchObject({ errors: [{ message: expect.stringContaining("Someone else must give the second approval") }] });

    const approved = await call(quotePage.action, {
      path: `/moderate/quotes/${id}`,
      params: { id: String(id) },
      form: { csrf: second.csrf, intent: "approve" },
      headers: { Cookie: second.cookie },
    });
    expect(approved.response.status).toBe(303);
    expect((await db().selectFrom("quotes").select("approved_at").where("id", "=", id).executeTakeFirstOrThrow()).approved_at).not.toBeNull();

    const log = await db()
      .selectFrom("audit_log")
      .select(["action", "after"])
      .where("entity", "=", "quote")
      .where("entity_id", "=", String(id))
      .orderBy("id")
      .execute();
    expect(log.map((entry) => entry.action)).toEqual(["quote.create", "quote.approve"]);
    expect(JSON.stringify(log)).not.toContain("Greenfield");
    await db().updateTable("settings").set({ value: "" }).where("key", "=", "setting_names").execute();
    forgetSettings();
  });

  it("keeps an approved quote's words until a second person approves the change; an unapproved quote is simply edited", async () => {
    const answer = await answerWith(true);
    const [maker, second] = [await createStaff(db(), "moderator"), await createStaff(db(), "moderator")];
    const made = await call(newQuote.action, {
      path: `/moderate/quotes/new?answer=${answer}`,
      form: { csrf: maker.csrf, text: "Was great." },
      headers: { Cookie: maker.cookie },
    });
    const id = Number(made.response.headers.get("Location")?.match(/quotes\/(\d+)/)?.[1]);
    const act = (person: typeof maker, form: Record<string, string>) =>
      call(quotePage.action, {
        path: `/moderate/quotes/${id}`,
        params: { id: String(id) },
        form: { csrf: person.csrf, ...form },
        headers: { Cookie: person.cookie },
      });
    const stored = () => db().selectFrom("quotes").select(["text", "approved_at"]).where("id", "=", id).executeTakeFirstOrThrow();

    // Before approval, the maker's own edit is just an edit.
    await act(maker, { intent: "edit", text: "It was great." });
    expect((await stored()).text).toBe("It was great.");
    await act(second, { intent: "approve" });
    expect((await stored()).approved_at).not.toBeNull();

    // Approved and public: one person's change waits; the public keeps the approved words.
    await act(second, { intent: "edit", text: "It was really great." });
    expect(await stored()).toMatchObject({ text: "It was great.", approved_at: expect.any(String) });
    const [revision] = await db().selectFrom("revisions").select("id").where("entity", "=", "quote").where("entity_id", "=", id).execute();
    expect((await act(second, { intent: "revision-approve", revision: String(revision.id) })).response.status).toBe(400);
    expect((await act(maker, { intent: "revision-approve", revision: String(revision.id) })).response.status).toBe(303);
    expect(await stored()).toMatchObject({ text: "It was really great.", approved_at: expect.any(String) });
    const approvals = await db().selectFrom("quote_approvals").select("user_id").where("quote_id", "=", id).orderBy("user_id").execute();
    expect(approvals.map((row) => row.user_id).sort()).toEqual([maker.id, second.id].sort());
  });

  it("needs one council and one Parent Carer Forum approval where that is configured", async () => {
    await setApprovalRule("council_and_pcf");
    try {
      const answer = await answerWith(true);
      const maker = await createStaff(db(), "moderator", "council");
      const sameSide = await createStaff(db(), "moderator", "council");
      const forum = await createStaff(db(), "moderator", "pcf");
      const made = await call(newQuote.action, {
        path: `/moderate/quotes/new?answer=${answer}`,
        form: { csrf: maker.csrf, text: "Was great." },
        headers: { Cookie: maker.cookie },
      });
      const id = Number(made.response.headers.get("Location")?.match(/quotes\/(\d+)/)?.[1]);
      const refused = await call(quotePage.action, {
        path: `/moderate/quotes/${id}`,
        params: { id: String(id) },
        form: { csrf: sameSide.csrf, intent: "approve" },
        headers: { Cookie: sameSide.cookie },
      });
      expect(refused.response.status).toBe(400);
      expect(await readJson(refused.response)).toMatchObject({ errors: [{ message: expect.stringContaining("other side") }] });
      const fine = await call(quotePage.action, {
        path: `/moderate/quotes/${id}`,
        params: { id: String(id) },
        form: { csrf: forum.csrf, intent: "approve" },
        headers: { Cookie: forum.cookie },
      });
      expect(fine.response.status).toBe(303);
      expect((await db().selectFrom("quotes").select("approved_at").where("id", "=", id).executeTakeFirstOrThrow()).approved_at).not.toBeNull();
    } finally {
      await setApprovalRule("two_people");
    }
  });

  it("is refused for an answer without consent or from a flagged response, and nothing is stored", async () => {
    const moderator = await createStaff(db(), "moderator");
    const before = (await db().selectFrom("quotes").select("id").execute()).length;
    for (const answer of [await answerWith(false), await answerWith(true, true)]) {
      const page = await call(newQuote.loader, { path: `/moderate/quotes/new?answer=${answer}`, headers: { Cookie: moderator.cookie } });
      expect(page.response.status).toBe(400);
      expect(await readJson(page.response)).toMatchObject({ kind: "cannotQuote" });
      const posted = await call(newQuote.action, {
        path: `/moderate/quotes/new?answer=${answer}`,
        form: { csrf: moderator.csrf, text: "Anything" },
        headers: { Cookie: moderator.cookie },
      });
      expect(posted.response.status).toBe(400);
    }
    expect((await db().selectFrom("quotes").select("id").execute()).length).toBe(before);
  });
});
