import { getDb } from "~/db.server";
import { createQuote } from "~/moderation/quotes.server";
import * as consent from "~/routes/surveys.$slug.consent";
import * as question from "~/routes/surveys.$slug.questions.$key";
import * as start from "~/routes/surveys.$slug._index";
import * as responsePage from "~/routes/moderate.responses.$id";
import * as quotePage from "~/routes/moderate.quotes.$id";
import { getSurvey } from "~/surveys/surveys.server";
import { call, CookieJar, readJson } from "../support/remix";
import { createParentSurvey, createResponse, createStaff, createYoungPeopleSurvey, youngPeopleSurvey, counted } from "../support/factories";

const db = () => getDb();

/** The young people's survey with only English and the languages given, as a translator might leave it. */
function inLanguages(...langs: string[]) {
  const keep = <T>(texts: Record<string, T>) => Object.fromEntries(Object.entries(texts).filter(([lang]) => lang === "en" || langs.includes(lang)));
  return {
    text: keep(youngPeopleSurvey.text),
    questions: youngPeopleSurvey.questions.map((q) => ({ ...q, text: keep(q.text), options: q.options.map((o) => ({ ...o, label: keep(o.label) })) })),
  };
}

describe("surveys in other languages", () => {
  it("offers a survey in a language only when every word of it is translated", async () => {
    const complete = await createYoungPeopleSurvey(db(), inLanguages("pl"));
    const polish = await getSurvey(db(), complete, "pl");
    expect(polish?.languages).toEqual(["en", "pl"]);
    expect(polish?.lang).toBe("pl");
    expect(polish?.questions.every((q) => q.lang === "pl" && q.options.every((o) => o.lang === "pl"))).toBe(true);

    // One hint missing in Romanian: the whole survey stays in English rather than mixing the two.
    const partial = inLanguages("ro");
    partial.questions = partial.questions.map((q, index) => (index === 0 ? { ...q, text: { en: q.text.en } } : q));
    const half = await createYoungPeopleSurvey(db(), partial);
    const romanian = await getSurvey(db(), half, "ro");
    expect(romanian?.languages).toEqual(["en"]);
    expect(romanian?.lang).toBe("en");
    expect(romanian?.title).toBe(youngPeopleSurvey.text.en.title);

    const { response } = await call(start.loader, { path: `/surveys/${half}?lng=ro`, params: { slug: half } });
    const page = await readJson<{ survey: { inMyLanguage: boolean; textLang?: string } }>(response);
    expect(page.survey).toMatchObject({ inMyLanguage: false, textLang: "en" });
  });

  it("records who helped a young person answer, and shows it to moderators", async () => {
    const slug = await createYoungPeopleSurvey(db());
    const jar = new CookieJar();
    await call(start.action, { path: `/surveys/${slug}`, params: { slug }, form: { intent: "start" }, jar });
    await call(question.action, {
      path: `/surveys/${slug}/questions/school-feel`,
      params: { slug, key: "school-feel" },
      form: { intent: "continue", answer: "good" },
      jar,
    });
    await call(question.action, {
      path: `/surveys/${slug}/questions/adults-listen`,
      params: { slug, key: "adults-listen" },
      form: { intent: "continue", answer: "okay" },
      jar,
    });

    // A value the form never offered: 400, the consent choice kept, nothing stored.
    const bad = await call(consent.action, { path: `/surveys/${slug}/consent`, params: { slug }, form: { quote: "yes", helped: "robot" }, jar });
    expect(bad.response.status).toBe(400);
    expect(await readJson<{ submitted: string; helped: string }>(bad.response)).toMatchObject({ submitted: "yes", helped: "robot" });
    expect(await db().selectFrom("responses").select("id").where("helped_by", "is not", null).execute()).toHaveLength(0);

    const sent = await call(consent.action, { path: `/surveys/${slug}/consent`, params: { slug }, form: { quote: "yes", helped: "support_worker" }, jar });
    expect(sent.response.status).toBe(303);
    const stored = await db().selectFrom("responses").select(["id", "helped_by"]).where("helped_by", "=", "support_worker").executeTakeFirstOrThrow();

    const moderator = await createStaff(db(), "moderator");
    const { response } = await call(responsePage.loader, {
      path: `/moderate/responses/${stored.id}`,
      params: { id: String(stored.id) },
      headers: { Cookie: moderator.cookie },
    });
    expect((await readJson<{ response: { helpedBy: string } }>(response)).response.helpedBy).toBe("support_worker");
  });
});

describe("moderators and other languages", () => {
  it("adds an English translation beside a Polish answer, keeping the original and the log free of words", async () => {
    const slug = await createParentSurvey(db());
    const id = await createResponse(db(), slug, { "one-change": "Szybsze odpowiedzi na maile" });
    await counted(db(), [id], (trx) => trx.updateTable("responses").set({ lang: "pl" }).where("id", "=", id).execute());
    const answer = await db().selectFrom("answers").select("id").where("response_id", "=", id).where("text", "is not", null).executeTakeFirstOrThrow();
    const moderator = await createStaff(db(), "moderator");
    const path = `/moderate/responses/${id}`;
    const post = (translation: string) =>
      call(responsePage.action, {
        path,
        params: { id: String(id) },
        headers: { Cookie: moderator.cookie },
        form: { csrf: moderator.csrf, intent: "translate", answer: String(answer.id), translation },
      });

    const empty = await post("   ");
    expect(empty.response.status).toBe(400);
    const long = await post("x".repeat(5001));
    expect(long.response.status).toBe(400);
    expect(await readJson<{ translation: { text: string } }>(long.response)).toMatchObject({ translation: { text: "x".repeat(5001) } });

    const saved = await post("Faster replies to emails");
    expect(saved.response.status).toBe(303);
    const row = await db().selectFrom("answers").select(["text", "translation", "translated_by"]).where("id", "=", answer.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ text: "Szybsze odpowiedzi na maile", translation: "Faster replies to emails", translated_by: moderator.id });
    const log = await db().selectFrom("audit_log").selectAll().where("action", "=", "answer.translate").execute();
    expect(log).toHaveLength(1);
    expect(JSON.stringify(log)).not.toContain("Faster");

    const { response } = await call(responsePage.loader, { path, params: { id: String(id) }, headers: { Cookie: moderator.cookie } });
    const data = await readJson<{ response: { answers: { text: string | null; translation: string | null }[] } }>(response);
    expect(data.response.answers).toContainEqual(expect.objectContaining({ text: "Szybsze odpowiedzi na maile", translation: "Faster replies to emails" }));
  });

  it("keeps a quote in its own language with an English translation, and editing the translation needs approval again", async () => {
    const slug = await createParentSurvey(db());
    const id = await createResponse(db(), slug, { "one-change": "Więcej pomocy w szkole" });
    await counted(db(), [id], (trx) => trx.updateTable("responses").set({ lang: "pl" }).where("id", "=", id).execute());
    const answer = await db().selectFrom("answers").select("id").where("response_id", "=", id).where("text", "is not", null).executeTakeFirstOrThrow();
    const [maker, checker] = [await createStaff(db(), "moderator"), await createStaff(db(), "administrator", "pcf")];
    const user = (staff: typeof maker, organisation: string) => ({ id: staff.id, name: "n", email: staff.email, role: "moderator" as const, organisation });
    const quote = await createQuote(
      db(),
      answer.id,
      { text: "Więcej pomocy w szkole", themeIds: [], translation: "More help at school" },
      user(maker, "council"),
    );
    expect(await db().selectFrom("quotes").select(["lang", "translation"]).where("id", "=", quote).executeTakeFirstOrThrow()).toEqual({
      lang: "pl",
      translation: "More help at school",
    });

    const edit = await call(quotePage.action, {
      path: `/moderate/quotes/${quote}`,
      params: { id: String(quote) },
      headers: { Cookie: checker.cookie },
      form: { csrf: checker.csrf, intent: "save", text: "Więcej pomocy w szkole", translation: "More support at school" },
    });
    expect(edit.response.status).toBe(303);
    expect(await db().selectFrom("quotes").select(["translation", "approved_at"]).where("id", "=", quote).executeTakeFirstOrThrow()).toEqual({
      translation: "More support at school",
      approved_at: null,
    });
  });
});
