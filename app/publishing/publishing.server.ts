import type { DB } from "../../db/connection";
import type { PublishedEntity } from "../../db/schema";
import { audit } from "../accounts/audit.server";
import type { StaffSession } from "../accounts/session.server";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { getSettings } from "../settings.server";

export type PublishFailure = "notRequested" | "ownRequest" | "sameSide" | "alreadyPublished" | "notPublished";

export class PublishError extends Error {
  constructor(readonly reason: PublishFailure) {
    super(reason);
  }
}

export type PublicationState = "draft" | "awaiting" | "published" | "unpublished";

type Staff = StaffSession["user"];

export async function publicationOf(db: DB, entity: PublishedEntity, id: number) {
  const row = await db
    .selectFrom("publications as p")
    .leftJoin("users as requester", "requester.id", "p.requested_by")
    .leftJoin("users as publisher", "publisher.id", "p.published_by")
    .select([
      "p.requested_by",
      "p.requested_at",
      "p.published_at",
      "p.unpublished_at",
      "p.unpublish_reason",
      "requester.name as requested_by_name",
      "requester.organisation as requester_organisation",
      "publisher.name as published_by_name",
    ])
    .where("p.entity", "=", entity)
    .where("p.entity_id", "=", id)
    .executeTakeFirst();
  const corrections = await db
    .selectFrom("corrections")
    .select(["id", "note", "corrected_at"])
    .where("entity", "=", entity)
    .where("entity_id", "=", id)
    .orderBy("id")
    .execute();
  const state: PublicationState = row?.published_at ? "published" : row?.requested_at ? "awaiting" : row?.unpublished_at ? "unpublished" : "draft";
  return { state, ...row, corrections };
}

/** The second-person rule for publishing and for changes to what is published. */
export async function requireSecondPerson(trx: Kysely<Database>, requestedBy: number, user: Staff) {
  if (requestedBy === user.id) throw new PublishError("ownRequest");
  const requester = await trx.selectFrom("users").select("organisation").where("id", "=", requestedBy).executeTakeFirst();
  const { quote_approval: rule } = await getSettings(trx as DB);
  if (rule === "council_and_pcf" && requester?.organisation === user.organisation) throw new PublishError("sameSide");
}

/** The author asks for a second person to approve publishing. */
export async function requestPublication(db: DB, entity: PublishedEntity, id: number, user: Staff, now = new Date()) {
  await db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom("publications").select("published_at").where("entity", "=", entity).where("entity_id", "=", id).executeTakeFirst();
    if (current?.published_at) throw new PublishError("alreadyPublished");
    await trx
      .insertInto("publications")
      .values({ entity, entity_id: id, requested_by: user.id, requested_at: now.toISOString() })
      .onConflict((oc) => oc.columns(["entity", "entity_id"]).doUpdateSet({ requested_by: user.id, requested_at: now.toISOString() }))
      .execute();
    await audit(trx, { userId: user.id, action: "publish.request", entity, entityId: id }, now);
  });
}

/**
 * A second person publishes: never the one who asked; with the "council_and_pcf" setting, someone
 * from the other side.
 */
export async function approvePublication(db: DB, entity: PublishedEntity, id: number, user: Staff, now = new Date()) {
  await db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom("publications as p")
      .leftJoin("users as u", "u.id", "p.requested_by")
      .select(["p.requested_by", "p.requested_at", "p.published_at"])
      .where("p.entity", "=", entity)
      .where("p.entity_id", "=", id)
      .executeTakeFirst();
    if (current?.published_at) throw new PublishError("alreadyPublished");
    if (!current?.requested_at) throw new PublishError("notRequested");
    await requireSecondPerson(trx, current.requested_by!, user);
    await trx
      .updateTable("publications")
      .set({ published_by: user.id, published_at: now.toISOString(), unpublished_at: null, unpublish_reason: null })
      .where("entity", "=", entity)
      .where("entity_id", "=", id)
      .execute();
    await audit(trx, { userId: user.id, action: "publish.approve", entity, entityId: id, after: { requestedBy: current.requested_by } }, now);
  });
}

export async function unpublish(db: DB, entity: PublishedEntity, id: number, reason: string, user: Staff, now = new Date()) {
  await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("publications")
      .set({ published_at: null, published_by: null, requested_at: null, requested_by: null, unpublished_at: now.toISOString(), unpublish_reason: reason })
      .where("entity", "=", entity)
      .where("entity_id", "=", id)
      .where("published_at", "is not", null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new PublishError("notPublished");
    await audit(trx, { userId: user.id, action: "publish.withdraw", entity, entityId: id }, now);
  });
}

/** Whether a change needs a correction note: only once something is public. */
export async function isPublished(db: DB, entity: PublishedEntity, id: number) {
  const row = await db.selectFrom("publications").select("published_at").where("entity", "=", entity).where("entity_id", "=", id).executeTakeFirst();
  return Boolean(row?.published_at);
}

/** A dated note, shown with the published item, saying what was corrected. */
export async function recordCorrection(db: DB, entity: PublishedEntity, id: number, note: string, user: Staff, now = new Date()) {
  await db.transaction().execute(async (trx) => {
    const { id: correction } = await trx
      .insertInto("corrections")
      .values({ entity, entity_id: id, note, corrected_by: user.id, corrected_at: now.toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, { userId: user.id, action: "publish.correct", entity, entityId: id, after: { correction, note } }, now);
  });
}
