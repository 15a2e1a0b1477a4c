import { getDb } from "~/db.server";
import * as list from "~/routes/admin.surveys._index";
import { surveyState } from "~/surveys/staff-list.server";
import { call, readJson } from "../support/remix";
import { createParentSurvey, createResponse, createStaff, holdResponse } from "../support/factories";

describe("the staff list of surveys", () => {
  it("shows each survey's state, languages and responses, not counting held ones, to moderators", async () => {
    const db = getDb();
    const slug = await createParentSurvey(db);
    await createResponse(db, slug, {});
    const held = await createResponse(db, slug, {});
    await holdResponse(db, held);
    const moderator = await createStaff(db, "moderator");
    const { response } = await call(list.loader, { path: "/admin/surveys", headers: { Cookie: moderator.cookie } });
    expect(response.status).toBe(200);
    const { surveys } = await readJson<{ surveys: { slug: string; state: string; languages: string[]; responses: number }[] }>(response);
    expect(surveys.find((survey) => survey.slug === slug)).toMatchObject({ state: "open", languages: expect.arrayContaining(["en"]), responses: 1 });
  });

  it("calls an open survey outside its dates scheduled or ended", () => {
    const now = new Date("2026-12-04T12:00:00Z");
    expect(surveyState("open", "2027-01-01T00:00:00Z", null, now)).toBe("scheduled");
    expect(surveyState("open", null, "2026-12-01T00:00:00Z", now)).toBe("ended");
    expect(surveyState("open", "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", now)).toBe("open");
    expect(surveyState("draft", null, null, now)).toBe("draft");
  });
});
