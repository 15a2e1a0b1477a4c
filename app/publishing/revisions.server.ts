import type { DB } from "../../db/connection";
import type { RevisedEntity } from "../../db/schema";
import { audit } from "../accounts/audit.server";
import type { StaffSession } from "../accounts/session.server";
import { PublishError, recordCorrection, requireSecondPerson } from "./publishing.server";

/**
 * Changes to a published statement or action wait for a second person, under the same rule as
 * publishing it: never the person who proposed it, and with the "council_and_pcf" setting someone
 * from the other side. Until then the public sees the approved version; when approved, the change
 * is applied and the public item shows a dated correction. Every proposal is kept.
 */

type Staff = StaffSession["user"];

export interface Proposal {
  kind: string;
  payload: unknown;
  /** What the public will read about the change ("Due date moved to June: the contract started late"). */
  note: string;
  /** Whether the public item shows the note as a dated correction once approved. */
  correction: boolean;
}

/** Records a proposed change; a newer proposal of the same kind replaces an older one still waiting. */
export async function proposeRevision(db: DB, entity: RevisedEntity, id: number, proposal: Proposal, user: Staff, now = new Date()) {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("revisions")
      .set({ decision: "replaced", decided_by: user.id, decided_at: now.toISOString() })
      .where("entity", "=", entity)
      .where("entity_id", "=", id)
      .where("kind", "=", proposal.kind)
      .where("decision", "is", null)
      .execute();
    const { id: revision } = await trx
      .insertInto("revisions")
      .values({
        entity,
        entity_id: id,
        kind: proposal.kind,
        payload: JSON.stringify({ change: proposal.payload, correction: proposal.correction }),
        note: proposal.note,
        requested_by: user.id,
        requested_at: now.toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, { userId: user.id, action: "revision.propose", entity, entityId: id, after: { revision, kind: proposal.kind } }, now);
  });
}

export async function pendingRevisions(db: DB, entity: RevisedEntity, id: number) {
  const rows = await db
    .selectFrom("revisions as r")
    .innerJoin("users as u", "u.id", "r.requested_by")
    .select(["r.id", "r.kind", "r.payload", "r.note", "r.requested_by", "r.requested_at", "u.name as requested_by_name"])
    .where("r.entity", "=", entity)
    .where("r.entity_id", "=", id)
    .where("r.decision", "is", null)
    .orderBy("r.id")
    .execute();
  return rows.map(({ payload, ...row }) => ({ ...row, change: (JSON.parse(payload) as { change: Record<string, unknown> }).change }));
}

/**
 * A second person approves: the revision is claimed (so two approvers cannot both apply it), the
 * change is applied by `apply`, and a correction is recorded when the change asked for one.
 */
export async function approveRevision(
  db: DB,
  entity: RevisedEntity,
  id: number,
  revisionId: number,
  user: Staff,
  apply: (kind: string, change: unknown, proposedBy: number) => Promise<void>,
  now = new Date(),
) {
  const revision = await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("revisions")
      .select(["kind", "payload", "note", "requested_by"])
      .where("id", "=", revisionId)
      .where("entity", "=", entity)
      .where("entity_id", "=", id)
      .where("decision", "is", null)
      .executeTakeFirst();
    if (!row) throw new PublishError("notRequested");
    await requireSecondPerson(trx, row.requested_by, user);
    await trx.updateTable("revisions").set({ decision: "approved", decided_by: user.id, decided_at: now.toISOString() }).where("id", "=", revisionId).execute();
    await audit(
      trx,
      { userId: user.id, action: "revision.approve", entity, entityId: id, after: { revision: revisionId, requestedBy: row.requested_by } },
      now,
    );
    return row;
  });
  const { change, correction } = JSON.parse(revision.payload) as { change: unknown; correction: boolean };
  try {
    await apply(revision.kind, change, revision.requested_by);
  } catch (error) {
    // Not applied (changed elsewhere, say): the proposal waits again.
    await db.updateTable("revisions").set({ decision: null, decided_by: null, decided_at: null }).where("id", "=", revisionId).execute();
    throw error;
  }
  if (correction && (entity === "statement" || entity === "action")) await recordCorrection(db, entity, id, revision.note, user, now);
}

/** The proposer takes a waiting change back. */
export async function withdrawRevision(db: DB, entity: RevisedEntity, id: number, revisionId: number, user: Staff, now = new Date()) {
  const result = await db
    .updateTable("revisions")
    .set({ decision: "withdrawn", decided_by: user.id, decided_at: now.toISOString() })
    .where("id", "=", revisionId)
    .where("entity", "=", entity)
    .where("entity_id", "=", id)
    .where("requested_by", "=", user.id)
    .where("decision", "is", null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new PublishError("notRequested");
  await audit(db, { userId: user.id, action: "revision.withdraw", entity, entityId: id, after: { revision: revisionId } }, now);
}
