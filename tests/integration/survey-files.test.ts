import { getDb } from "~/db.server";
import * as exportRoute from "~/routes/admin.surveys.$slug.export";
import { createSurvey } from "~/surveys/create.server";
import { describeIssues, SurveyDefinition } from "~/surveys/definition";
import { exportSurvey } from "~/surveys/export.server";
import { call } from "../support/remix";
import { createParentSurvey, createStaff, createYoungPeopleSurvey } from "../support/factories";

describe("surveys as files", () => {
  it("exports both demo surveys, every language, and imports each back to an identical file", async () => {
    const db = getDb();
    for (const slug of [await createParentSurvey(db), await createYoungPeopleSurvey(db)]) {
      const first = await exportSurvey(db, slug);
      expect(first).toBeDefined();
      expect(Object.keys(first!.text)).toContain("en");
      await createSurvey(db, { ...first!, slug: `${slug}-copy` });
      const second = await exportSurvey(db, `${slug}-copy`);
      expect({ ...second, slug }).toEqual(first);
    }
  });

  it("downloads from /admin/surveys/:slug/export for staff, as JSON named after the survey", async () => {
    const db = getDb();
    const slug = await createParentSurvey(db);
    const moderator = await createStaff(db, "moderator");
    const { response } = await call(exportRoute.loader, { path: `/admin/surveys/${slug}/export`, params: { slug }, headers: { Cookie: moderator.cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="${slug}.survey.json"`);
    expect(SurveyDefinition.safeParse(await response.json()).success).toBe(true);
    const missing = await call(exportRoute.loader, { path: "/admin/surveys/nope/export", params: { slug: "nope" }, headers: { Cookie: moderator.cookie } });
    expect(missing.response.status).toBe(404);
  });

  it("names the exact place of every problem in a broken file", async () => {
    const db = getDb();
    const file = (await exportSurvey(db, await createParentSurvey(db)))!;
    const broken = structuredClone(file) as { questions: { options: { label: Record<string, string> }[] }[] };
    const choice = broken.questions.findIndex((question) => question.options.length > 1);
    broken.questions[choice].options[1].label.pl = "";
    const parsed = SurveyDefinition.safeParse(broken);
    expect(parsed.success).toBe(false);
    const problems = describeIssues(parsed.error!.issues);
    expect(problems).toHaveLength(1);
    expect(problems[0].startsWith(`questions[${choice}].options[1].label.pl: `)).toBe(true);
  });
});
