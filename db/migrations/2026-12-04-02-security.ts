import type { Kysely } from "kysely";

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  // Rate limits live in the database, so every server instance counts the same attempts
  // (the layout rate-limiter-flexible's SQL stores use).
  await db.schema
    .createTable("rate_limits")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("points", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("expire", "bigint")
    .execute();

  // A browser a member of staff has signed in from: it may still sign in while someone else guesses.
  await db.schema
    .createTable("known_devices")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_used_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("known_devices_user").on("known_devices").column("user_id").execute();

  // Failed sign-ins counted per account and hour; the audit log gets one row per account and hour.
  await db.schema
    .createTable("sign_in_failures")
    .addColumn("account", "text", (c) => c.notNull())
    .addColumn("hour", "text", (c) => c.notNull())
    .addColumn("failures", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("addresses", "text", (c) => c.notNull().defaultTo("[]"))
    .addPrimaryKeyConstraint("sign_in_failures_pk", ["account", "hour"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("sign_in_failures").execute();
  await db.schema.dropTable("known_devices").execute();
  await db.schema.dropTable("rate_limits").execute();
}
