import { getDb } from "~/db.server";
import { responseForModeration } from "~/moderation/response.server";
import * as overview from "~/routes/admin.surveys.$slug._index";
import * as details from "~/routes/admin.surveys.$slug.details";
import * as questionPage from "~/routes/admin.surveys.$slug.questions.$key";
import * as translate from "~/routes/admin.surveys.$slug.translate.$lang";
import * as newSurvey from "~/routes/admin.surveys.new";
import * as check from "~/routes/surveys.$slug.check";
import * as consent from "~/routes/surveys.$slug.consent";
import * as exitPage from "~/routes/surveys.$slug.exit.$key";
import * as question from "~/routes/surveys.$slug.questions.$key";
import * as start from "~/routes/surveys.$slug._index";
import { fixedT } from "~/i18n/i18n.server";
import { themeWordings } from "~/publishing/wordings.server";
import { exportSurvey } from "~/surveys/export.server";
import { getSurvey } from "~/surveys/surveys.server";
import { call, CookieJar, readJson } from "../support/remix";
import { createEveryKindSurvey, createStaff } from "../support/factories";

const db = () => getDb();
const t = fixedT("en", ["staff", "common"]);

async function begin(slug: string) {
  const jar = new CookieJar();
  await call(start.action, { path: `/surveys/${slug}`, params: { slug }, form: { intent: "start" }, jar });
  return jar;
}

const answer = (slug: string, key: string, value: string | string[], jar: CookieJar) =>
  call(question.action, { path: `/surveys/${slug}/questions/${key}`, params: { slug, key }, form: { intent: "continue", answer: value }, jar });

async function answerAll(slug: string, jar: CookieJar, many: string[] = ["a"]) {
  await answer(slug, "route", "left", jar);
  await answer(slug, "left-only", "yes", jar);
  await answer(slug, "agree", "agree", jar);
  await answer(slug, "many", many, jar);
}

async function send(slug: string, jar: CookieJar) {
  const sent = await call(consent.action, { path: `/surveys/${slug}/consent`, params: { slug }, form: { quote: "no" }, jar });
  expect(sent.response.headers.get("Location")).toBe(`/surveys/${slug}/confirmation`);
  return db().selectFrom("responses").select(["id", "survey_version"]).orderBy("id", "desc").executeTakeFirstOrThrow();
}

async function editQuestion(slug: string, key: string, form: Record<string, string>, cookie: string, csrf: string) {
  const survey = (await exportSurvey(db(), slug))!;
  const stored = survey.questions.find((q) => q.key === key)!;
  const options = Object.fromEntries(
    stored.options.flatMap((option, index) => [
      [`option-${index}-value`, option.value],
      [`option-${index}-label`, option.label.en],
    ]),
  );
  // What the form sends back unchanged: the question's settings as stored.
  const theme = stored.theme ? String((await db().selectFrom("themes").select("id").where("slug", "=", stored.theme).executeTakeFirstOrThrow()).id) : "";
  const kept = {
    text: stored.text.en.text,
    kind: stored.kind,
    section: stored.section,
    required: stored.required ? "yes" : "no",
    theme,
    maxLength: String(stored.maxLength ?? ""),
  };
  return call(questionPage.action, {
    path: `/admin/surveys/${slug}/questions/${key}`,
    params: { slug, key },
    form: { csrf, intent: "save", ...kept, ...options, ...form },
    headers: { Cookie: cookie },
  });
}

async function versionsOf(responseId: number) {
  return db()
    .selectFrom("answers as a")
    .innerJoin("questions as q", "q.id", "a.question_id")
    .select(["q.key", "a.question_version"])
    .where("a.response_id", "=", responseId)
    .where("q.key", "=", "agree")
    .executeTakeFirstOrThrow();
}

describe("an answer never changes meaning", () => {
  it("keeps old answers and drafts on the wording they were given, and new answers on the new one", async () => {
    const slug = await createEveryKindSurvey(db());
    const admin = await createStaff(db(), "administrator");

    // Before any response, a change is made in place: nobody has seen the old words.
    await editQuestion(slug, "agree", { text: "I get replies quickly." }, admin.cookie, admin.csrf);
    expect((await getSurvey(db(), slug, "en"))!.version).toBe(1);

    const first = await begin(slug);
    await answerAll(slug, first);
    const early = await send(slug, first);
    const halfway = await begin(slug);
    await answer(slug, "route", "left", halfway);

    const edited = await editQuestion(slug, "agree", { text: "I get a reply within five working days." }, admin.cookie, admin.csrf);
    expect(edited.response.status).toBe(303);
    expect(edited.response.headers.get("Location")).toMatch(/done=newVersion/);
    const survey = (await getSurvey(db(), slug, "en"))!;
    expect(survey.version).toBe(2);
    expect(survey.questions.find((q) => q.key === "agree")).toMatchObject({ text: "I get a reply within five working days.", version: 2 });

    // The draft started before the edit finishes on its own version.
    const page = await call(question.loader, { path: `/surveys/${slug}/questions/agree`, params: { slug, key: "agree" }, jar: halfway });
    expect((await readJson<{ fields: { question: { text: string } }[] }>(page.response)).fields[0].question.text).toBe("I get replies quickly.");
    await answer(slug, "left-only", "no", halfway);
    await answer(slug, "agree", "disagree", halfway);
    const late = await send(slug, halfway);

    const fresh = await begin(slug);
    const freshPage = await call(question.loader, { path: `/surveys/${slug}/questions/agree`, params: { slug, key: "agree" }, jar: fresh });
    expect((await readJson<{ fields: { question: { text: string } }[] }>(freshPage.response)).fields[0].question.text).toBe(
      "I get a reply within five working days.",
    );
    await answerAll(slug, fresh);
    const newer = await send(slug, fresh);

    expect([early.survey_version, late.survey_version, newer.survey_version]).toEqual([1, 1, 2]);
    expect((await versionsOf(early.id)).question_version).toBe(1);
    expect((await versionsOf(late.id)).question_version).toBe(1);
    expect((await versionsOf(newer.id)).question_version).toBe(2);

    // Moderators read each response in the words its respondent saw.
    const wording = async (id: number) =>
      (await responseForModeration(db(), id, "en", t))!.answers.find((a) => a.labels.length && a.question.startsWith("I get"))!.question;
    expect(await wording(early.id)).toBe("I get replies quickly.");
    expect(await wording(late.id)).toBe("I get replies quickly.");
    expect(await wording(newer.id)).toBe("I get a reply within five working days.");

    // A typo fix keeps the version, and the history says so.
    await editQuestion(slug, "agree", { text: "I get a reply within five working days!", typoOnly: "yes" }, admin.cookie, admin.csrf);
    expect((await getSurvey(db(), slug, "en"))!.questions.find((q) => q.key === "agree")!.version).toBe(2);
    const log = await db()
      .selectFrom("audit_log")
      .select("action")
      .where("entity", "=", "survey")
      .where("action", "like", "survey.question.%")
      .orderBy("id")
      .execute();
    expect(log.map((row) => row.action)).toEqual(["survey.question.changed", "survey.question.new_version", "survey.question.typo"]);

    // Figures built on the theme this question carries say that it was asked in two wordings, and which.
    const theme = (await db().selectFrom("themes").select("id").where("slug", "=", "communication").executeTakeFirstOrThrow()).id;
    const today = new Date().toISOString().slice(0, 10);
    expect((await themeWordings(db(), { from: today, to: today })).get(theme)).toContainEqual({
      wordings: ["I get replies quickly.", "I get a reply within five working days!"],
    });
  });

  it("retires a chosen option instead of deleting it, so the answers keep their label", async () => {
    const slug = await createEveryKindSurvey(db());
    const admin = await createStaff(db(), "administrator");
    const jar = await begin(slug);
    await answerAll(slug, jar, ["b"]);
    const response = await send(slug, jar);

    // Option 2 ("B") is emptied: removed from the question. Option 1 changes its words.
    const edited = await editQuestion(
      slug,
      "many",
      { "option-0-label": "A, or something like it", "option-1-label": "", "option-2-label": "C" },
      admin.cookie,
      admin.csrf,
    );
    expect(edited.response.status).toBe(303);
    const options = await db()
      .selectFrom("question_options as o")
      .innerJoin("questions as q", "q.id", "o.question_id")
      .select(["o.value", "o.retired_at"])
      .where("q.key", "=", "many")
      .where("q.survey_id", "=", (await getSurvey(db(), slug, "en"))!.id)
      .orderBy("o.value")
      .execute();
    expect(options.map((option) => [option.value, option.retired_at !== null])).toEqual([
      ["a", false],
      ["b", true],
      ["c", false],
    ]);
    const current = (await exportSurvey(db(), slug))!.questions.find((q) => q.key === "many")!;
    expect(current.options.map((option) => option.label.en)).toEqual(["A, or something like it", "C"]);
    const read = (await responseForModeration(db(), response.id, "en", t))!;
    expect(read.answers.find((a) => a.question === "Which apply?")!.labels).toEqual(["B"]);
  });
});

describe("the survey builder", () => {
  it("creates a survey from the form with GOV.UK dates, and refuses bad input at its field, storing nothing", async () => {
    const admin = await createStaff(db(), "administrator");
    const form = {
      csrf: admin.csrf,
      title: "Local Offer feedback",
      slug: "local-offer-feedback",
      audience: "parent_carer",
      summary: "Tell us if the Local Offer website helped you.",
      description: "It takes five minutes.",
      estimatedMinutes: "5",
      "opensOn-day": "6",
      "opensOn-month": "",
      "opensOn-year": "2027",
    };
    const refused = await call(newSurvey.action, { path: "/admin/surveys/new", form, headers: { Cookie: admin.cookie } });
    expect(refused.response.status).toBe(400);
    const body = await readJson<{ errors: { field: string; message: string }[]; values: Record<string, string> }>(refused.response);
    expect(body.errors).toEqual([{ field: "opensOn", message: "Opening date must include a month" }]);
    expect(body.values.title).toBe("Local Offer feedback");
    expect(await db().selectFrom("surveys").select("id").where("slug", "=", "local-offer-feedback").executeTakeFirst()).toBeUndefined();

    const unreal = await call(newSurvey.action, {
      path: "/admin/surveys/new",
      form: { ...form, "opensOn-month": "2", "opensOn-day": "30" },
      headers: { Cookie: admin.cookie },
    });
    expect((await readJson<{ errors: { message: string }[] }>(unreal.response)).errors[0].message).toBe("Opening date must be a real date");

    const created = await call(newSurvey.action, {
      path: "/admin/surveys/new",
      form: { ...form, "opensOn-month": "1", "closesOn-day": "31", "closesOn-month": "3", "closesOn-year": "2027" },
      headers: { Cookie: admin.cookie },
    });
    expect(created.response.headers.get("Location")).toBe("/admin/surveys/local-offer-feedback?done=created");
    const stored = await db()
      .selectFrom("surveys")
      .select(["status", "opens_at", "closes_at"])
      .where("slug", "=", "local-offer-feedback")
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ status: "draft", opens_at: "2027-01-06T00:00:00.000Z", closes_at: "2027-03-31T23:00:00.000Z" });
    // 31 March 2027 is in British Summer Time: the survey closes at midnight in London, 23:00 UTC.

    const again = await call(newSurvey.action, { path: "/admin/surveys/new", form: { ...form, "opensOn-month": "1" }, headers: { Cookie: admin.cookie } });
    expect(again.response.status).toBe(400);
    expect((await readJson<{ errors: { field: string }[] }>(again.response)).errors[0].field).toBe("slug");
  });

  it("refuses a condition that points forward, naming the question, and a survey without questions cannot open", async () => {
    const slug = await createEveryKindSurvey(db());
    const admin = await createStaff(db(), "administrator");
    const survey = (await getSurvey(db(), slug, "en"))!;
    const route = survey.questions.find((q) => q.key === "route")!;
    // "route" is the first question: it cannot depend on "left-only" after it (a loop, too).
    const leftOnly = survey.questions.find((q) => q.key === "left-only")!;
    const forward = await editQuestion(slug, "route", { showIf: `${leftOnly.id}:yes` }, admin.cookie, admin.csrf);
    expect(forward.response.status).toBe(400);
    const forwardBody = await readJson<{ errors: { field: string; message: string }[] }>(forward.response);
    expect(forwardBody.errors[0].field).toBe("showIf");
    expect(forwardBody.errors[0].message).toContain("Only for left?");
    expect((await getSurvey(db(), slug, "en"))!.questions.find((q) => q.key === "route")!.showIf).toBeNull();

    const removeDepended = await call(overview.action, {
      path: `/admin/surveys/${slug}`,
      params: { slug },
      form: { csrf: admin.csrf, intent: "remove", question: String(route.id) },
      headers: { Cookie: admin.cookie },
    });
    expect(removeDepended.response.status).toBe(400);
    expect((await readJson<{ errors: { message: string }[] }>(removeDepended.response)).errors[0].message).toContain("Only for left?");

    const moved = await call(overview.action, {
      path: `/admin/surveys/${slug}`,
      params: { slug },
      form: { csrf: admin.csrf, intent: "down", question: String(route.id) },
      headers: { Cookie: admin.cookie },
    });
    expect(moved.response.status).toBe(400);
    const movedFaces = await call(overview.action, {
      path: `/admin/surveys/${slug}`,
      params: { slug },
      form: { csrf: admin.csrf, intent: "up", question: String(survey.questions.find((q) => q.key === "faces")!.id) },
      headers: { Cookie: admin.cookie },
    });
    expect(movedFaces.response.status).toBe(303);
    expect((await getSurvey(db(), slug, "en"))!.questions.map((q) => q.key)).toEqual(["route", "left-only", "faces", "agree", "many", "words", "age"]);

    const empty = await call(newSurvey.action, {
      path: "/admin/surveys/new",
      form: {
        csrf: admin.csrf,
        title: "Empty",
        slug: `empty-${slug}`,
        audience: "young_person",
        summary: "Nothing yet.",
        description: "",
        estimatedMinutes: "3",
      },
      headers: { Cookie: admin.cookie },
    });
    expect(empty.response.status).toBe(303);
    const opened = await call(overview.action, {
      path: `/admin/surveys/empty-${slug}`,
      params: { slug: `empty-${slug}` },
      form: { csrf: admin.csrf, intent: "open" },
      headers: { Cookie: admin.cookie },
    });
    expect(opened.response.status).toBe(400);
    expect(await db().selectFrom("surveys").select("status").where("slug", "=", `empty-${slug}`).executeTakeFirstOrThrow()).toEqual({ status: "draft" });
  });

  it("offers a language only once every text is translated, and never deletes a survey with responses", async () => {
    const slug = await createEveryKindSurvey(db());
    const admin = await createStaff(db(), "administrator");
    const page = await call(translate.loader, { path: `/admin/surveys/${slug}/translate/pl`, params: { slug, lang: "pl" }, headers: { Cookie: admin.cookie } });
    const { texts, progress } = await readJson<{ texts: { key: string; english: string }[]; progress: { done: number; total: number } }>(page.response);
    expect(progress).toEqual({ done: 0, total: texts.length });
    const polish = Object.fromEntries(texts.map((text) => [text.key, `PL ${text.english}`]));
    const allButOne = Object.fromEntries(Object.entries(polish).slice(0, -1));

    await call(translate.action, {
      path: `/admin/surveys/${slug}/translate/pl`,
      params: { slug, lang: "pl" },
      form: { csrf: admin.csrf, ...allButOne },
      headers: { Cookie: admin.cookie },
    });
    expect((await getSurvey(db(), slug, "pl"))!.lang).toBe("en");
    await call(translate.action, {
      path: `/admin/surveys/${slug}/translate/pl`,
      params: { slug, lang: "pl" },
      form: { csrf: admin.csrf, ...polish },
      headers: { Cookie: admin.cookie },
    });
    const inPolish = (await getSurvey(db(), slug, "pl"))!;
    expect(inPolish.lang).toBe("pl");
    expect(inPolish.title).toBe("PL Every kind of question");

    // A change to what a question asks sends its translation back to be done again.
    const jar = await begin(slug);
    await answerAll(slug, jar);
    await send(slug, jar);
    await editQuestion(slug, "agree", { text: "I get a reply within a week." }, admin.cookie, admin.csrf);
    expect((await getSurvey(db(), slug, "pl"))!.lang).toBe("en");

    const closed = await call(overview.action, {
      path: `/admin/surveys/${slug}`,
      params: { slug },
      form: { csrf: admin.csrf, intent: "close" },
      headers: { Cookie: admin.cookie },
    });
    expect(closed.response.status).toBe(303);
    const deleted = await call(overview.action, {
      path: `/admin/surveys/${slug}`,
      params: { slug },
      form: { csrf: admin.csrf, intent: "delete" },
      headers: { Cookie: admin.cookie },
    });
    expect(deleted.response.status).toBe(400);
    expect((await readJson<{ errors: { message: string }[] }>(deleted.response)).errors[0].message).toBe(t("builder.errors.deleteAnswered"));
    const archived = await call(overview.action, {
      path: `/admin/surveys/${slug}`,
      params: { slug },
      form: { csrf: admin.csrf, intent: "archive" },
      headers: { Cookie: admin.cookie },
    });
    expect(archived.response.status).toBe(303);
    expect(await db().selectFrom("surveys").select("archived_at").where("slug", "=", slug).executeTakeFirstOrThrow()).not.toEqual({ archived_at: null });

    const copied = await call(overview.action, {
      path: `/admin/surveys/${slug}`,
      params: { slug },
      form: { csrf: admin.csrf, intent: "duplicate", copySlug: `${slug}-2027` },
      headers: { Cookie: admin.cookie },
    });
    expect(copied.response.headers.get("Location")).toBe(`/admin/surveys/${slug}-2027?done=duplicated`);
    const copy = (await exportSurvey(db(), `${slug}-2027`))!;
    expect(copy.status).toBe("draft");
    expect(copy.questions.map((q) => q.key)).toEqual((await exportSurvey(db(), slug))!.questions.map((q) => q.key));
    expect(copy.questions.every((q) => q.version === undefined)).toBe(true);
  });

  it("keeps the short name once a survey is open; who it is for can change, and answers keep who gave them", async () => {
    const slug = await createEveryKindSurvey(db());
    const admin = await createStaff(db(), "administrator");
    const loaded = await call(details.loader, { path: `/admin/surveys/${slug}/details`, params: { slug }, headers: { Cookie: admin.cookie } });
    const { stored } = await readJson<{ stored: Record<string, string> }>(loaded.response);
    const changed = await call(details.action, {
      path: `/admin/surveys/${slug}/details`,
      params: { slug },
      form: { csrf: admin.csrf, ...stored, slug: "something-else" },
      headers: { Cookie: admin.cookie },
    });
    expect(changed.response.status).toBe(400);
    expect((await readJson<{ errors: { field: string }[] }>(changed.response)).errors[0].field).toBe("slug");

    // Each response keeps who answered it, so the survey can be opened to both audiences after answers.
    const jar = await begin(slug);
    await answerAll(slug, jar);
    await send(slug, jar);
    const moved = await call(details.action, {
      path: `/admin/surveys/${slug}/details`,
      params: { slug },
      form: { csrf: admin.csrf, ...stored, audience: "both" },
      headers: { Cookie: admin.cookie },
    });
    expect(moved.response.status).toBe(303);
    expect(await db().selectFrom("surveys").select("audience").where("slug", "=", slug).executeTakeFirstOrThrow()).toEqual({ audience: "both" });
    const answered = await db()
      .selectFrom("responses as r")
      .innerJoin("surveys as s", "s.id", "r.survey_id")
      .select("r.audience")
      .where("s.slug", "=", slug)
      .execute();
    expect(answered).toEqual([{ audience: "parent_carer" }]);
  });
});

describe("an exit page", () => {
  it("ends the survey for someone it is not for, sends nothing, and lets them change the answer", async () => {
    const slug = await createEveryKindSurvey(db());
    const admin = await createStaff(db(), "administrator");
    const exitText = "This survey is for families in Northmoor. If you live elsewhere, your own council's Local Offer can help.";
    const saved = await editQuestion(slug, "route", { "option-1-exit": exitText }, admin.cookie, admin.csrf);
    expect(saved.response.status).toBe(303);
    // Nobody has answered yet, so this is the same version; the file now carries the exit text.
    expect((await exportSurvey(db(), slug))!.questions[0].options[1].exit).toEqual({ en: exitText });

    const jar = await begin(slug);
    const chosen = await answer(slug, "route", "right", jar);
    expect(chosen.response.headers.get("Location")).toBe(`/surveys/${slug}/exit/route`);
    const page = await call(exitPage.loader, { path: `/surveys/${slug}/exit/route`, params: { slug, key: "route" }, jar });
    expect(await readJson<{ text: string }>(page.response)).toMatchObject({ text: exitText });

    // The check page and sending both lead back to the exit page: a survey that is not for them is never sent.
    const checked = await call(check.loader, { path: `/surveys/${slug}/check`, params: { slug }, jar });
    expect(checked.response.headers.get("Location")).toBe(`/surveys/${slug}/exit/route`);
    const sent = await call(consent.action, { path: `/surveys/${slug}/consent`, params: { slug }, form: { quote: "no" }, jar });
    expect(sent.response.headers.get("Location")).toBe(`/surveys/${slug}/exit/route`);
    const survey = (await getSurvey(db(), slug, "en"))!;
    expect(await db().selectFrom("responses").select("id").where("survey_id", "=", survey.id).execute()).toEqual([]);

    const changed = await answer(slug, "route", "left", jar);
    expect(changed.response.headers.get("Location")).toBe(`/surveys/${slug}/questions/left-only`);
    const gone = await call(exitPage.loader, { path: `/surveys/${slug}/exit/route`, params: { slug, key: "route" }, jar });
    expect(gone.response.headers.get("Location")).toBe(`/surveys/${slug}/questions/route`);
  });

  it("is refused on a question with several answers", async () => {
    const slug = await createEveryKindSurvey(db());
    const admin = await createStaff(db(), "administrator");
    const refused = await editQuestion(slug, "many", { "option-0-exit": "Not for you." }, admin.cookie, admin.csrf);
    expect(refused.response.status).toBe(400);
    expect((await readJson<{ errors: { message: string }[] }>(refused.response)).errors[0].message).toBe(t("builder.errors.exitOneAnswer"));
  });
});

describe("a page with several questions", () => {
  it("asks the questions together, checks all of them before keeping any, and counts pages", async () => {
    const slug = await createEveryKindSurvey(db());
    const admin = await createStaff(db(), "administrator");
    const joined = await editQuestion(slug, "many", { samePage: "yes" }, admin.cookie, admin.csrf);
    expect(joined.response.status).toBe(303);
    // A question cannot share a page with the question its condition rests on.
    const refused = await editQuestion(
      slug,
      "left-only",
      { samePage: "yes", showIf: `${(await getSurvey(db(), slug, "en"))!.questions[0].id}:left` },
      admin.cookie,
      admin.csrf,
    );
    expect(refused.response.status).toBe(400);
    expect((await readJson<{ errors: { message: string }[] }>(refused.response)).errors[0].message).toContain("Which way?");

    const survey = (await getSurvey(db(), slug, "en"))!;
    const faces = survey.questions.find((q) => q.key === "faces")!;
    const many = survey.questions.find((q) => q.key === "many")!;
    const jar = await begin(slug);
    await answer(slug, "route", "left", jar);
    await answer(slug, "left-only", "yes", jar);
    const toFaces = await answer(slug, "agree", "agree", jar);
    expect(toFaces.response.headers.get("Location")).toBe(`/surveys/${slug}/questions/faces`);

    const redirected = await call(question.loader, { path: `/surveys/${slug}/questions/many`, params: { slug, key: "many" }, jar });
    expect(redirected.response.headers.get("Location")).toBe(`/surveys/${slug}/questions/faces`);
    const page = await readJson<{ fields: { field: string }[]; progress: { number: number; total: number } }>(
      (await call(question.loader, { path: `/surveys/${slug}/questions/faces`, params: { slug, key: "faces" }, jar })).response,
    );
    expect(page.fields.map((field) => field.field)).toEqual([`answer-${faces.id}`, `answer-${many.id}`]);
    // route, left-only, agree, faces + many, words, age: six pages.
    expect(page.progress).toEqual({ number: 4, total: 6 });

    const before = await db().selectFrom("drafts").select("answers").orderBy("id", "desc").executeTakeFirstOrThrow();
    const bad = await call(question.action, {
      path: `/surveys/${slug}/questions/faces`,
      params: { slug, key: "faces" },
      form: { intent: "continue", [`answer-${faces.id}`]: "good", [`answer-${many.id}`]: "z" },
      jar,
    });
    expect(bad.response.status).toBe(400);
    expect(await readJson(bad.response)).toEqual({
      errors: [{ field: `answer-${many.id}`, message: "Select one of the answers shown" }],
      submitted: { [`answer-${faces.id}`]: "good", [`answer-${many.id}`]: ["z"] },
    });
    expect(await db().selectFrom("drafts").select("answers").orderBy("id", "desc").executeTakeFirstOrThrow()).toEqual(before);

    const good = await call(question.action, {
      path: `/surveys/${slug}/questions/faces`,
      params: { slug, key: "faces" },
      form: { intent: "continue", [`answer-${faces.id}`]: "good", [`answer-${many.id}`]: ["a", "b"] },
      jar,
    });
    expect(good.response.headers.get("Location")).toBe(`/surveys/${slug}/questions/words`);
    const draft = await db().selectFrom("drafts").select("answers").orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(JSON.parse(draft.answers)).toMatchObject({ [String(faces.id)]: "good", [String(many.id)]: ["a", "b"] });
    const back = await readJson<{ backTo: string }>(
      (await call(question.loader, { path: `/surveys/${slug}/questions/words`, params: { slug, key: "words" }, jar })).response,
    );
    expect(back.backTo).toBe(`/surveys/${slug}/questions/faces`);
  });
});
