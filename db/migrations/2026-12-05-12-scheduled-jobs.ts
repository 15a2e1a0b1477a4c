import type { Kysely } from "kysely";

// Frozen in time: never import application code here.
//
// Scheduled work shared by every instance (server/scheduled-jobs.ts, decision 026): one row per job
// says who is running it and until when (a lease, renewed while the job runs and left to lapse if
// its process dies), and when the job is next due anywhere. The same row on SQLite and PostgreSQL.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("scheduled_jobs")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("holder", "text", (c) => c.notNull())
    .addColumn("held_until", "text", (c) => c.notNull())
    .addColumn("next_run_at", "text", (c) => c.notNull())
    .addColumn("runs", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_finished_at", "text")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("scheduled_jobs").execute();
}
