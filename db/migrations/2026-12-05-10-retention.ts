import { sql, type Kysely } from "kysely";
import { appendOnlyAuditLog } from "./portable";

// Frozen in time: never import application code here.
//
// Retention (docs/decisions/022-retention-and-backups.md). A nightly purge removes the words of free-text
// answers once a response is older than the limit, and marks the response `text_removed_at`. The
// partial index holds only responses not yet purged, in the order the purge walks them, so each
// night reads only the responses that have just come of age (and the few kept for an open
// safeguarding concern), never the million already done. Unfinished drafts are found by when they
// were last changed. Partial indexes work the same way on PostgreSQL.
//
// The audit log stays append-only, except that the purge may now delete entries past their limit:
// the trigger refuses any change, and any delete of an entry less than a year old (the shortest
// limit an administrator can set): `appendOnlyAuditLog` in ./portable has each engine's trigger.

export async function up(db: Kysely<any>): Promise<void> {
  await appendOnlyAuditLog(db, "1 year");
  await db.schema.alterTable("responses").addColumn("text_removed_at", "text").execute();
  await db.schema.createIndex("responses_text_kept").on("responses").columns(["submitted_at", "id"]).where(sql.ref("text_removed_at"), "is", null).execute();
  await db.schema.createIndex("drafts_unfinished_updated").on("drafts").columns(["updated_at", "id"]).where(sql.ref("response_id"), "is", null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await appendOnlyAuditLog(db, "forever");
  await db.schema.dropIndex("drafts_unfinished_updated").execute();
  await db.schema.dropIndex("responses_text_kept").execute();
  await db.schema.alterTable("responses").dropColumn("text_removed_at").execute();
}
