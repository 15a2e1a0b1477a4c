import { getDb } from "~/db.server";
import * as check from "~/routes/surveys.$slug.check";
import * as confirmation from "~/routes/surveys.$slug.confirmation";
import * as consent from "~/routes/surveys.$slug.consent";
import * as question from "~/routes/surveys.$slug.questions.$key";
import * as start from "~/routes/surveys.$slug._index";
import { hashSecret } from "~/surveys/codes";
import { call, CookieJar, readJson } from "../support/remix";
import { createEveryKindSurvey, createParentSurvey } from "../support/factories";

const db = () => getDb();

async function begin(slug: string, jar = new CookieJar()) {
  const { response } = await call(start.action, { path: `/surveys/${slug}`, params: { slug }, form: { intent: "start" }, jar });
  return { jar, response };
}

function answer(slug: string, key: string, form: Record<string, string | string[]>, jar: CookieJar, query = "") {
  return call(question.action, {
    path: `/surveys/${slug}/questions/${key}${query}`,
    params: { slug, key },
    form: { intent: "continue", ...form },
    jar,
  });
}

async function responsesFor(slug: string) {
  return db()
    .selectFrom("responses as r")
    .innerJoin("surveys as s", "s.id", "r.survey_id")
    .select(["r.id", "r.reference", "r.quote_consent", "r.lang"])
    .where("s.slug", "=", slug)
    .execute();
}

async function answerEverything(slug: string, jar: CookieJar) {
  await answer(slug, "route", { answer: "left" }, jar);
  await answer(slug, "left-only", { answer: "yes" }, jar);
  await answer(slug, "agree", { answer: "agree" }, jar);
  await answer(slug, "faces", { answer: "good" }, jar);
  await answer(slug, "many", { answer: ["a", "b"] }, jar);
  await answer(slug, "words", { answer: "<b>Hi</b>" }, jar);
  return answer(slug, "age", { answer: "prefer_not_to_say" }, jar);
}

describe("a parent answers a survey", () => {
  it("starts with a draft cookie scoped to the survey and goes to the first question", async () => {
    const slug = await createParentSurvey(db());
    const { response } = await begin(slug);
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe(`/surveys/${slug}/questions/support-type`);
    const cookie = response.headers.get("Set-Cookie") ?? "";
    expect(cookie).toMatch(/^draft=/);
    expect(cookie).toContain(`Path=/surveys/${slug}`);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
  });

  it("skips the EHC plan questions for a family without a plan, and counts progress without them", async () => {
    const slug = await createParentSurvey(db());
    const { jar } = await begin(slug);
    const { response } = await answer(slug, "support-type", { answer: "sen_support" }, jar);
    expect(response.headers.get("Location")).toBe(`/surveys/${slug}/questions/contact-reply`);

    const page = await call(question.loader, { path: `/surveys/${slug}/questions/contact-reply`, params: { slug, key: "contact-reply" }, jar });
    const data = await readJson<{ progress: { number: number; total: number }; backTo: string }>(page.response);
    expect(data.progress).toEqual({ number: 2, total: 14 });
    expect(data.backTo).toBe(`/surveys/${slug}/questions/support-type`);

    const skipped = await call(question.loader, { path: `/surveys/${slug}/questions/plan-quality`, params: { slug, key: "plan-quality" }, jar });
    expect(skipped.response.status).toBe(302);
    expect(skipped.response.headers.get("Location")).toBe(`/surveys/${slug}/questions/contact-reply`);
  });

  it("stores exactly the answers shown, with consent, and gives a readable reference", async () => {
    const slug = await createEveryKindSurvey(db());
    const { jar } = await begin(slug);
    const last = await answerEverything(slug, jar);
    expect(last.response.headers.get("Location")).toBe(`/surveys/${slug}/check`);

    const submitted = await call(consent.action, { path: `/surveys/${slug}/consent`, params: { slug }, form: { quote: "yes", website: "" }, jar });
    expect(submitted.response.status).toBe(303);
    expect(submitted.response.headers.get("Location")).toBe(`/surveys/${slug}/confirmation`);

    const [stored] = await responsesFor(slug);
    expect(stored.quote_consent).toBe(1);
    expect(stored.reference).toMatch(/^[2-9A-HJ-NP-TV-Z]{12}$/);
    const answers = await db()
      .selectFrom("answers as a")
      .innerJoin("questions as q", "q.id", "a.question_id")
      .select(["q.key", "a.choice", "a.text"])
      .where("a.response_id", "=", stored.id)
      .orderBy("a.id")
      .execute();
    expect(answers).toEqual([
      { key: "route", choice: "left", text: null },
      { key: "left-only", choice: "yes", text: null },
      { key: "agree", choice: "agree", text: null },
      { key: "faces", choice: "good", text: null },
      { key: "many", choice: "a", text: null },
      { key: "many", choice: "b", text: null },
      { key: "words", choice: null, text: "<b>Hi</b>" },
      { key: "age", choice: "prefer_not_to_say", text: null },
    ]);

    const page = await call(confirmation.loader, { path: `/surveys/${slug}/confirmation`, params: { slug }, jar });
    const data = await readJson<{ reference: string }>(page.response);
    expect(data.reference.replaceAll("-", "")).toBe(stored.reference);
  });

  it("drops an answer that a change made irrelevant", async () => {
    const slug = await createEveryKindSurvey(db());
    const { jar } = await begin(slug);
    await answerEverything(slug, jar);
    const changed = await answer(slug, "route", { answer: "right" }, jar, "?return=check");
    expect(changed.response.headers.get("Location")).toBe(`/surveys/${slug}/check`);
    await call(consent.action, { path: `/surveys/${slug}/consent`, params: { slug }, form: { quote: "no" }, jar });
    const [stored] = await responsesFor(slug);
    const keys = await db()
      .selectFrom("answers as a")
      .innerJoin("questions as q", "q.id", "a.question_id")
      .select("q.key")
      .where("a.response_id", "=", stored.id)
      .execute();
    expect(keys.map((row) => row.key)).not.toContain("left-only");
    expect(stored.quote_consent).toBe(0);
  });

  it("after a Change, asks any question the change revealed, then returns to the check page", async () => {
    const slug = await createEveryKindSurvey(db());
    const { jar } = await begin(slug);
    await answer(slug, "route", { answer: "right" }, jar);
    const changed = await answer(slug, "route", { answer: "left" }, jar, "?return=check");
    expect(changed.response.headers.get("Location")).toBe(`/surveys/${slug}/questions/left-only?return=check`);
    const next = await answer(slug, "left-only", { answer: "no" }, jar, "?return=check");
    expect(next.response.headers.get("Location")).toBe(`/surveys/${slug}/check`);
  });

  it("lists every shown answer on the check page with a Change link back to it", async () => {
    const slug = await createEveryKindSurvey(db());
    const { jar } = await begin(slug);
    await answerEverything(slug, jar);
    const { response } = await call(check.loader, { path: `/surveys/${slug}/check`, params: { slug }, jar });
    const data = await readJson<{ rows: { key: string; changeTo: string; labels: { label: string }[]; text: string | null }[]; continueTo: string }>(response);
    expect(data.rows.map((row) => row.key)).toEqual(["route", "left-only", "agree", "faces", "many", "words", "age"]);
    expect(data.rows[4].labels.map((label) => label.label)).toEqual(["A", "B"]);
    expect(data.rows[6].labels.map((label) => label.label)).toEqual(["Prefer not to say"]);
    expect(data.rows[5].text).toBe("<b>Hi</b>");
    expect(data.rows[0].changeTo).toBe(`/surveys/${slug}/questions/route?return=check`);
    expect(data.continueTo).toBe(`/surveys/${slug}/consent`);
  });
});

describe("possible safeguarding concerns", () => {
  it("holds a response whose free text contains a disclosure, for a safeguarding lead", async () => {
    const slug = await createEveryKindSurvey(db());
    const { jar } = await begin(slug);
    await answer(slug, "route", { answer: "right" }, jar);
    await answer(slug, "agree", { answer: "agree" }, jar);
    await answer(slug, "words", { answer: "I am not safe" }, jar);
    await call(consent.action, { path: `/surveys/${slug}/consent`, params: { slug }, form: { quote: "no" }, jar });
    const [stored] = await db()
      .selectFrom("responses as r")
      .innerJoin("surveys as s", "s.id", "r.survey_id")
      .select(["r.possible_concern", "r.flagged"])
      .where("s.slug", "=", slug)
      .execute();
    expect(stored).toEqual({ possible_concern: 1, flagged: 1 });
  });
});

describe("bad input changes nothing", () => {
  it("answers a missing required answer with 400, the message, and Error: in the title", async () => {
    const slug = await createEveryKindSurvey(db());
    const { jar } = await begin(slug);
    const before = await db().selectFrom("drafts").select("answers").execute();
    const { response, context } = await answer(slug, "route", {}, jar);
    expect(response.status).toBe(400);
    expect(await readJson(response)).toEqual({ errors: [{ field: "answer", message: "Select an answer" }], submitted: { answer: "" } });
    expect(context.formErrors).toBe(true);
    expect(await db().selectFrom("drafts").select("answers").execute()).toEqual(before);
  });

  it("keeps every earlier answer and what was typed when one answer is wrong", async () => {
    const slug = await createEveryKindSurvey(db());
    const { jar } = await begin(slug);
    await answer(slug, "route", { answer: "right" }, jar);
    await answer(slug, "agree", { answer: "agree" }, jar);
    const tooLong = "This is far more than twenty characters";
    const { response } = await answer(slug, "words", { answer: tooLong }, jar);
    expect(response.status).toBe(400);
    expect(await readJson(response)).toEqual({
      errors: [{ field: "answer", message: "Your answer must be 20 characters or fewer" }],
      submitted: { answer: tooLong },
    });
    const [draft] = await db().selectFrom("drafts").select("answers").orderBy("id", "desc").limit(1).execute();
    expect(Object.values(JSON.parse(draft.answers))).toEqual(["right", "agree"]);
  });

  it("rejects a tampered choice with 400", async () => {
    const slug = await createEveryKindSurvey(db());
    const { jar } = await begin(slug);
    const { response } = await answer(slug, "route", { answer: "up" }, jar);
    expect(response.status).toBe(400);
    expect(await readJson(response)).toMatchObject({ errors: [{ field: "answer", message: "Select one of the answers shown" }] });
  });

  it("gives 404 pages for an unknown survey or question, in the person's language", async () => {
    const slug = await createEveryKindSurvey(db());
    const { jar } = await begin(slug);
    const unknownQuestion = await answer(slug, "no-such-question", { answer: "x" }, jar);
    expect(unknownQuestion.response.status).toBe(404);
    expect(await readJson(unknownQuestion.response)).toMatchObject({ kind: "notFound", title: "Page not found" });
    const unknownSurvey = await call(start.loader, { path: "/surveys/nope", params: { slug: "nope" } });
    expect(unknownSurvey.response.status).toBe(404);
    expect(await readJson(unknownSurvey.response)).toMatchObject({ title: "We cannot find that survey" });
  });

  it("closes a closed survey with 410 and stores nothing", async () => {
    const slug = await createParentSurvey(db(), { status: "closed" });
    const { response } = await begin(slug);
    expect(response.status).toBe(410);
    expect(await readJson(response)).toMatchObject({ kind: "surveyClosed" });
    const drafts = await db().selectFrom("drafts as d").innerJoin("surveys as s", "s.id", "d.survey_id").select("d.id").where("s.slug", "=", slug).execute();
    expect(drafts).toHaveLength(0);
  });

  it("explains an expired draft with 410", async () => {
    const slug = await createEveryKindSurvey(db());
    const { jar } = await begin(slug);
    await db().updateTable("drafts").set({ expires_at: "2000-01-01T00:00:00.000Z" }).execute();
    const { response } = await answer(slug, "route", { answer: "left" }, jar);
    expect(response.status).toBe(410);
    expect(await readJson(response)).toMatchObject({ kind: "draftExpired", link: { to: `/surveys/${slug}` } });
  });

  it("sends a visitor without a draft to the start page, and refuses a form posted without one", async () => {
    const slug = await createEveryKindSurvey(db());
    const page = await call(question.loader, { path: `/surveys/${slug}/questions/route`, params: { slug, key: "route" } });
    expect(page.response.status).toBe(302);
    expect(page.response.headers.get("Location")).toBe(`/surveys/${slug}`);
    const posted = await answer(slug, "route", { answer: "left" }, new CookieJar());
    expect(posted.response.status).toBe(410);
  });

  it("does not accept a form with the honeypot filled", async () => {
    const slug = await createEveryKindSurvey(db());
    const { jar } = await begin(slug);
    await answerEverything(slug, jar);
    const { response } = await call(consent.action, {
      path: `/surveys/${slug}/consent`,
      params: { slug },
      form: { quote: "no", website: "http://spam.example" },
      jar,
    });
    expect(response.status).toBe(400);
    expect(await responsesFor(slug)).toHaveLength(0);
  });

  it("asks for the consent answer, with no choice made for the person", async () => {
    const slug = await createEveryKindSurvey(db());
    const { jar } = await begin(slug);
    await answerEverything(slug, jar);
    const { response } = await call(consent.action, { path: `/surveys/${slug}/consent`, params: { slug }, form: { website: "" }, jar });
    expect(response.status).toBe(400);
    expect(await readJson(response)).toEqual({ error: "Select yes if we may quote your words", helpedError: null, submitted: "", helped: "" });
    expect(await responsesFor(slug)).toHaveLength(0);
  });

  it("sends someone who skipped a required question back to it instead of submitting", async () => {
    const slug = await createEveryKindSurvey(db());
    const { jar } = await begin(slug);
    await answer(slug, "route", { answer: "right" }, jar);
    const page = await call(consent.loader, { path: `/surveys/${slug}/consent`, params: { slug }, jar });
    expect(page.response.headers.get("Location")).toBe(`/surveys/${slug}/questions/agree?return=check`);
    const { response } = await call(consent.action, { path: `/surveys/${slug}/consent`, params: { slug }, form: { quote: "no" }, jar });
    expect(response.headers.get("Location")).toBe(`/surveys/${slug}/questions/agree?return=check`);
    expect(await responsesFor(slug)).toHaveLength(0);
  });
});

describe("submitting twice", () => {
  it("makes exactly one response from a double click, a retried POST or the back button", async () => {
    const slug = await createEveryKindSurvey(db());
    const { jar } = await begin(slug);
    await answerEverything(slug, jar);
    const submit = () => call(consent.action, { path: `/surveys/${slug}/consent`, params: { slug }, form: { quote: "yes" }, jar });
    const results = await Promise.all([submit(), submit(), submit()]);
    const again = await submit();
    for (const { response } of [...results, again]) {
      expect(response.status).toBe(303);
      expect(response.headers.get("Location")).toBe(`/surveys/${slug}/confirmation`);
    }
    expect(await responsesFor(slug)).toHaveLength(1);
    const back = await call(question.loader, { path: `/surveys/${slug}/questions/route`, params: { slug, key: "route" }, jar });
    expect(back.response.headers.get("Location")).toBe(`/surveys/${slug}/confirmation`);
  });

  it("keeps the draft's answers out of the database once sent", async () => {
    const slug = await createEveryKindSurvey(db());
    const { jar } = await begin(slug);
    await answerEverything(slug, jar);
    await call(consent.action, { path: `/surveys/${slug}/consent`, params: { slug }, form: { quote: "yes" }, jar });
    const token = decodeURIComponent(jar.header().match(/draft=([^;]+)/)?.[1] ?? "");
    const draft = await db()
      .selectFrom("drafts")
      .select(["answers", "response_id"])
      .where("token_hash", "=", hashSecret(JSON.parse(Buffer.from(token, "base64").toString("utf8")) as string))
      .executeTakeFirstOrThrow();
    expect(draft.answers).toBe("{}");
    expect(draft.response_id).not.toBeNull();
  });
});
