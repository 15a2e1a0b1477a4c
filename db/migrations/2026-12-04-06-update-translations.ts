import type { Kysely } from "kysely";

/**
 * A progress update is written once, in English (its row in `action_updates`); its words in other
 * languages live here, one row per language, and go when the update goes. Statements and actions
 * already keep one row per language (`statement_texts`, `action_texts`).
 * Frozen in time: never import application code here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("action_update_texts")
    .addColumn("update_id", "integer", (c) => c.notNull().references("action_updates.id").onDelete("cascade"))
    .addColumn("lang", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("action_update_texts_pk", ["update_id", "lang"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("action_update_texts").execute();
}
