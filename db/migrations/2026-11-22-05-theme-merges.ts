import type { Kysely } from "kysely";

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  // A merged theme is retired and points at the theme that took over its tags.
  await db.schema
    .alterTable("themes")
    .addColumn("merged_into", "integer", (c) => c.references("themes.id"))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("themes").dropColumn("merged_into").execute();
}
