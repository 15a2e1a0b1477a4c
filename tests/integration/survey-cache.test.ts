import { sql } from "kysely";
import { createDb } from "../../db/connection";
import { getDb } from "~/db.server";
import * as questionPage from "~/routes/admin.surveys.$slug.questions.$key";
import * as translate from "~/routes/admin.surveys.$slug.translate.$lang";
import * as question from "~/routes/surveys.$slug.questions.$key";
import * as start from "~/routes/surveys.$slug._index";
import { exportSurvey } from "~/surveys/export.server";
import { getSurvey } from "~/surveys/surveys.server";
import { call, CookieJar, readJson } from "../support/remix";
import { createEveryKindSurvey, createStaff } from "../support/factories";

// Survey views and the answer checks built from them are kept in memory (app/surveys/surveys.server.ts):
// what an administrator changes must reach the next respondent's page at once.

const db = () => getDb();

interface QuestionData {
  fields: { question: { text: string; lang: string } }[];
}

async function begin(slug: string) {
  const jar = new CookieJar();
  await call(start.action, { path: `/surveys/${slug}`, params: { slug }, form: { intent: "start" }, jar });
  return jar;
}

async function showQuestion(slug: string, key: string, jar: CookieJar, lang = "en") {
  const page = await call(question.loader, { path: `/surveys/${slug}/questions/${key}`, params: { slug, key }, jar, headers: { "Accept-Language": lang } });
  expect(page.response.status).toBe(200);
  return readJson<QuestionData>(page.response);
}

const answer = (slug: string, key: string, value: string, jar: CookieJar) =>
  call(question.action, { path: `/surveys/${slug}/questions/${key}`, params: { slug, key }, form: { intent: "continue", answer: value }, jar });

async function firstError(response: Response) {
  return (await readJson<{ errors: { message: string }[] }>(response)).errors[0].message;
}

/** The builder's question form sent back with the stored settings, and these changes. */
async function editQuestion(slug: string, key: string, changes: Record<string, string>, admin: { cookie: string; csrf: string }) {
  const stored = (await exportSurvey(db(), slug))!.questions.find((q) => q.key === key)!;
  const kept = {
    text: stored.text.en.text,
    kind: stored.kind,
    section: stored.section,
    required: stored.required ? "yes" : "no",
    theme: "",
    maxLength: String(stored.maxLength ?? ""),
  };
  return call(questionPage.action, {
    path: `/admin/surveys/${slug}/questions/${key}`,
    params: { slug, key },
    form: { csrf: admin.csrf, intent: "save", ...kept, ...changes },
    headers: { Cookie: admin.cookie },
  });
}

describe("a survey kept in memory", () => {
  it("shows an administrator's change to the next respondent at once, and checks answers by the new rule", async () => {
    const slug = await createEveryKindSurvey(db());
    const admin = await createStaff(db(), "administrator");
    const early = await begin(slug);

    // The first visit and the first answer fill the cache: the view, and the check built from it.
    expect((await showQuestion(slug, "words", early)).fields[0].question.text).toBe("Anything else?");
    const tooLong = await answer(slug, "words", "x".repeat(30), early);
    expect(tooLong.response.status).toBe(400);
    expect(await firstError(tooLong.response)).toBe("Your answer must be 20 characters or fewer");

    const edited = await editQuestion(slug, "words", { text: "Anything more to tell us?", maxLength: "40" }, admin);
    expect(edited.response.status).toBe(303);

    const next = await begin(slug);
    expect((await showQuestion(slug, "words", next)).fields[0].question.text).toBe("Anything more to tell us?");
    expect((await answer(slug, "words", "x".repeat(30), next)).response.status).toBe(303);
    expect(await firstError((await answer(slug, "words", "x".repeat(41), next)).response)).toBe("Your answer must be 40 characters or fewer");

    // Someone already answering finishes on the words and rules they started with (a new survey version).
    expect((await showQuestion(slug, "words", early)).fields[0].question.text).toBe("Anything else?");
    expect(await firstError((await answer(slug, "words", "x".repeat(30), early)).response)).toBe("Your answer must be 20 characters or fewer");
  });

  it("offers the survey in a language on the next page after its translation is finished", async () => {
    const slug = await createEveryKindSurvey(db());
    const admin = await createStaff(db(), "administrator");
    const jar = await begin(slug);
    expect((await showQuestion(slug, "route", jar, "pl")).fields[0].question).toEqual(expect.objectContaining({ text: "Which way?", lang: "en" }));

    const form = await call(translate.loader, { path: `/admin/surveys/${slug}/translate/pl`, params: { slug, lang: "pl" }, headers: { Cookie: admin.cookie } });
    const { texts } = await readJson<{ texts: { key: string; english: string }[] }>(form.response);
    const polish = Object.fromEntries(texts.map((text) => [text.key, `PL ${text.english}`]));
    const saved = await call(translate.action, {
      path: `/admin/surveys/${slug}/translate/pl`,
      params: { slug, lang: "pl" },
      form: { csrf: admin.csrf, ...polish },
      headers: { Cookie: admin.cookie },
    });
    expect(saved.response.status).toBe(303);

    expect((await showQuestion(slug, "route", jar, "pl")).fields[0].question).toEqual(expect.objectContaining({ text: "PL Which way?", lang: "pl" }));
    // English readers still get English.
    expect((await showQuestion(slug, "route", jar)).fields[0].question.text).toBe("Which way?");
  });

  it("gives every request the same view of a survey, which none of them can change", async () => {
    const slug = await createEveryKindSurvey(db());
    const first = (await getSurvey(db(), slug, "en"))!;
    const second = (await getSurvey(db(), slug, "en"))!;
    expect(second).toBe(first);
    expect(() => {
      (first.questions[0] as { text: string }).text = "Changed by one request";
    }).toThrow(TypeError);
    expect(second.questions[0].text).toBe("Which way?");
  });

  it("sees a change another process made on the very next request, through the cache's generation in the database", async () => {
    const slug = await createEveryKindSurvey(db());
    const before = await getSurvey(db(), slug, "en");
    const question = before!.questions[0];
    // Another process: its own connection to the same database, changing the words and marking the change as the app does.
    const other = createDb(process.env.DATABASE_URL ?? process.env.DATABASE_PATH!);
    try {
      await sql`update question_translations set text = ${"Words another process wrote"} where question_id = ${question.id} and lang = 'en'`.execute(other);
      expect((await getSurvey(db(), slug, "en"))!.questions[0].text).toBe(question.text);
      await sql`insert into cache_generations (name, generation) values ('surveys', 1) on conflict (name) do update set generation = cache_generations.generation + 1`.execute(
        other,
      );
    } finally {
      await other.destroy();
    }
    expect((await getSurvey(db(), slug, "en"))!.questions[0].text).toBe("Words another process wrote");
  });
});
