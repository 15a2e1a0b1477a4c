import type { DB } from "../../db/connection";
import type { Kysely } from "kysely";
import type { Database, ResponseStatus } from "../../db/schema";
import { audit } from "../accounts/audit.server";
import { withCounts } from "../aggregates/counts.server";
import { learnTags } from "./suggestions.server";

export type TagFailure = "unknownTheme" | "changedElsewhere" | "notFound";

export class ModerationError extends Error {
  constructor(readonly reason: TagFailure) {
    super(reason);
  }
}

async function requireActiveThemes(trx: Kysely<Database>, ids: number[]) {
  if (ids.length === 0) return;
  const found = await trx.selectFrom("themes").select("id").where("id", "in", ids).where("retired_at", "is", null).execute();
  if (found.length !== new Set(ids).size) throw new ModerationError("unknownTheme");
}

/** Adds one theme to several responses from the queue; flagged ones are left alone. Returns how many gained it. */
export async function tagResponses(db: DB, responseIds: number[], themeId: number, userId: number, now = new Date()) {
  return db.transaction().execute(async (trx) => {
    await requireActiveThemes(trx, [themeId]);
    const targets = await trx.selectFrom("responses").select(["id", "status"]).where("id", "in", responseIds).where("flagged", "=", 0).execute();
    return withCounts(
      trx,
      targets.map((response) => response.id),
      () => tagEach(trx, targets, themeId, userId, now),
    );
  });
}

async function tagEach(trx: Kysely<Database>, targets: { id: number; status: ResponseStatus }[], themeId: number, userId: number, now: Date) {
  let added = 0;
  for (const response of targets) {
    const result = await trx
      .insertInto("response_themes")
      .values({ response_id: response.id, theme_id: themeId, tagged_by: userId, tagged_at: now.toISOString() })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) continue;
    added++;
    await learnTags(trx, response.id, { added: [themeId], removed: [] });
    await trx
      .updateTable("responses")
      .set((eb) => ({ version: eb("version", "+", 1), status: response.status === "new" ? "in_review" : response.status }))
      .where("id", "=", response.id)
      .execute();
    await audit(trx, { userId, action: "response.tag", entity: "response", entityId: response.id, after: { theme: themeId } }, now);
  }
  return added;
}

export interface ResponseUpdate {
  themeIds: number[];
  status: ResponseStatus;
  /** The version the moderator saw; if someone else saved since, nothing changes. */
  version: number;
}

/**
 * A response that is tagged while still New is being reviewed: saving it with themes moves it on,
 * as tagging from the queue does. A status the moderator chose is kept.
 */
function statusAfterSave(current: ResponseStatus, chosen: ResponseStatus, themeCount: number): ResponseStatus {
  return current === "new" && chosen === "new" && themeCount > 0 ? "in_review" : chosen;
}

/** Saves a moderator's themes and status for one response, all or nothing. */
export async function saveResponse(db: DB, responseId: number, update: ResponseUpdate, userId: number, now = new Date()) {
  await db.transaction().execute((trx) => withCounts(trx, [responseId], () => saveThemesAndStatus(trx, responseId, update, userId, now)));
}

async function saveThemesAndStatus(trx: Kysely<Database>, responseId: number, update: ResponseUpdate, userId: number, now: Date) {
  const current = await trx.selectFrom("responses").select(["status", "version", "flagged"]).where("id", "=", responseId).executeTakeFirst();
  if (!current || current.flagged) throw new ModerationError("notFound");
  const wanted = [...new Set(update.themeIds)];
  const status = statusAfterSave(current.status, update.status, wanted.length);
  const claimed = await trx
    .updateTable("responses")
    .set({ version: current.version + 1, status })
    .where("id", "=", responseId)
    .where("version", "=", update.version)
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) === 0) throw new ModerationError("changedElsewhere");

  const existing = (await trx.selectFrom("response_themes").select("theme_id").where("response_id", "=", responseId).execute()).map((row) => row.theme_id);
  const added = wanted.filter((id) => !existing.includes(id));
  const removed = existing.filter((id) => !wanted.includes(id));
  await requireActiveThemes(trx, added);
  for (const themeId of added) {
    await trx.insertInto("response_themes").values({ response_id: responseId, theme_id: themeId, tagged_by: userId, tagged_at: now.toISOString() }).execute();
    await audit(trx, { userId, action: "response.tag", entity: "response", entityId: responseId, after: { theme: themeId } }, now);
  }
  if (removed.length > 0) {
    await trx.deleteFrom("response_themes").where("response_id", "=", responseId).where("theme_id", "in", removed).execute();
    for (const themeId of removed) {
      await audit(trx, { userId, action: "response.untag", entity: "response", entityId: responseId, before: { theme: themeId } }, now);
    }
  }
  await learnTags(trx, responseId, { added, removed });
  if (current.status !== status) {
    await audit(
      trx,
      { userId, action: "response.status", entity: "response", entityId: responseId, before: { status: current.status }, after: { status } },
      now,
    );
  }
}

export async function addNote(db: DB, responseId: number, body: string, userId: number, now = new Date()) {
  await db.transaction().execute(async (trx) => {
    const response = await trx.selectFrom("responses").select("flagged").where("id", "=", responseId).executeTakeFirst();
    if (!response) throw new ModerationError("notFound");
    const { id } = await trx
      .insertInto("response_notes")
      .values({ response_id: responseId, user_id: userId, body, created_at: now.toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow();
    // The note's words stay out of the log: it records that a note was added, and which.
    await audit(trx, { userId, action: "response.note", entity: "response", entityId: responseId, after: { note: id } }, now);
  });
}
