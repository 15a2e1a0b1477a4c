import { getDb } from "~/db.server";
import * as resumeLink from "~/routes/resume.$code";
import * as resume from "~/routes/resume._index";
import * as question from "~/routes/surveys.$slug.questions.$key";
import * as saved from "~/routes/surveys.$slug.saved";
import * as start from "~/routes/surveys.$slug._index";
import { env } from "~/env.server";
import { deleteExpiredDrafts } from "~/surveys/drafts.server";
import { limiter } from "~/utils/rate-limit.server";
import { call, CookieJar, readJson } from "../support/remix";
import { createEveryKindSurvey } from "../support/factories";

async function begin(slug: string) {
  const jar = new CookieJar();
  await call(start.action, { path: `/surveys/${slug}`, params: { slug }, form: { intent: "start" }, jar });
  return jar;
}

async function saveForLater(slug: string, key: string, form: Record<string, string>, jar: CookieJar) {
  const { response } = await call(question.action, {
    path: `/surveys/${slug}/questions/${key}`,
    params: { slug, key },
    form: { intent: "save", ...form },
    jar,
  });
  expect(response.headers.get("Location")).toBe(`/surveys/${slug}/saved`);
  const page = await call(saved.loader, { path: `/surveys/${slug}/saved`, params: { slug }, jar });
  return readJson<{ code: string; link: string; continueTo: string }>(page.response);
}

describe("save and come back later", () => {
  it("gives a code and link that carry on, on another device, where the person left off", async () => {
    const slug = await createEveryKindSurvey(getDb());
    const phone = await begin(slug);
    await call(question.action, {
      path: `/surveys/${slug}/questions/route`,
      params: { slug, key: "route" },
      form: { intent: "continue", answer: "right" },
      jar: phone,
    });
    const { code, link } = await saveForLater(slug, "agree", { answer: "disagree" }, phone);
    expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect(link).toBe(`http://localhost:3000/resume/${code}`);

    const laptop = new CookieJar();
    const typed = code.toLowerCase().replaceAll("-", " ");
    const { response } = await call(resume.action, { path: "/resume", form: { code: typed }, jar: laptop });
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe(`/surveys/${slug}/questions/faces`);

    const page = await call(question.loader, { path: `/surveys/${slug}/questions/agree`, params: { slug, key: "agree" }, jar: laptop });
    expect(await readJson(page.response)).toMatchObject({ fields: [{ value: "disagree" }] });

    // The old device's cookie no longer opens the draft: only one device holds it at a time.
    const old = await call(question.loader, { path: `/surveys/${slug}/questions/agree`, params: { slug, key: "agree" }, jar: phone });
    expect(old.response.status).toBe(410);
  });

  it("saves without an answer to the current question, but still points out a wrong one", async () => {
    const slug = await createEveryKindSurvey(getDb());
    const jar = await begin(slug);
    await saveForLater(slug, "route", {}, jar);
    const wrong = await call(question.action, {
      path: `/surveys/${slug}/questions/words`,
      params: { slug, key: "words" },
      form: { intent: "save", answer: "x".repeat(50) },
      jar,
    });
    expect(wrong.response.status).toBe(400);
  });

  it("opens from the link, once: opening it changes nothing, the button moves the draft to this device", async () => {
    const slug = await createEveryKindSurvey(getDb());
    const first = await begin(slug);
    const { code } = await saveForLater(slug, "route", {}, first);
    const jar = new CookieJar();
    // A chat app's link preview fetches the page: the code must survive it.
    const preview = await call(resumeLink.loader, { path: `/resume/${code}`, params: { code } });
    expect(preview.response.status).toBe(200);
    const { response } = await call(resumeLink.action, { path: `/resume/${code}`, params: { code }, form: {}, jar });
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe(`/surveys/${slug}/questions/route`);
    expect(jar.header()).toContain("draft=");
    // Spent: nobody can use it again, and the device that saved it has lost the draft.
    const again = await call(resumeLink.action, { path: `/resume/${code}`, params: { code }, form: {}, jar: new CookieJar() });
    expect(again.response.status).toBe(404);
    const typed = await call(resume.action, { path: "/resume", form: { code }, address: "198.51.100.99" });
    expect(typed.response.status).toBe(400);
    const old = await call(question.loader, { path: `/surveys/${slug}/questions/route`, params: { slug, key: "route" }, jar: first });
    expect(old.response.status).toBe(410);
  });

  it("explains a wrong, mistyped or expired code without saying which, and keeps what was typed", async () => {
    const slug = await createEveryKindSurvey(getDb());
    const { code } = await saveForLater(slug, "route", {}, await begin(slug));
    const empty = await call(resume.action, { path: "/resume", form: { code: "" }, address: "198.51.100.7" });
    expect(empty.response.status).toBe(400);
    expect(await readJson(empty.response)).toEqual({ error: "Enter your code", submitted: "" });
    const mistyped = await call(resume.action, { path: "/resume", form: { code: "ABC" }, address: "198.51.100.7" });
    expect(await readJson(mistyped.response)).toMatchObject({ submitted: "ABC", error: expect.stringContaining("exactly as it was shown") });

    await getDb().updateTable("drafts").set({ expires_at: "2000-01-01T00:00:00.000Z" }).execute();
    const expired = await call(resume.action, { path: "/resume", form: { code }, address: "198.51.100.7" });
    expect(expired.response.status).toBe(400);
    expect(await readJson(expired.response)).toMatchObject({ error: expect.stringContaining("could not find saved answers") });
  });

  it("slows down guessing: the eleventh attempt in ten minutes gets a 429 that says when to try again", async () => {
    const address = "203.0.113.99";
    for (let i = 0; i < 10; i++) {
      const { response } = await call(resume.action, { path: "/resume", form: { code: "2222-2222-2222" }, address });
      expect(response.status).toBe(400);
    }
    const { response } = await call(resume.action, { path: "/resume", form: { code: "2222-2222-2222" }, address });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await readJson(response)).toMatchObject({ kind: "guessLimited", body: expect.stringMatching(/wait \d+ minutes? and try again/) });
  });

  it("deletes drafts 30 days after they were last saved", async () => {
    await deleteExpiredDrafts(getDb());
    const slug = await createEveryKindSurvey(getDb());
    await begin(slug);
    const in29Days = new Date(Date.now() + 29 * 24 * 3600 * 1000);
    const in31Days = new Date(Date.now() + 31 * 24 * 3600 * 1000);
    const before = await getDb().selectFrom("drafts").select("id").execute();
    expect(await deleteExpiredDrafts(getDb(), in29Days)).toBe(0);
    expect(await deleteExpiredDrafts(getDb(), in31Days)).toBe(before.length);
  });
});

describe("rate limit on submissions", () => {
  it("answers with 429 and Retry-After once an address passes the hourly limit", async () => {
    const slug = await createEveryKindSurvey(getDb());
    const address = "203.0.113.200";
    // A busy school network has already started all but one of its allowance this hour.
    await limiter("starts").penalty(address, env().SURVEY_STARTS_PER_HOUR_PER_ADDRESS - 1);
    const last = await call(start.action, { path: `/surveys/${slug}`, params: { slug }, form: { intent: "start" }, address });
    expect(last.response.status).toBe(303);
    const { response } = await call(start.action, { path: `/surveys/${slug}`, params: { slug }, form: { intent: "start" }, address });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("Retry-After"))).toBeGreaterThan(60 * 59);
    expect(await readJson(response)).toMatchObject({ title: "Too many attempts", body: expect.stringContaining("Nothing you have answered so far is lost") });
  });
});
