import type { Kysely } from "kysely";

/**
 * A period with published statements or actions cannot be deleted, only closed: once closed, nothing
 * new is added to it and staff forms stop offering it, while the public keeps reading what is in it.
 * Frozen in time: never import application code here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("periods").addColumn("closed_at", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("periods").dropColumn("closed_at").execute();
}
