import { sql, type Kysely } from "kysely";
import { id } from "./portable";

/**
 * Once a statement or action is public, a change to anything the public reads is a revision that
 * waits for a second person, as publishing did; so is a change to an approved quote or a theme's name. The public keeps
 * seeing the approved version.
 * Frozen in time: never import application code here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("revisions")
    .addColumn("id", "integer", id(db))
    .addColumn("entity", "text", (c) => c.notNull().check(sql`entity in ('statement', 'action', 'theme', 'quote')`))
    .addColumn("entity_id", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("requested_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("requested_at", "text", (c) => c.notNull())
    .addColumn("decision", "text", (c) => c.check(sql`decision in ('approved', 'withdrawn', 'replaced')`))
    .addColumn("decided_by", "integer", (c) => c.references("users.id"))
    .addColumn("decided_at", "text")
    .execute();
  await db.schema.createIndex("revisions_entity").on("revisions").columns(["entity", "entity_id", "decision"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("revisions").execute();
}
