import { getDb } from "~/db.server";
import { createPeriod } from "~/actions/periods.server";
import { createQuote } from "~/moderation/quotes.server";
import * as statementPage from "~/routes/moderate.statements.$id";
import * as newStatement from "~/routes/moderate.statements.new";
import { forgetSettings } from "~/settings.server";
import { call, readJson } from "../support/remix";
import { createParentSurvey, createResponse, createStaff } from "../support/factories";

const db = () => getDb();
let periods = 0;
type Person = Awaited<ReturnType<typeof createStaff>>;

async function draftStatement(author: Person, quote?: string[]) {
  const admin = await createStaff(db(), "administrator");
  // Periods may not overlap: each statement gets a year of its own.
  const year = 2000 + ++periods;
  const period = await createPeriod(db(), { slug: `p-${periods}`, name: `Period ${periods}`, startsOn: `${year}-01-01`, endsOn: `${year}-12-31` }, admin.id);
  const { response } = await call(newStatement.action, {
    path: `/moderate/statements/new?theme=4&period=${period}`,
    form: { csrf: author.csrf, summary: "Families told us nobody replies to emails.", ...(quote ? { quote } : {}) },
    headers: { Cookie: author.cookie },
  });
  return { response, id: Number(response.headers.get("Location")?.match(/statements\/(\d+)/)?.[1]) };
}

const act = (person: Person, id: number, form: Record<string, string>) =>
  call(statementPage.action, {
    path: `/moderate/statements/${id}`,
    params: { id: String(id) },
    form: { csrf: person.csrf, ...form },
    headers: { Cookie: person.cookie },
  });

const state = async (person: Person, id: number) =>
  (
    await readJson<{ publication: { state: string; corrections: { note: string }[] } }>(
      (await call(statementPage.loader, { path: `/moderate/statements/${id}`, params: { id: String(id) }, headers: { Cookie: person.cookie } })).response,
    )
  ).publication;

describe("publishing a statement", () => {
  it("starts as a draft; the author asks, and only a different person can publish", async () => {
    const [author, second] = [await createStaff(db(), "moderator"), await createStaff(db(), "moderator")];
    const { response, id } = await draftStatement(author);
    expect(response.status).toBe(303);
    expect((await state(author, id)).state).toBe("draft");

    const tooSoon = await act(second, id, { intent: "publish-approve" });
    expect(await readJson(tooSoon.response)).toMatchObject({ errors: [{ message: "Nobody has asked for this to be published yet" }] });
    expect((await act(author, id, { intent: "publish-request" })).response.status).toBe(303);
    const own = await act(author, id, { intent: "publish-approve" });
    expect(own.response.status).toBe(400);
    expect(await readJson(own.response)).toMatchObject({ errors: [{ message: "You asked for this to be published, so someone else must publish it" }] });
    expect((await state(author, id)).state).toBe("awaiting");
    expect((await act(second, id, { intent: "publish-approve" })).response.status).toBe(303);
    expect((await state(author, id)).state).toBe("published");

    const log = await db()
      .selectFrom("audit_log")
      .select(["action", "user_id"])
      .where("entity", "=", "statement")
      .where("entity_id", "=", String(id))
      .orderBy("id")
      .execute();
    expect(log).toEqual([
      { action: "statement.create", user_id: author.id },
      { action: "publish.request", user_id: author.id },
      { action: "publish.approve", user_id: second.id },
    ]);
  });

  it("holds a change to a published statement for a second person, with a dated correction note, and needs a reason to take it down", async () => {
    const [author, second] = [await createStaff(db(), "moderator"), await createStaff(db(), "moderator")];
    const { id } = await draftStatement(author);
    await act(author, id, { intent: "publish-request" });
    await act(second, id, { intent: "publish-approve" });

    const silent = await act(author, id, { intent: "save", version: "0", summary: "Families told us nobody replies." });
    expect(silent.response.status).toBe(400);
    expect(await readJson(silent.response)).toMatchObject({ errors: [{ field: "correction" }], values: { summary: "Families told us nobody replies." } });
    const corrected = await act(author, id, {
      intent: "save",
      version: "0",
      summary: "Families told us nobody replies.",
      correction: "Shortened the summary.",
    });
    expect(corrected.response.status).toBe(303);
    // The public still reads the approved words; nothing is corrected yet.
    const summary = () =>
      db().selectFrom("statement_texts").select("summary").where("statement_id", "=", id).where("lang", "=", "en").executeTakeFirstOrThrow();
    expect((await summary()).summary).toBe("Families told us nobody replies to emails.");
    expect((await state(author, id)).corrections).toEqual([]);
    const [revision] = await db().selectFrom("revisions").select("id").where("entity", "=", "statement").where("entity_id", "=", id).execute();
    const own = await act(author, id, { intent: "revision-approve", revision: String(revision.id) });
    expect(own.response.status).toBe(400);
    expect((await summary()).summary).toBe("Families told us nobody replies to emails.");
    expect((await act(second, id, { intent: "revision-approve", revision: String(revision.id) })).response.status).toBe(303);
    expect((await summary()).summary).toBe("Families told us nobody replies.");
    expect((await state(author, id)).corrections.map((c) => c.note)).toEqual(["Shortened the summary."]);

    const noReason = await act(second, id, { intent: "publish-withdraw", withdrawReason: "" });
    expect(noReason.response.status).toBe(400);
    expect((await act(second, id, { intent: "publish-withdraw", withdrawReason: "A figure was wrong." })).response.status).toBe(303);
    expect((await state(author, id)).state).toBe("unpublished");
  });

  it("needs one council and one Parent Carer Forum person where that is configured", async () => {
    await db().updateTable("settings").set({ value: "council_and_pcf" }).where("key", "=", "quote_approval").execute();
    forgetSettings();
    try {
      const author = await createStaff(db(), "moderator", "council");
      const colleague = await createStaff(db(), "moderator", "council");
      const forum = await createStaff(db(), "moderator", "pcf");
      const { id } = await draftStatement(author);
      await act(author, id, { intent: "publish-request" });
      const same = await act(colleague, id, { intent: "publish-approve" });
      expect(await readJson(same.response)).toMatchObject({ errors: [{ message: expect.stringContaining("other side") }] });
      expect((await act(forum, id, { intent: "publish-approve" })).response.status).toBe(303);
    } finally {
      await db().updateTable("settings").set({ value: "two_people" }).where("key", "=", "quote_approval").execute();
      forgetSettings();
    }
  });

  it("shows only approved quotes, refusing one still waiting for its second approval", async () => {
    const author = await createStaff(db(), "moderator");
    const slug = await createParentSurvey(db());
    const responseId = await createResponse(db(), slug, { "one-change": "Answer my emails." });
    const answer = (await db().selectFrom("answers").select("id").where("response_id", "=", responseId).executeTakeFirstOrThrow()).id;
    const quote = await createQuote(
      db(),
      answer,
      { text: "Answer my emails.", themeIds: [4] },
      { id: author.id, name: "a", email: author.email, role: "moderator", organisation: "council" },
    );
    const { response } = await draftStatement(author, [String(quote)]);
    expect(response.status).toBe(400);
    expect(await readJson(response)).toMatchObject({ errors: [{ message: "Only approved quotes linked to this theme can be shown" }] });
  });
});
