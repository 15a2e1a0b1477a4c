import { getDb } from "~/db.server";
import * as consent from "~/routes/surveys.$slug.consent";
import * as question from "~/routes/surveys.$slug.questions.$key";
import * as start from "~/routes/surveys.$slug._index";
import { call, CookieJar } from "../support/remix";
import { createEveryKindSurvey, createResponse } from "../support/factories";

// The codes drawn next, before random ones: a test can make a new reference collide with a stored one.
const drawn = vi.hoisted(() => ({ next: [] as string[] }));
vi.mock("~/surveys/codes", async (importOriginal) => {
  const real = await importOriginal<typeof import("~/surveys/codes")>();
  return { ...real, generateCode: () => drawn.next.shift() ?? real.generateCode() };
});

const db = () => getDb();

async function answeredDraft(slug: string) {
  const jar = new CookieJar();
  await call(start.action, { path: `/surveys/${slug}`, params: { slug }, form: { intent: "start" }, jar });
  const answer = (key: string, value: string) =>
    call(question.action, { path: `/surveys/${slug}/questions/${key}`, params: { slug, key }, form: { intent: "continue", answer: value }, jar });
  await answer("route", "left");
  await answer("left-only", "yes");
  await answer("agree", "agree");
  return jar;
}

describe("a response's reference", () => {
  it("is drawn again when the one drawn is already someone else's", async () => {
    const slug = await createEveryKindSurvey(db());
    drawn.next.push("K7MP2QXR9FHT");
    const earlier = await createResponse(db(), slug, { route: "right", agree: "agree" });
    const jar = await answeredDraft(slug);

    drawn.next.push("K7MP2QXR9FHT", "M3NQ4RST5VWX");
    const sent = await call(consent.action, { path: `/surveys/${slug}/consent`, params: { slug }, form: { quote: "no" }, jar });
    expect(sent.response.status).toBe(303);
    expect(sent.response.headers.get("Location")).toBe(`/surveys/${slug}/confirmation`);

    const stored = await db()
      .selectFrom("responses")
      .select(["id", "reference"])
      .where("reference", "in", ["K7MP2QXR9FHT", "M3NQ4RST5VWX"])
      .orderBy("id")
      .execute();
    expect(stored).toEqual([
      { id: earlier, reference: "K7MP2QXR9FHT" },
      { id: expect.any(Number), reference: "M3NQ4RST5VWX" },
    ]);
    const answers = await db().selectFrom("answers").select("choice").where("response_id", "=", stored[1].id).orderBy("id").execute();
    expect(answers.map((row) => row.choice)).toEqual(["left", "yes", "agree"]);
  });
});
