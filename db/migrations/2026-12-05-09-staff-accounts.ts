import type { Kysely } from "kysely";
import { id } from "./portable";

// Frozen in time: never import application code here.
//
// Stronger staff accounts (issue 14): a second factor (TOTP, RFC 6238) with single-use recovery
// codes; a temporary password that must be changed at first sign-in; single-use links for a
// forgotten password; and a session that is part-way through signing in until every step is done.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").addColumn("totp_secret", "text").execute();
  await db.schema.alterTable("users").addColumn("totp_enabled_at", "text").execute();
  // The last time step a code was accepted for: a code is never accepted twice (RFC 6238 5.2).
  await db.schema.alterTable("users").addColumn("totp_last_step", "integer").execute();
  await db.schema
    .alterTable("users")
    .addColumn("must_change_password", "integer", (col) => col.notNull().defaultTo(0))
    .execute();
  // Null when signed in; otherwise the step still to do: "second_factor", "change_password" or "set_up_second_factor".
  await db.schema.alterTable("sessions").addColumn("pending", "text").execute();

  await db.schema
    .createTable("recovery_codes")
    .addColumn("id", "integer", id(db))
    .addColumn("user_id", "integer", (col) => col.notNull().references("users.id").onDelete("cascade"))
    .addColumn("code_hash", "text", (col) => col.notNull())
    .addColumn("used_at", "text")
    .execute();
  await db.schema.createIndex("recovery_codes_user").on("recovery_codes").column("user_id").execute();

  await db.schema
    .createTable("password_resets")
    .addColumn("token_hash", "text", (col) => col.primaryKey())
    .addColumn("user_id", "integer", (col) => col.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "text", (col) => col.notNull())
    .addColumn("expires_at", "text", (col) => col.notNull())
    .addColumn("used_at", "text")
    .execute();
  await db.schema.createIndex("password_resets_user").on("password_resets").column("user_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("password_resets").execute();
  await db.schema.dropTable("recovery_codes").execute();
  await db.schema.alterTable("sessions").dropColumn("pending").execute();
  for (const column of ["must_change_password", "totp_last_step", "totp_enabled_at", "totp_secret"])
    await db.schema.alterTable("users").dropColumn(column).execute();
}
