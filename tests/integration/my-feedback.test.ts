import { getDb } from "~/db.server";
import { createAction } from "~/actions/actions.server";
import { approvePublication, requestPublication } from "~/publishing/publishing.server";
import * as myFeedback from "~/routes/my-feedback";
import { formatCode } from "~/surveys/codes";
import { call, readJson } from "../support/remix";
import { createParentSurvey, createResponse, createStaff } from "../support/factories";

describe("/my-feedback", () => {
  it("shows the themes a response counted under and the published actions on them, never the words", async () => {
    const db = getDb();
    const [author, second] = [await createStaff(db, "moderator"), await createStaff(db, "administrator")];
    const slug = await createParentSurvey(db);
    const id = await createResponse(db, slug, { "contact-reply": "disagree", "one-change": "SECRET words I wrote" });
    const { reference } = await db.selectFrom("responses").select("reference").where("id", "=", id).executeTakeFirstOrThrow();
    const staff = (p: typeof author, organisation: string) => ({ id: p.id, name: "x", email: p.email, role: "moderator" as const, organisation });
    const published = await createAction(
      db,
      {
        title: "Reply within 5 days",
        description: "d",
        owner: "o",
        partner: "council",
        due_on: "2027-03-31",
        measure: "m",
        theme: [4],
        survey: [],
        period: undefined,
      },
      author.id,
    );
    await requestPublication(db, "action", published, staff(author, "council"));
    await approvePublication(db, "action", published, staff(second, "pcf"));
    await createAction(
      db,
      { title: "Draft only", description: "d", owner: "o", partner: "council", due_on: "2027-03-31", measure: "m", theme: [4], survey: [], period: undefined },
      author.id,
    );

    const typed = formatCode(reference).toLowerCase();
    const { response } = await call(myFeedback.action, { path: "/my-feedback", form: { reference: typed }, address: "198.51.100.60" });
    expect(response.status).toBe(200);
    const text = await response.clone().text();
    expect(text).not.toContain("SECRET");
    const data = await readJson<{ found: { themes: { name: string }[]; actions: { title: string }[] } }>(response);
    expect(data.found.themes.map((theme) => theme.name)).toEqual(["Communication and case-worker contact"]);
    expect(data.found.actions.map((action) => action.title)).toEqual(["Reply within 5 days"]);
  });

  it("answers a wrong and a malformed reference alike, and rate limits guessing", async () => {
    const address = "198.51.100.61";
    const unknown = await call(myFeedback.action, { path: "/my-feedback", form: { reference: "2222-2222-2222" }, address });
    const malformed = await call(myFeedback.action, { path: "/my-feedback", form: { reference: "hello" }, address });
    expect(unknown.response.status).toBe(400);
    expect((await readJson<{ error: string }>(unknown.response)).error).toBe((await readJson<{ error: string }>(malformed.response)).error);
    for (let i = 0; i < 8; i++) await call(myFeedback.action, { path: "/my-feedback", form: { reference: "2222-2222-2222" }, address });
    const blocked = await call(myFeedback.action, { path: "/my-feedback", form: { reference: "2222-2222-2222" }, address });
    expect(blocked.response.status).toBe(429);
    expect(await readJson(blocked.response)).toMatchObject({ kind: "guessLimited" });
  });

  it("counts only wrong references: a family centre looking up many real ones is never blocked", async () => {
    const db = getDb();
    const slug = await createParentSurvey(db);
    const id = await createResponse(db, slug, { "contact-reply": "agree" });
    const { reference } = await db.selectFrom("responses").select("reference").where("id", "=", id).executeTakeFirstOrThrow();
    const address = "198.51.100.62";
    for (let i = 0; i < 15; i++) {
      const { response } = await call(myFeedback.action, { path: "/my-feedback", form: { reference }, address });
      expect(response.status).toBe(200);
    }
  });
});
