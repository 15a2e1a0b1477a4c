import { getDb } from "~/db.server";
import * as themes from "~/routes/admin.themes._index";
import * as themePage from "~/routes/admin.themes.$id";
import { continueMerges } from "~/moderation/merges.server";
import { getSurvey } from "~/surveys/surveys.server";
import { call, readJson } from "../support/remix";
import { createParentSurvey, createResponse, createStaff, counted } from "../support/factories";

const db = () => getDb();

async function newTheme(admin: Awaited<ReturnType<typeof createStaff>>, slug: string, name: string) {
  const { response } = await call(themes.action, {
    path: "/admin/themes",
    form: { csrf: admin.csrf, slug, name_en: name, description_en: "" },
    headers: { Cookie: admin.cookie },
  });
  expect(response.status).toBe(303);
  return (await db().selectFrom("themes").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id;
}

const act = (admin: Awaited<ReturnType<typeof createStaff>>, id: number, form: Record<string, string>) =>
  call(themePage.action, { path: `/admin/themes/${id}`, params: { id: String(id) }, form: { csrf: admin.csrf, ...form }, headers: { Cookie: admin.cookie } });

describe("administering themes", () => {
  it("creates a theme; a new name is public only once a second administrator approves it, logging before and after", async () => {
    const admin = await createStaff(db(), "administrator");
    const second = await createStaff(db(), "administrator");
    const id = await newTheme(admin, "waiting-lists", "Waiting lists");
    const renamed = await act(admin, id, { intent: "texts", name_en: "Waiting times", description_en: "How long families wait." });
    expect(renamed.response.status).toBe(303);
    const texts = () => db().selectFrom("theme_translations").select(["name", "description"]).where("theme_id", "=", id).execute();
    expect(await texts()).toEqual([{ name: "Waiting lists", description: null }]);
    const [revision] = await db().selectFrom("revisions").select("id").where("entity", "=", "theme").where("entity_id", "=", id).execute();
    const own = await act(admin, id, { intent: "revision-approve", revision: String(revision.id) });
    expect(own.response.status).toBe(400);
    expect((await act(second, id, { intent: "revision-approve", revision: String(revision.id) })).response.status).toBe(303);
    expect(await texts()).toEqual([{ name: "Waiting times", description: "How long families wait." }]);
    const log = await db()
      .selectFrom("audit_log")
      .select(["action", "before", "after"])
      .where("entity", "=", "theme")
      .where("entity_id", "=", String(id))
      .orderBy("id")
      .execute();
    expect(log.map((entry) => entry.action)).toEqual(["theme.create", "revision.propose", "revision.approve", "theme.update"]);
    expect(log[3].before).toContain("Waiting lists");
    expect(log[3].after).toContain("Waiting times");
  });

  it("refuses a duplicate short name or a missing English name, keeping what was typed", async () => {
    const admin = await createStaff(db(), "administrator");
    const { response } = await call(themes.action, {
      path: "/admin/themes",
      form: { csrf: admin.csrf, slug: "communication", name_en: "Again" },
      headers: { Cookie: admin.cookie },
    });
    expect(response.status).toBe(400);
    expect(await readJson(response)).toMatchObject({
      errors: [{ field: "slug", message: "There is already a theme with this short name" }],
      values: { name_en: "Again" },
    });
    const noName = await call(themes.action, {
      path: "/admin/themes",
      form: { csrf: admin.csrf, slug: "new-one", name_en: " " },
      headers: { Cookie: admin.cookie },
    });
    expect(await readJson(noName.response)).toMatchObject({ errors: [{ field: "name_en" }] });
  });

  it("merges one theme into another: tags, questions and quotes move, a response tagged with both keeps one tag", async () => {
    const admin = await createStaff(db(), "administrator");
    const slug = await createParentSurvey(db());
    const keep = await newTheme(admin, "keep-me", "Keep me");
    const merge = await newTheme(admin, "merge-me", "Merge me");
    const both = await createResponse(db(), slug, {});
    const one = await createResponse(db(), slug, {});
    const now = new Date().toISOString();
    await db()
      .insertInto("response_themes")
      .values([
        { response_id: both, theme_id: keep, tagged_by: admin.id, tagged_at: now },
        { response_id: both, theme_id: merge, tagged_by: admin.id, tagged_at: now },
        { response_id: one, theme_id: merge, tagged_by: admin.id, tagged_at: now },
      ])
      .execute();
    const survey = await getSurvey(db(), slug, "en");
    await db().updateTable("questions").set({ theme_id: merge }).where("id", "=", survey!.questions[1].id).execute();

    const { response } = await act(admin, merge, { intent: "merge", into: String(keep) });
    expect(response.status).toBe(303);
    // The answer comes at once; the tags move after it, in batches.
    await continueMerges(db());
    const tags = await db()
      .selectFrom("response_themes")
      .select(["response_id", "theme_id"])
      .where("response_id", "in", [both, one])
      .orderBy("response_id")
      .execute();
    expect(tags).toEqual([
      { response_id: both, theme_id: keep },
      { response_id: one, theme_id: keep },
    ]);
    expect((await db().selectFrom("questions").select("theme_id").where("id", "=", survey!.questions[1].id).executeTakeFirstOrThrow()).theme_id).toBe(keep);
    const merged = await db().selectFrom("themes").select(["retired_at", "merged_into"]).where("id", "=", merge).executeTakeFirstOrThrow();
    expect(merged.merged_into).toBe(keep);
    expect(merged.retired_at).not.toBeNull();
  });

  it("deletes only a theme nothing has used; one in use can only be retired", async () => {
    const admin = await createStaff(db(), "administrator");
    const slug = await createParentSurvey(db());
    const used = await newTheme(admin, "used-theme", "Used");
    const unused = await newTheme(admin, "unused-theme", "Unused");
    const id = await createResponse(db(), slug, {});
    await counted(db(), [id], (trx) =>
      trx.insertInto("response_themes").values({ response_id: id, theme_id: used, tagged_by: admin.id, tagged_at: new Date().toISOString() }).execute(),
    );
    const refused = await act(admin, used, { intent: "delete" });
    expect(refused.response.status).toBe(400);
    expect(await readJson(refused.response)).toMatchObject({ errors: [{ message: expect.stringContaining("Retire it or merge it instead") }] });
    expect(await db().selectFrom("themes").select("id").where("id", "=", used).executeTakeFirst()).toBeDefined();
    expect((await act(admin, used, { intent: "retire" })).response.status).toBe(303);
    expect((await db().selectFrom("themes").select("retired_at").where("id", "=", used).executeTakeFirstOrThrow()).retired_at).not.toBeNull();
    expect((await act(admin, unused, { intent: "delete" })).response.status).toBe(303);
    expect(await db().selectFrom("themes").select("id").where("id", "=", unused).executeTakeFirst()).toBeUndefined();
  });
});
