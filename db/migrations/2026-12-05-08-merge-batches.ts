import type { Kysely } from "kysely";

// Frozen in time: never import application code here.
//
// A theme merge moves its tags in batches, each its own short transaction, so no request waits
// behind it (app/moderation/merges.server.ts). A row here is a merge under way: responses up to
// `through_response_id` already count for the kept theme. Walking a question's answers in response
// order, to find who raised the merged theme by answering it, needs the index, which holds the
// choice too so that the walk never reads the answers themselves.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("theme_merges")
    .addColumn("theme_id", "integer", (col) => col.primaryKey().references("themes.id"))
    .addColumn("into_id", "integer", (col) => col.notNull().references("themes.id"))
    .addColumn("through_response_id", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("tags_moved", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("started_by", "integer", (col) => col.references("users.id"))
    .addColumn("started_at", "text", (col) => col.notNull())
    .execute();
  await db.schema.createIndex("answers_question_response").on("answers").columns(["question_id", "response_id", "choice"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("answers_question_response").execute();
  await db.schema.dropTable("theme_merges").execute();
}
