import { setImmediate as nextTurn } from "node:timers/promises";
import { notRaising } from "~/aggregates/counts.server";
import { rebuildAggregates } from "~/aggregates/rebuild.server";
import { getDb } from "~/db.server";
import { continueMerges, mergeBatch, startMerge } from "~/moderation/merges.server";
import { createTheme } from "~/moderation/themes.server";
import * as themePage from "~/routes/admin.themes.$id";
import { getSurvey } from "~/surveys/surveys.server";
import { call, readJson } from "../support/remix";
import { counted, createEveryKindSurvey, createResponse, createStaff, holdResponse } from "../support/factories";

/**
 * A theme merge moves its tags in batches, each a transaction of its own, so that nobody waits
 * behind it. These tests stop a merge between batches and check what people would read then.
 */

const db = () => getDb();
type Staff = Awaited<ReturnType<typeof createStaff>>;

/** Two new themes; the survey's "Which apply?" question carries the first, so answering it raises the theme. */
async function setUp(admin: Staff) {
  const [from, into] = [
    await createTheme(db(), `from-${admin.id}`, [{ lang: "en", name: `Going ${admin.id}`, description: null }], admin.id),
    await createTheme(db(), `into-${admin.id}`, [{ lang: "en", name: `Kept ${admin.id}`, description: null }], admin.id),
  ];
  const slug = await createEveryKindSurvey(db());
  const survey = (await getSurvey(db(), slug, "en"))!;
  const many = survey.questions.find((question) => question.key === "many")!;
  await db().updateTable("questions").set({ theme_id: from }).where("id", "=", many.id).execute();
  return { from, into, slug, many: many.id };
}

const tagged = (ids: number[], themeId: number, by: number) =>
  counted(db(), ids, (trx) =>
    trx
      .insertInto("response_themes")
      .values(ids.map((id) => ({ response_id: id, theme_id: themeId, tagged_by: by, tagged_at: new Date().toISOString() })))
      .execute(),
  );

/** How many open responses each theme should count for now, worked out from the tags, answers and how far the merge has got. */
async function expected(themeIds: number[], from: number, into: number) {
  const merge = await db().selectFrom("theme_merges").select("through_response_id").where("theme_id", "=", from).executeTakeFirst();
  const through = merge ? merge.through_response_id : Infinity;
  const responses = await db().selectFrom("responses").select("id").where("flagged", "=", 0).execute();
  const tags = await db().selectFrom("response_themes").select(["response_id", "theme_id"]).execute();
  const answers = await db()
    .selectFrom("answers as a")
    .innerJoin("questions as q", "q.id", "a.question_id")
    .select(["a.response_id", "q.theme_id"])
    .where("q.theme_id", "is not", null)
    .where("a.choice", "not in", notRaising)
    .execute();
  const counts = new Map(themeIds.map((id) => [id, 0]));
  for (const { id } of responses) {
    const raised = new Set([...tags, ...answers].filter((row) => row.response_id === id).map((row) => row.theme_id!));
    const counted = new Set([...raised].map((theme) => (theme === from && id <= through ? into : theme)));
    for (const theme of counted) if (counts.has(theme)) counts.set(theme, counts.get(theme)! + 1);
  }
  return Object.fromEntries(counts);
}

async function kept(themeIds: number[]) {
  const rows = await db()
    .selectFrom("queue_theme_counts")
    .select(["theme_id", (eb) => eb.fn.sum<number>("n").as("n")])
    .where("theme_id", "in", themeIds)
    .groupBy("theme_id")
    .execute();
  return Object.fromEntries(themeIds.map((id) => [id, Number(rows.find((row) => row.theme_id === id)?.n ?? 0)]));
}

describe("merging themes in batches", () => {
  it("counts every response once, for the right theme, after each batch, while other changes go on", async () => {
    const admin = await createStaff(db(), "administrator");
    const { from, into, slug } = await setUp(admin);
    const ids: number[] = [];
    for (let i = 0; i < 9; i++) ids.push(await createResponse(db(), slug, i % 3 === 0 ? { many: ["a", "b"] } : { words: `Answer ${i}` }));
    await tagged([ids[1], ids[2], ids[4], ids[7]], from, admin.id);
    await tagged([ids[2], ids[3], ids[7]], into, admin.id);

    await startMerge(db(), from, into, admin.id);
    expect(await kept([from, into])).toEqual(await expected([from, into], from, into));
    let batches = 0;
    while (
      await db()
        .transaction()
        .execute((trx) => mergeBatch(trx, from, 2))
    ) {
      batches++;
      expect(await kept([from, into]), `after batch ${batches}`).toEqual(await expected([from, into], from, into));
      // Between batches the portal carries on: a response is held, and a new one raises the merged theme.
      if (batches === 1) await holdResponse(db(), ids[7]);
      if (batches === 2) ids.push(await createResponse(db(), slug, { many: ["b"] }));
    }
    expect(batches).toBeGreaterThanOrEqual(4);
    expect(await db().selectFrom("theme_merges").selectAll().execute()).toEqual([]);
    expect(await db().selectFrom("response_themes").select("response_id").where("theme_id", "=", from).execute()).toEqual([]);
    const counts = await kept([from, into]);
    expect(counts).toEqual({ [from]: 0, [into]: 7 });
    // And the kept counts are what a full recount finds.
    await rebuildAggregates(db());
    expect(await kept([from, into])).toEqual(counts);
    const log = await db()
      .selectFrom("audit_log")
      .select(["action", "after"])
      .where("entity", "=", "theme")
      .where("entity_id", "=", String(from))
      .orderBy("id")
      .execute();
    expect(log.map((entry) => entry.action)).toEqual(["theme.create", "theme.merge", "theme.merge.done"]);
    expect(JSON.parse(log[2].after!)).toEqual({ into, tagsMoved: 4 });
  });

  it("answers the administrator at once, shows how far the merge has got, and lets other work run between batches", async () => {
    const admin = await createStaff(db(), "administrator");
    const { from, into, slug } = await setUp(admin);
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) ids.push(await createResponse(db(), slug, { words: `Said ${i}` }));
    await tagged(ids, from, admin.id);

    await startMerge(db(), from, into, admin.id);
    await db()
      .transaction()
      .execute((trx) => mergeBatch(trx, from, 2));
    const page = await call(themePage.loader, { path: `/admin/themes/${from}`, params: { id: String(from) }, headers: { Cookie: admin.cookie } });
    expect(await readJson(page.response)).toMatchObject({ merge: { into: `Kept ${admin.id}`, moved: 2 }, mergedInto: `Kept ${admin.id}` });

    let turns = 0;
    let done = false;
    const merging = continueMerges(db(), 1).then(() => (done = true));
    while (!done) {
      turns++;
      await nextTurn();
    }
    await merging;
    // Four batches of one, then the last step: the event loop turned between every one of them.
    expect(turns).toBeGreaterThanOrEqual(4);
    const after = await call(themePage.loader, { path: `/admin/themes/${from}`, params: { id: String(from) }, headers: { Cookie: admin.cookie } });
    expect(await readJson(after.response)).toMatchObject({ merge: null, mergedInto: `Kept ${admin.id}` });
    expect(await db().selectFrom("response_themes").select("response_id").where("theme_id", "=", into).orderBy("response_id").execute()).toEqual(
      ids.map((id) => ({ response_id: id })),
    );
  });

  it("refuses a second merge of the same theme, and a merge into a theme being merged away", async () => {
    const admin = await createStaff(db(), "administrator");
    const { from, into } = await setUp(admin);
    await startMerge(db(), from, into, admin.id);
    await expect(startMerge(db(), from, into, admin.id)).rejects.toMatchObject({ reason: "notFound" });
    await expect(startMerge(db(), into, from, admin.id)).rejects.toMatchObject({ reason: "retiredTarget" });
    await continueMerges(db());
  });
});
