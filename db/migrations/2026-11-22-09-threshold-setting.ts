import type { Kysely } from "kysely";

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  // Figures under this are never published ("fewer than 10").
  await db
    .insertInto("settings")
    .values({ key: "suppression_threshold", value: "10" })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom("settings").where("key", "=", "suppression_threshold").execute();
}
