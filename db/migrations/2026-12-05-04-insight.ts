import type { Kysely } from "kysely";

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  // The insight dashboard counts the drafts started in a period, and reads unsent ones in batches in this order.
  await db.schema.createIndex("drafts_created").on("drafts").columns(["created_at", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("drafts_created").execute();
}
