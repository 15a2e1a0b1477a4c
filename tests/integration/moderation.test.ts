import { getDb } from "~/db.server";
import * as queue from "~/routes/moderate._index";
import * as responsePage from "~/routes/moderate.responses.$id";
import { call, readJson } from "../support/remix";
import { createParentSurvey, createResponse, createStaff, counted } from "../support/factories";

const db = () => getDb();
const themeId = async (slug: string) => (await db().selectFrom("themes").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id;
const tagsOf = async (responseId: number) =>
  (await db().selectFrom("response_themes").select("theme_id").where("response_id", "=", responseId).orderBy("theme_id").execute()).map((row) => row.theme_id);

type QueueData = { page: { rows: { id: number }[]; next: string | null }; counts: Record<string, number>; nextQuery: string | null };

describe("the queue", () => {
  it("lists responses newest first, a page at a time, with filters that survive paging", async () => {
    const slug = await createParentSurvey(db());
    const moderator = await createStaff(db(), "moderator");
    const ids: number[] = [];
    for (let i = 0; i < 30; i++) ids.push(await createResponse(db(), slug, { "contact-reply": "agree" }, new Date(Date.UTC(2026, 0, 1 + i))));

    const first = await call(queue.loader, { path: `/moderate?survey=${slug}`, headers: { Cookie: moderator.cookie } });
    const page1 = await readJson<QueueData>(first.response);
    expect(page1.page.rows.map((row) => row.id)).toEqual([...ids].reverse().slice(0, 25));
    expect(page1.counts).toEqual({ new: 30, in_review: 0, done: 0 });
    expect(page1.nextQuery).toContain(`survey=${slug}`);

    const second = await call(queue.loader, { path: `/moderate${page1.nextQuery}`, headers: { Cookie: moderator.cookie } });
    const page2 = await readJson<QueueData>(second.response);
    expect(page2.page.rows.map((row) => row.id)).toEqual([...ids].reverse().slice(25));
    expect(page2.page.next).toBeNull();
  });

  it("filters untagged responses and by theme, counting structured answers under their question's theme", async () => {
    const slug = await createParentSurvey(db());
    const moderator = await createStaff(db(), "moderator");
    const communication = await themeId("communication");
    const transport = await themeId("home-to-school-transport");
    const structured = await createResponse(db(), slug, { "contact-reply": "disagree" });
    const tagged = await createResponse(db(), slug, { "one-change": "The bus is always late." });
    const nothing = await createResponse(db(), slug, { "one-change": "More clubs." });
    await counted(db(), [tagged], (trx) =>
      trx
        .insertInto("response_themes")
        .values({ response_id: tagged, theme_id: transport, tagged_by: moderator.id, tagged_at: new Date().toISOString() })
        .execute(),
    );

    const byTheme = async (id: number) =>
      (
        await readJson<QueueData>((await call(queue.loader, { path: `/moderate?survey=${slug}&theme=${id}`, headers: { Cookie: moderator.cookie } })).response)
      ).page.rows.map((r) => r.id);
    expect(await byTheme(communication)).toEqual([structured]);
    expect(await byTheme(transport)).toEqual([tagged]);
    const untagged = await readJson<QueueData>(
      (await call(queue.loader, { path: `/moderate?survey=${slug}&untagged=1`, headers: { Cookie: moderator.cookie } })).response,
    );
    expect(untagged.page.rows.map((r) => r.id)).toEqual([nothing, structured]);
  });

  it("tags several responses at once, skipping ones already tagged, and logs each", async () => {
    const slug = await createParentSurvey(db());
    const moderator = await createStaff(db(), "moderator");
    const theme = await themeId("local-offer-information");
    const a = await createResponse(db(), slug, {});
    const b = await createResponse(db(), slug, {});
    await counted(db(), [b], (trx) =>
      trx.insertInto("response_themes").values({ response_id: b, theme_id: theme, tagged_by: moderator.id, tagged_at: new Date().toISOString() }).execute(),
    );
    const { response } = await call(queue.action, {
      path: "/moderate",
      form: { csrf: moderator.csrf, response: [String(a), String(b)], theme: String(theme) },
      headers: { Cookie: moderator.cookie },
    });
    expect(await readJson(response)).toEqual({ done: "Theme added to 1 response." });
    expect(await tagsOf(a)).toEqual([theme]);
    const entries = await db().selectFrom("audit_log").select(["action", "entity_id", "after"]).where("user_id", "=", moderator.id).execute();
    expect(entries).toEqual([{ action: "response.tag", entity_id: String(a), after: JSON.stringify({ theme }) }]);
  });

  it("refuses a retired or unknown theme, and a bulk action with nothing selected, changing nothing", async () => {
    const slug = await createParentSurvey(db());
    const moderator = await createStaff(db(), "moderator");
    const a = await createResponse(db(), slug, {});
    const retired = await themeId("tribunals-complaints");
    await db().updateTable("themes").set({ retired_at: new Date().toISOString() }).where("id", "=", retired).execute();
    for (const theme of [String(retired), "99999"]) {
      const { response } = await call(queue.action, {
        path: "/moderate",
        form: { csrf: moderator.csrf, response: String(a), theme },
        headers: { Cookie: moderator.cookie },
      });
      expect(response.status).toBe(400);
      expect(await readJson(response)).toMatchObject({ error: { message: expect.stringContaining("retired or no longer exists") } });
    }
    const none = await call(queue.action, { path: "/moderate", form: { csrf: moderator.csrf, theme: "1" }, headers: { Cookie: moderator.cookie } });
    expect(none.response.status).toBe(400);
    expect(await tagsOf(a)).toEqual([]);
    await db().updateTable("themes").set({ retired_at: null }).where("id", "=", retired).execute();
  });
});

describe("a response", () => {
  it("shows free text as text, and which themes the structured answers count towards", async () => {
    const slug = await createParentSurvey(db());
    const moderator = await createStaff(db(), "moderator");
    const id = await createResponse(db(), slug, { "contact-reply": "disagree", "one-change": "<script>alert(1)</script>" });
    const { response } = await call(responsePage.loader, {
      path: `/moderate/responses/${id}`,
      params: { id: String(id) },
      headers: { Cookie: moderator.cookie },
    });
    const data = await readJson<{ response: { answers: { question: string; text: string | null; labels: string[] }[]; automaticThemeIds: number[] } }>(
      response,
    );
    expect(data.response.answers).toContainEqual(expect.objectContaining({ labels: ["Disagree"] }));
    expect(data.response.answers).toContainEqual(expect.objectContaining({ text: "<script>alert(1)</script>" }));
    expect(data.response.automaticThemeIds).toEqual([await themeId("communication")]);
  });

  it("saves themes and status in one step, logging tag, untag and status", async () => {
    const slug = await createParentSurvey(db());
    const moderator = await createStaff(db(), "moderator");
    const id = await createResponse(db(), slug, {});
    const [first, second] = [await themeId("communication"), await themeId("camhs-mental-health")];
    await counted(db(), [id], (trx) =>
      trx.insertInto("response_themes").values({ response_id: id, theme_id: first, tagged_by: moderator.id, tagged_at: new Date().toISOString() }).execute(),
    );
    const { response } = await call(responsePage.action, {
      path: `/moderate/responses/${id}`,
      params: { id: String(id) },
      form: { csrf: moderator.csrf, intent: "save", version: "0", status: "done", theme: [String(second)] },
      headers: { Cookie: moderator.cookie },
    });
    expect(response.status).toBe(303);
    expect(await tagsOf(id)).toEqual([second]);
    const actions = (await db().selectFrom("audit_log").select("action").where("user_id", "=", moderator.id).orderBy("id").execute()).map((r) => r.action);
    expect(actions).toEqual(["response.tag", "response.untag", "response.status"]);
  });

  it("does not overwrite someone else's change: 409, nothing saved, and the moderator's choices kept", async () => {
    const slug = await createParentSurvey(db());
    const [first, second] = [await createStaff(db(), "moderator"), await createStaff(db(), "moderator")];
    const id = await createResponse(db(), slug, {});
    const theme = await themeId("communication");
    const save = (person: typeof first, status: string) =>
      call(responsePage.action, {
        path: `/moderate/responses/${id}`,
        params: { id: String(id) },
        form: { csrf: person.csrf, intent: "save", version: "0", status, theme: [String(theme)] },
        headers: { Cookie: person.cookie },
      });
    expect((await save(first, "in_review")).response.status).toBe(303);
    const late = await save(second, "done");
    expect(late.response.status).toBe(409);
    expect(await readJson(late.response)).toMatchObject({ submitted: { status: "done", themeIds: [theme] } });
    const row = await db().selectFrom("responses").select(["status", "version"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "in_review", version: 1 });
  });

  it("moves on to the next older response in the same filtered queue with Save and next", async () => {
    const slug = await createParentSurvey(db());
    const moderator = await createStaff(db(), "moderator");
    const older = await createResponse(db(), slug, {}, new Date(Date.UTC(2026, 1, 1)));
    const newer = await createResponse(db(), slug, {}, new Date(Date.UTC(2026, 1, 2)));
    const { response } = await call(responsePage.action, {
      path: `/moderate/responses/${newer}?survey=${slug}`,
      params: { id: String(newer) },
      form: { csrf: moderator.csrf, intent: "save-next", version: "0", status: "done" },
      headers: { Cookie: moderator.cookie },
    });
    expect(response.headers.get("Location")).toBe(`/moderate/responses/${older}?survey=${slug}`);
  });

  it("keeps private notes out of the audit log, logging only that a note was added", async () => {
    const slug = await createParentSurvey(db());
    const moderator = await createStaff(db(), "moderator");
    const id = await createResponse(db(), slug, {});
    const empty = await call(responsePage.action, {
      path: `/moderate/responses/${id}`,
      params: { id: String(id) },
      form: { csrf: moderator.csrf, intent: "note", note: "  " },
      headers: { Cookie: moderator.cookie },
    });
    expect(empty.response.status).toBe(400);
    await call(responsePage.action, {
      path: `/moderate/responses/${id}`,
      params: { id: String(id) },
      form: { csrf: moderator.csrf, intent: "note", note: "Call the family back on Tuesday" },
      headers: { Cookie: moderator.cookie },
    });
    const notes = await db().selectFrom("response_notes").select("body").where("response_id", "=", id).execute();
    expect(notes).toEqual([{ body: "Call the family back on Tuesday" }]);
    const log = await db().selectFrom("audit_log").select(["action", "after"]).where("user_id", "=", moderator.id).execute();
    expect(log).toHaveLength(1);
    expect(log[0].action).toBe("response.note");
    expect(log[0].after).not.toContain("Tuesday");
  });
});
