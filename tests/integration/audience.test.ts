import { getDb } from "~/db.server";
import { queuePage } from "~/moderation/queue.server";
import { responseForModeration } from "~/moderation/response.server";
import { themeCounts } from "~/publishing/figures.server";
import * as consent from "~/routes/surveys.$slug.consent";
import * as question from "~/routes/surveys.$slug.questions.$key";
import * as start from "~/routes/surveys.$slug._index";
import { fixedT } from "~/i18n/i18n.server";
import { call, CookieJar, readJson } from "../support/remix";
import { createEveryKindSurvey } from "../support/factories";

const db = () => getDb();
const today = new Date().toISOString().slice(0, 10);

function begin(slug: string, form: Record<string, string>, jar = new CookieJar()) {
  return call(start.action, { path: `/surveys/${slug}`, params: { slug }, form: { intent: "start", ...form }, jar }).then(({ response }) => ({
    response,
    jar,
  }));
}

function answer(slug: string, key: string, value: string | string[], jar: CookieJar) {
  return call(question.action, { path: `/surveys/${slug}/questions/${key}`, params: { slug, key }, form: { intent: "continue", answer: value }, jar });
}

/** Answers the every-kind survey to the end and sends it; returns the stored response. */
async function answerAndSend(slug: string, jar: CookieJar, helped?: string) {
  for (const [key, value] of [
    ["route", "left"],
    ["left-only", "yes"],
    ["agree", "agree"],
    ["faces", "good"],
    ["many", ["a"]],
    ["words", "More replies"],
    ["age", "prefer_not_to_say"],
  ] as const) {
    await answer(slug, key, value as string | string[], jar);
  }
  const sent = await call(consent.action, { path: `/surveys/${slug}/consent`, params: { slug }, form: { quote: "no", ...(helped ? { helped } : {}) }, jar });
  expect(sent.response.status).toBe(303);
  return db()
    .selectFrom("responses as r")
    .innerJoin("surveys as s", "s.id", "r.survey_id")
    .select(["r.id", "r.audience", "r.helped_by"])
    .where("s.slug", "=", slug)
    .orderBy("r.id", "desc")
    .executeTakeFirstOrThrow();
}

const draftCount = async () =>
  Number(
    (
      await db()
        .selectFrom("drafts")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("a survey for both parents and carers and young people", () => {
  it("asks who is answering, and refuses to start without an answer, in the person's language, keeping nothing", async () => {
    const slug = await createEveryKindSurvey(db(), "both");
    const before = await draftCount();

    const missing = await begin(slug, {});
    expect(missing.response.status).toBe(400);
    expect(await readJson(missing.response)).toEqual({ error: "Select who is answering" });
    expect(missing.response.headers.get("Set-Cookie")).toBeNull();

    const tampered = await begin(slug, { audience: "both" });
    expect(tampered.response.status).toBe(400);

    const inPolish = await call(start.action, { path: `/surveys/${slug}?lng=pl`, params: { slug }, form: { intent: "start" } });
    expect(inPolish.response.status).toBe(400);
    const polish = await readJson<{ error: string }>(inPolish.response);
    expect(polish.error).not.toBe("Select who is answering");
    expect(polish.error).toBe(fixedT("pl", "survey")("errors.whoIsAnswering"));

    expect(await draftCount()).toBe(before);
  });

  it("follows a young person through the young people's pages, and counts their answers as a young person's", async () => {
    const slug = await createEveryKindSurvey(db(), "both");
    const { response, jar } = await begin(slug, { audience: "young_person" });
    expect(response.status).toBe(303);

    const page = await call(question.loader, { path: `/surveys/${slug}/questions/route`, params: { slug, key: "route" }, jar });
    expect((await readJson<{ audience: string }>(page.response)).audience).toBe("young_person");

    const stored = await answerAndSend(slug, jar, "teacher");
    expect(stored.audience).toBe("young_person");
    // "Who helped you" is asked of young people only.
    expect(stored.helped_by).toBe("teacher");
  });

  it("follows a parent through the parents' pages, and counts theirs as a parent's", async () => {
    const slug = await createEveryKindSurvey(db(), "both");
    const { jar } = await begin(slug, { audience: "parent_carer" });
    const page = await call(question.loader, { path: `/surveys/${slug}/questions/route`, params: { slug, key: "route" }, jar });
    expect((await readJson<{ audience: string }>(page.response)).audience).toBe("parent_carer");
    const stored = await answerAndSend(slug, jar, "teacher");
    expect(stored.audience).toBe("parent_carer");
    expect(stored.helped_by).toBeNull();
  });

  it("splits theme counts, the queue and the response page by who answered, not by the survey", async () => {
    const slug = await createEveryKindSurvey(db(), "both");
    const communication = (await db().selectFrom("themes").select("id").where("slug", "=", "communication").executeTakeFirstOrThrow()).id;
    const counted = async () => (await themeCounts(db(), { from: today, to: today })).get(communication) ?? { parent_carer: 0, young_person: 0 };
    const before = await counted();

    const young = await answerAndSend(slug, (await begin(slug, { audience: "young_person" })).jar);
    const parent = await answerAndSend(slug, (await begin(slug, { audience: "parent_carer" })).jar);
    const second = await answerAndSend(slug, (await begin(slug, { audience: "young_person" })).jar);

    const after = await counted();
    expect(after.young_person - before.young_person).toBe(2);
    expect(after.parent_carer - before.parent_carer).toBe(1);

    const queued = await queuePage(db(), { survey: slug, audience: "young_person" }, "en");
    expect(queued.rows.map((row) => row.id).sort()).toEqual([young.id, second.id].sort());
    const parents = await queuePage(db(), { survey: slug, audience: "parent_carer" }, "en");
    expect(parents.rows.map((row) => row.id)).toEqual([parent.id]);

    const t = fixedT("en", "staff");
    expect((await responseForModeration(db(), young.id, "en", t))?.audience).toBe("young_person");
  });

  it("ignores a posted audience on a survey for one audience", async () => {
    const slug = await createEveryKindSurvey(db(), "parent_carer");
    const { jar } = await begin(slug, { audience: "young_person" });
    expect((await answerAndSend(slug, jar)).audience).toBe("parent_carer");
  });
});
