import type { Kysely } from "kysely";

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  // The unfiltered queue, newest first, without sorting hundreds of thousands of rows.
  await db.schema.createIndex("responses_queue_newest").on("responses").columns(["flagged", "submitted_at desc", "id desc"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("responses_queue_newest").execute();
}
