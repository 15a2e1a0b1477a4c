import { getDb } from "~/db.server";
import { createPeriod } from "~/actions/periods.server";
import { approveQuote, createQuote } from "~/moderation/quotes.server";
import { proposeRevision } from "~/publishing/revisions.server";
import { requestPublication } from "~/publishing/publishing.server";
import { createStatement } from "~/publishing/statements.server";
import * as newQuote from "~/routes/moderate.quotes.new";
import * as waiting from "~/routes/moderate.waiting";
import { forgetSettings } from "~/settings.server";
import { call, readJson } from "../support/remix";
import { createParentSurvey, createResponse, createStaff, holdResponse } from "../support/factories";

const db = () => getDb();
type Person = Awaited<ReturnType<typeof createStaff>>;
type Waiting = {
  quotes: { id: number; kind: string; text: string; by: string }[];
  statements: { id: number; kind: string; theme: string; period: string; by: string }[];
};

const userOf = async (person: Person) =>
  db().selectFrom("users").select(["id", "name", "email", "role", "organisation"]).where("id", "=", person.id).executeTakeFirstOrThrow();
const waitingFor = async (person: Person) =>
  readJson<Waiting>((await call(waiting.loader, { path: "/moderate/waiting", headers: { Cookie: person.cookie } })).response);

async function quotableAnswer(text: string) {
  const slug = await createParentSurvey(db());
  const responseId = await createResponse(db(), slug, { "working-well": text });
  const answer = await db().selectFrom("answers").select("id").where("response_id", "=", responseId).executeTakeFirstOrThrow();
  return { responseId, answerId: answer.id };
}

async function quoteBy(person: Person, text: string) {
  const { answerId, responseId } = await quotableAnswer(text);
  return { id: await createQuote(db(), answerId, { text, themeIds: [] }, await userOf(person)), responseId };
}

async function setApprovalRule(rule: string) {
  await db().updateTable("settings").set({ value: rule }).where("key", "=", "quote_approval").execute();
  forgetSettings();
}

let periods = 0;
async function statementBy(person: Person) {
  const admin = await createStaff(db(), "administrator");
  const year = 2100 + ++periods;
  const period = await createPeriod(db(), { slug: `waiting-${periods}`, name: `Year ${year}`, startsOn: `${year}-01-01`, endsOn: `${year}-12-31` }, admin.id);
  const communication = await db().selectFrom("themes").select("id").where("slug", "=", "communication").executeTakeFirstOrThrow();
  return createStatement(db(), communication.id, period, { summary: "Families told us nobody replies.", quoteIds: [] }, person.id);
}

describe("Waiting for you", () => {
  it("says so when nothing waits, and is for staff only", async () => {
    const moderator = await createStaff(db(), "moderator");
    expect(await waitingFor(moderator)).toEqual({ title: "Waiting for you", quotes: [], statements: [] });
    const anonymous = await call(waiting.loader, { path: "/moderate/waiting" });
    expect(anonymous.response.status).toBe(302);
    expect(anonymous.response.headers.get("Location")).toContain("/sign-in");
  });

  it("lists a quote for everyone who may give its second approval, never its maker, and not once approved", async () => {
    const [maker, second, third] = [await createStaff(db(), "moderator"), await createStaff(db(), "moderator"), await createStaff(db(), "administrator")];
    const { id } = await quoteBy(maker, "The SENCO listens to us.");
    expect((await waitingFor(maker)).quotes).toEqual([]);
    expect((await waitingFor(second)).quotes).toEqual([
      expect.objectContaining({ id, kind: "approval", text: "The SENCO listens to us.", by: (await userOf(maker)).name }),
    ]);
    await approveQuote(db(), id, await userOf(second));
    expect((await waitingFor(second)).quotes).toEqual([]);
    expect((await waitingFor(third)).quotes).toEqual([]);
  });

  it("leaves out quotes from responses held for safeguarding or without consent", async () => {
    const [maker, second] = [await createStaff(db(), "moderator"), await createStaff(db(), "moderator")];
    const held = await quoteBy(maker, "Words from a held response.");
    const withdrawn = await quoteBy(maker, "Words whose consent went.");
    await holdResponse(db(), held.responseId);
    await db().updateTable("responses").set({ quote_consent: 0 }).where("id", "=", withdrawn.responseId).execute();
    const listed = (await waitingFor(second)).quotes.map((quote) => quote.id);
    expect(listed).not.toContain(held.id);
    expect(listed).not.toContain(withdrawn.id);
  });

  it("with one approval from each side, lists a quote only for the other side", async () => {
    const [council, pcf, alsoCouncil] = [
      await createStaff(db(), "moderator", "council"),
      await createStaff(db(), "moderator", "pcf"),
      await createStaff(db(), "moderator", "council"),
    ];
    await setApprovalRule("council_and_pcf");
    try {
      const { id } = await quoteBy(council, "Council words.");
      expect((await waitingFor(alsoCouncil)).quotes.map((quote) => quote.id)).not.toContain(id);
      expect((await waitingFor(pcf)).quotes.map((quote) => quote.id)).toContain(id);
    } finally {
      await setApprovalRule("two_people");
    }
  });

  it("lists a statement someone else asked to publish, and a change someone else proposed, with links to them", async () => {
    const [author, second] = [await createStaff(db(), "moderator"), await createStaff(db(), "moderator")];
    const toPublish = await statementBy(author);
    const changed = await statementBy(author);
    await requestPublication(db(), "statement", toPublish, await userOf(author));
    await proposeRevision(
      db(),
      "statement",
      changed,
      { kind: "details", payload: { summary: "New words.", quoteIds: [] }, note: "Clearer words", correction: true },
      await userOf(author),
    );

    const ownIds = (await waitingFor(author)).statements.map((s) => s.id);
    expect(ownIds).not.toContain(toPublish);
    expect(ownIds).not.toContain(changed);
    const theirs = (await waitingFor(second)).statements.filter((s) => [toPublish, changed].includes(s.id));
    expect(theirs).toEqual([
      expect.objectContaining({
        id: toPublish,
        kind: "publish",
        theme: "Communication and case-worker contact",
        period: expect.stringMatching(/^Year 21\d\d$/),
      }),
      expect.objectContaining({ id: changed, kind: "change", theme: "Communication and case-worker contact" }),
    ]);
  });
});

describe("a quote made from an answer", () => {
  it("starts with the themes of the answer's response ticked, leaving out retired ones", async () => {
    const moderator = await createStaff(db(), "moderator");
    const { responseId, answerId } = await quotableAnswer("The bus is late every day.");
    const themes = await db()
      .selectFrom("themes")
      .select(["id", "slug"])
      .where("slug", "in", ["home-to-school-transport", "communication", "tribunals-complaints"])
      .orderBy("id")
      .execute();
    const tagged_at = new Date().toISOString();
    await db()
      .insertInto("response_themes")
      .values(themes.map((theme) => ({ response_id: responseId, theme_id: theme.id, tagged_by: moderator.id, tagged_at })))
      .execute();
    const retired = themes.find((theme) => theme.slug === "tribunals-complaints")!.id;
    await db().updateTable("themes").set({ retired_at: tagged_at }).where("id", "=", retired).execute();
    try {
      const page = await readJson<{ answerThemeIds: number[] }>(
        (await call(newQuote.loader, { path: `/moderate/quotes/new?answer=${answerId}`, headers: { Cookie: moderator.cookie } })).response,
      );
      expect(page.answerThemeIds).toEqual(themes.filter((theme) => theme.id !== retired).map((theme) => theme.id));
    } finally {
      await db().updateTable("themes").set({ retired_at: null }).where("id", "=", retired).execute();
    }
  });
});
