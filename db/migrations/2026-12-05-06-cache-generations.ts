import type { Kysely } from "kysely";

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  // Each process keeps some things read from the database in memory (survey definitions). A change
  // raises its cache's generation here; every process reads it per request and starts afresh when
  // it moved (app/utils/cache.server.ts). One row per cache.
  await db.schema
    .createTable("cache_generations")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("generation", "integer", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("cache_generations").execute();
}
