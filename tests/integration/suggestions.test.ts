import { getDb } from "~/db.server";
import { suggestThemes } from "~/moderation/suggestions.server";
import { termsOf } from "~/moderation/terms";
import { tagResponses } from "~/moderation/tags.server";
import { continueMerges, startMerge } from "~/moderation/merges.server";
import { setRetired } from "~/moderation/themes.server";
import * as responsePage from "~/routes/moderate.responses.$id";
import { heldOutFigures, readCorpus } from "../bench/suggestions-bench";
import { call, readJson } from "../support/remix";
import { createParentSurvey, createResponse, createStaff, counted } from "../support/factories";

const db = () => getDb();
type Person = Awaited<ReturnType<typeof createStaff>>;
type Page = { response: { themeIds: number[]; status: string }; suggestions: { themeId: number; name: string; words: string[] }[]; saved: boolean };

const themeId = async (slug: string) => (await db().selectFrom("themes").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id;
const tagsOf = async (responseId: number) =>
  (await db().selectFrom("response_themes").select("theme_id").where("response_id", "=", responseId).execute()).map((row) => row.theme_id);
const termRows = (term: string) => db().selectFrom("suggestion_terms").select(["lang", "theme_id", "n"]).where("term", "=", term).orderBy("theme_id").execute();
const docsOf = async (id: number, lang = "en") =>
  (await db().selectFrom("suggestion_docs").select(["n", "terms"]).where("theme_id", "=", id).where("lang", "=", lang).executeTakeFirst()) ?? null;
const vocabulary = async (lang: string) =>
  Number((await db().selectFrom("suggestion_languages").select("vocabulary").where("lang", "=", lang).executeTakeFirst())?.vocabulary ?? 0);

const openPage = async (person: Person, id: number, query = "") =>
  readJson<Page>(
    (await call(responsePage.loader, { path: `/moderate/responses/${id}${query}`, params: { id: String(id) }, headers: { Cookie: person.cookie } })).response,
  );
const save = (person: Person, id: number, form: Record<string, string | string[]>) =>
  call(responsePage.action, {
    path: `/moderate/responses/${id}`,
    params: { id: String(id) },
    form: { csrf: person.csrf, intent: "save", version: "0", status: "new", ...form },
    headers: { Cookie: person.cookie },
  });

let slug: string;
let moderator: Person;
let figures: Awaited<ReturnType<typeof heldOutFigures>>;

beforeAll(async () => {
  // The model learns from the labelled corpus through moderators' saves, and is then scored on answers it never saw.
  slug = await createParentSurvey(db());
  moderator = await createStaff(db(), "moderator");
  const survey = await db().selectFrom("surveys").select("id").where("slug", "=", slug).executeTakeFirstOrThrow();
  const question = await db().selectFrom("questions").select("id").where("survey_id", "=", survey.id).where("key", "=", "one-change").executeTakeFirstOrThrow();
  figures = await heldOutFigures(db(), readCorpus("en"), { surveyId: survey.id, questionId: question.id, userId: moderator.id });
});

describe("words", () => {
  it("are segmented in the answer's language, lower-cased, without stop words, with neighbouring pairs", () => {
    expect(termsOf("Nobody REPLIES to my e-mails, 3 times!", "en")).toEqual([
      "nobody",
      "replies",
      "e",
      "mails",
      "times",
      "nobody replies",
      "replies e",
      "e mails",
      "mails times",
    ]);
    expect(termsOf("আমার ছেলের স্কুলে কোনো সাহায্য নেই", "bn")).toContain("স্কুলে");
    expect(termsOf("میرے بیٹے کے اسکول میں کوئی مدد نہیں", "ur")).toContain("اسکول");
    expect(termsOf("Nie ma pomocy w szkole", "pl")).toEqual(["ma", "pomocy", "szkole", "ma pomocy", "pomocy szkole"]);
    // Easy Read is English, and shares English's words.
    expect(termsOf("I want help", "en-x-easyread")).toEqual(["want", "help", "want help"]);
  });
});

describe("theme suggestions", () => {
  it("do better than the commonest themes on answers held out from learning", () => {
    expect(figures.heldOut).toBe(38);
    expect(figures.precisionAt1).toBeGreaterThan(figures.baselineAt1);
    expect(figures.precisionAt3).toBeGreaterThan(figures.baselineAt3);
    expect(figures.shownPrecision).toBeGreaterThan(figures.baselineAt1);
  });

  it("are shown with the words that led to them, and nothing is tagged until a person ticks and saves", async () => {
    const transport = await themeId("home-to-school-transport");
    const id = await createResponse(db(), slug, { "one-change": "The school bus is always late and the driver never waits for him." });
    const docsBefore = await db().selectFrom("suggestion_docs").selectAll().orderBy("theme_id").execute();

    const page = await openPage(moderator, id);
    expect(page.suggestions.length).toBeGreaterThan(0);
    expect(page.suggestions.length).toBeLessThanOrEqual(3);
    expect(page.suggestions[0]).toMatchObject({ themeId: transport, name: "Home-to-school transport" });
    expect(page.suggestions[0].words).toContain("bus");
    expect(page.suggestions[0].words.length).toBeLessThanOrEqual(4);
    expect(page.response.themeIds).toEqual([]);
    expect(await tagsOf(id)).toEqual([]);

    // Saving without ticking anything tags nothing, leaves it New and teaches the model nothing.
    expect((await save(moderator, id, {})).response.status).toBe(303);
    expect(await tagsOf(id)).toEqual([]);
    expect((await db().selectFrom("responses").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status).toBe("new");
    expect(await db().selectFrom("suggestion_docs").selectAll().orderBy("theme_id").execute()).toEqual(docsBefore);

    // The person ticks the suggestion: now it is a tag, made by them.
    expect((await save(moderator, id, { version: "1", theme: String(transport) })).response.status).toBe(303);
    expect(await db().selectFrom("response_themes").select(["theme_id", "tagged_by"]).where("response_id", "=", id).execute()).toEqual([
      { theme_id: transport, tagged_by: moderator.id },
    ]);
  });

  it("learn as tags are saved and forget them when a tag is taken off, in every count", async () => {
    const theme = await themeId("inclusion-community-leisure");
    const id = await createResponse(db(), slug, { "one-change": "A trampoline zorbing club please." });
    const [docsBefore, vocabularyBefore] = [await docsOf(theme), await vocabulary("en")];
    expect(await termRows("zorbing")).toEqual([]);

    await save(moderator, id, { theme: String(theme) });
    expect(await termRows("zorbing")).toEqual([{ lang: "en", theme_id: theme, n: 1 }]);
    expect(await termRows("trampoline zorbing")).toEqual([{ lang: "en", theme_id: theme, n: 1 }]);
    expect(await docsOf(theme)).toEqual({ n: docsBefore!.n + 1, terms: docsBefore!.terms + termsOf("A trampoline zorbing club please.", "en").length });
    // "zorbing", "trampoline", and the three pairs are new words; "club" and "please" were known.
    expect(await vocabulary("en")).toBe(vocabularyBefore + 5);

    await save(moderator, id, { version: "1", status: "in_review" });
    expect(await termRows("zorbing")).toEqual([]);
    expect(await docsOf(theme)).toEqual(docsBefore);
    expect(await vocabulary("en")).toBe(vocabularyBefore);
  });

  it("learn from tags added to many responses at once from the queue", async () => {
    const theme = await themeId("local-offer-information");
    const ids = [
      await createResponse(db(), slug, { "one-change": "The brochure about wombats." }),
      await createResponse(db(), slug, { "one-change": "More wombats." }),
    ];
    expect(await tagResponses(db(), ids, theme, moderator.id)).toBe(2);
    expect(await termRows("wombats")).toEqual([{ lang: "en", theme_id: theme, n: 2 }]);
  });

  it("keep one model per language, with Easy Read learning as English", async () => {
    const theme = await themeId("communication");
    const polish = await createResponse(db(), slug, { "one-change": "Nikt nie odpowiada na maile." });
    await counted(db(), [polish], (trx) => trx.updateTable("responses").set({ lang: "pl" }).where("id", "=", polish).execute());
    const easy = await createResponse(db(), slug, { "one-change": "Nobody talks to me about quokka." });
    await counted(db(), [easy], (trx) => trx.updateTable("responses").set({ lang: "en-x-easyread" }).where("id", "=", easy).execute());
    await save(moderator, polish, { theme: String(theme) });
    await save(moderator, easy, { theme: String(theme) });
    expect(await termRows("maile")).toEqual([{ lang: "pl", theme_id: theme, n: 1 }]);
    expect(await termRows("quokka")).toEqual([{ lang: "en", theme_id: theme, n: 1 }]);
    // One tagged Polish answer is not enough to suggest anything in Polish.
    expect(await suggestThemes(db(), ["Nikt nie odpowiada na maile."], "pl")).toEqual([]);
  });

  it("never suggest a retired theme", async () => {
    const transport = await themeId("home-to-school-transport");
    const text = ["The school bus is always late and the taxi never turns up."];
    expect((await suggestThemes(db(), text, "en")).map((s) => s.themeId)).toContain(transport);
    await setRetired(db(), transport, true, moderator.id);
    expect((await suggestThemes(db(), text, "en")).map((s) => s.themeId)).not.toContain(transport);
    await setRetired(db(), transport, false, moderator.id);
  });

  it("move with a merged theme, counting a response tagged with both once", async () => {
    const admin = await createStaff(db(), "administrator");
    const [from, into] = await Promise.all(
      ["merge-from", "merge-into"].map(async (name) => {
        const { id } = await db().insertInto("themes").values({ slug: name }).returning("id").executeTakeFirstOrThrow();
        await db().insertInto("theme_translations").values({ theme_id: id, lang: "en", name, description: null }).execute();
        return id;
      }),
    );
    const onlyFrom = await createResponse(db(), slug, { "one-change": "Wibble alpha." });
    const both = await createResponse(db(), slug, { "one-change": "Wobble alpha." });
    await save(moderator, onlyFrom, { theme: String(from) });
    await save(moderator, both, { theme: [String(from), String(into)] });

    await startMerge(db(), from, into, admin.id);
    await continueMerges(db(), 1);
    expect(await docsOf(from)).toBeNull();
    expect(await docsOf(into)).toEqual({ n: 2, terms: 6 });
    expect(await termRows("alpha")).toEqual([{ lang: "en", theme_id: into, n: 2 }]);
    expect(await termRows("wobble")).toEqual([{ lang: "en", theme_id: into, n: 1 }]);
    expect(await termRows("wibble alpha")).toEqual([{ lang: "en", theme_id: into, n: 1 }]);
  });
});

describe("saving tags from the keyboard", () => {
  it("moves a New response to In review, logged, and lands on the Saved banner", async () => {
    const theme = await themeId("communication");
    const id = await createResponse(db(), slug, { "one-change": "Please phone me back." });
    const { response } = await save(moderator, id, { theme: String(theme) });
    expect(response.headers.get("Location")).toBe(`/moderate/responses/${id}?saved=1#saved`);
    expect((await db().selectFrom("responses").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status).toBe("in_review");
    const log = await db()
      .selectFrom("audit_log")
      .select(["action", "before", "after"])
      .where("entity_id", "=", String(id))
      .where("action", "=", "response.status")
      .execute();
    expect(log).toEqual([{ action: "response.status", before: JSON.stringify({ status: "new" }), after: JSON.stringify({ status: "in_review" }) }]);
    const page = await openPage(moderator, id, "?saved=1");
    expect(page).toMatchObject({ saved: true, response: { status: "in_review", themeIds: [theme] } });
  });

  it("keeps a status the moderator chose", async () => {
    const id = await createResponse(db(), slug, { "one-change": "All good now." });
    await save(moderator, id, { theme: String(await themeId("communication")), status: "done" });
    expect((await db().selectFrom("responses").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status).toBe("done");
  });
});
