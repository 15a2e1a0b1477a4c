import { setImmediate as nextTurn } from "node:timers/promises";
import type { DB } from "../../db/connection";
import { audit } from "../accounts/audit.server";
import { notRaising, withThemeCounts } from "../aggregates/counts.server";
import { forgetSurveys } from "../surveys/surveys.server";
import { forgetSecondTags, moveSuggestions } from "./suggestions.server";
import { ThemeError } from "./themes.server";

/**
 * Merging one theme into another, without holding up anyone else (docs/decisions/021-merges.md).
 *
 * Starting a merge is one short transaction: the merged theme is retired and points at the kept
 * one, its quotes move, and a `theme_merges` row records the merge. Then come batches, each a
 * transaction of its own, with other requests running between them: first its part of the
 * suggestion model moves, a thousand terms at a time; then its tags, a batch of responses at a time
 * in response order, bringing the theme counts along (`withThemeCounts`).
 *
 * The row's `through_response_id` says how far the merge has gone: a response up to it counts for
 * the kept theme wherever it raises the merged one (by a tag not yet moved, or by answering a
 * question that still carries the merged theme), and a later response still counts for the merged
 * theme. The counts stay right at every step, whatever else changes in between. The last batch
 * moves the questions and removes the row.
 */

/** Responses moved by a merge's first batch; later ones grow or shrink to take about `BATCH_MS`. */
export const MERGE_BATCH = 100;

/**
 * Starts merging `fromId` into `intoId`; `continueMerges` moves its tags. A merge still moving tags
 * into `fromId` is finished first, so that merges never chain.
 */
export async function startMerge(db: DB, fromId: number, intoId: number, userId: number, now = new Date()): Promise<void> {
  if (fromId === intoId) throw new ThemeError("sameTheme");
  await db.transaction().execute(async (trx) => {
    const [from, into] = await Promise.all([
      trx.selectFrom("themes").select(["id", "merged_into"]).where("id", "=", fromId).executeTakeFirst(),
      trx.selectFrom("themes").select(["id", "retired_at"]).where("id", "=", intoId).executeTakeFirst(),
    ]);
    if (!from || from.merged_into || !into) throw new ThemeError("notFound");
    if (into.retired_at) throw new ThemeError("retiredTarget");
    await finishMerges(trx, [fromId]);

    await trx
      .insertInto("quote_themes")
      .columns(["quote_id", "theme_id"])
      .expression((eb) =>
        eb
          .selectFrom("quote_themes")
          .select(["quote_id", eb.val(intoId).as("theme_id")])
          .where("theme_id", "=", fromId),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
    const quotes = await trx.deleteFrom("quote_themes").where("theme_id", "=", fromId).executeTakeFirst();
    await trx.updateTable("themes").set({ retired_at: now.toISOString(), merged_into: intoId }).where("id", "=", fromId).execute();
    await trx.insertInto("theme_merges").values({ theme_id: fromId, into_id: intoId, started_by: userId, started_at: now.toISOString() }).execute();
    await forgetSurveys(trx);
    await audit(
      trx,
      { userId, action: "theme.merge", entity: "theme", entityId: fromId, after: { into: intoId, quotesMoved: Number(quotes.numDeletedRows) } },
      now,
    );
  });
}

/** The questions that carry a theme: whoever answers one of them raises it. A handful. */
async function carriers(trx: DB, themeId: number) {
  return (await trx.selectFrom("questions").select("id").where("theme_id", "=", themeId).execute()).map((row) => row.id);
}

/**
 * The next responses after `after` that raise `themeId`, at most `size` of them, found by index:
 * its tags in response order, and each carrying question's raising answers in response order.
 * Returns them with how far they reach: every response raising the theme up to `through` is in
 * the list, and `through` is null when none is left after them.
 */
async function nextResponses(trx: DB, themeId: number, after: number, size: number) {
  const lists = [
    (
      await trx
        .selectFrom("response_themes")
        .select("response_id")
        .where("theme_id", "=", themeId)
        .where("response_id", ">", after)
        .orderBy("response_id")
        .limit(size)
        .execute()
    ).map((row) => row.response_id),
  ];
  // A response gives a multiple-choice question several answers, so read more rows than responses.
  const rows = size * 8;
  for (const questionId of await carriers(trx, themeId)) {
    const answers = await trx
      .selectFrom("answers")
      .select("response_id")
      .where("question_id", "=", questionId)
      .where("response_id", ">", after)
      .where("choice", "not in", notRaising)
      .orderBy("response_id")
      .limit(rows)
      .execute();
    lists.push(answers.map((row) => row.response_id));
  }
  // A list that was cut short says nothing beyond its last response.
  const reach = Math.min(...lists.map((list, i) => (list.length === (i === 0 ? size : rows) ? list[list.length - 1] : Infinity)));
  const ids = [...new Set(lists.flat())]
    .filter((id) => id <= reach)
    .sort((a, b) => a - b)
    .slice(0, size);
  const through = ids.length === size ? ids[size - 1] : reach === Infinity ? null : reach;
  return { ids, through };
}

/**
 * One batch of a merge, in the caller's transaction: moves the next responses' tags to the kept
 * theme with their counts, or, when none is left, moves the questions and ends the merge. Returns
 * false once the merge is over (or another process ended it).
 */
export async function mergeBatch(trx: DB, themeId: number, size = MERGE_BATCH): Promise<boolean> {
  const merge = await trx.selectFrom("theme_merges").selectAll().where("theme_id", "=", themeId).executeTakeFirst();
  if (!merge) return false;
  // The suggestion model's counts first, a thousand terms a batch.
  if (await moveSuggestions(trx, themeId, merge.into_id)) return true;
  const { ids, through } = await nextResponses(trx, themeId, merge.through_response_id, size);
  if (ids.length === 0 && through === null) {
    await trx.updateTable("questions").set({ theme_id: merge.into_id }).where("theme_id", "=", themeId).execute();
    await trx.deleteFrom("theme_merges").where("theme_id", "=", themeId).execute();
    // Every response now counts for the kept theme: what is left here is rows of nought.
    await trx.deleteFrom("theme_counts").where("theme_id", "=", themeId).execute();
    await trx.deleteFrom("queue_theme_counts").where("theme_id", "=", themeId).execute();
    await forgetSurveys(trx);
    await audit(trx, {
      userId: merge.started_by,
      action: "theme.merge.done",
      entity: "theme",
      entityId: themeId,
      after: { into: merge.into_id, tagsMoved: merge.tags_moved },
    });
    return false;
  }
  const reached = through ?? Math.max(merge.through_response_id, ...ids);
  await withThemeCounts(trx, ids, async () => {
    // A response tagged with both keeps its tag for the kept theme, and the model counts it once.
    const both = (
      await trx
        .selectFrom("response_themes as moving")
        .innerJoin("response_themes as kept", (join) => join.onRef("kept.response_id", "=", "moving.response_id").on("kept.theme_id", "=", merge.into_id))
        .select("moving.response_id")
        .where("moving.theme_id", "=", themeId)
        .where("moving.response_id", "in", ids)
        .execute()
    ).map((row) => row.response_id);
    if (both.length) await trx.deleteFrom("response_themes").where("theme_id", "=", themeId).where("response_id", "in", both).execute();
    const moved = await trx
      .updateTable("response_themes")
      .set({ theme_id: merge.into_id })
      .where("theme_id", "=", themeId)
      .where("response_id", "in", ids)
      .executeTakeFirst();
    await forgetSecondTags(trx, both, merge.into_id);
    await trx
      .updateTable("theme_merges")
      .set((eb) => ({ through_response_id: reached, tags_moved: eb("tags_moved", "+", Number(moved.numUpdatedRows) + both.length) }))
      .where("theme_id", "=", themeId)
      .execute();
  });
  return true;
}

/** Runs what is left of the merges touching these themes inside the caller's transaction. */
export async function finishMerges(trx: DB, themeIds: number[] | null): Promise<void> {
  const merges = await trx
    .selectFrom("theme_merges")
    .select("theme_id")
    .$if(themeIds !== null, (query) => query.where((eb) => eb.or([eb("theme_id", "in", [-1, ...themeIds!]), eb("into_id", "in", [-1, ...themeIds!])])))
    .execute();
  for (const { theme_id } of merges) while (await mergeBatch(trx, theme_id));
}

let running: Promise<void> | undefined;

/**
 * How long a batch should hold its process and the write lock. The next batch's size follows from
 * how long the last one took, so a busy or slow machine takes smaller steps rather than longer ones.
 */
const BATCH_MS = 20;
const nextSize = (size: number, took: number) => Math.max(10, Math.min(5_000, Math.round(size * Math.min(2, Math.max(0.5, BATCH_MS / Math.max(took, 1))))));

/**
 * Moves every merge under way to its end, a batch per transaction, letting other requests run
 * between batches. Several processes may run it at once: each batch reads where the merge has got
 * to inside its own transaction. In one process a second call waits for the first. A `size` keeps
 * every batch to that many responses (for tests); without it the size follows `BATCH_MS`.
 */
export function continueMerges(db: DB, size?: number): Promise<void> {
  running ??= (async () => {
    try {
      for (;;) {
        const merges = await db.selectFrom("theme_merges").select("theme_id").orderBy("started_at").execute();
        if (merges.length === 0) return;
        for (const { theme_id } of merges) {
          let batch = size ?? MERGE_BATCH;
          for (;;) {
            const started = performance.now();
            if (!(await db.transaction().execute((trx) => mergeBatch(trx, theme_id, batch)))) break;
            if (size === undefined) batch = nextSize(batch, performance.now() - started);
            await nextTurn();
          }
        }
      }
    } finally {
      running = undefined;
    }
  })();
  return running;
}

/** How far each merge under way has got, for the themes page. */
export async function mergesUnderWay(db: DB) {
  return db.selectFrom("theme_merges").select(["theme_id", "into_id", "tags_moved"]).execute();
}
