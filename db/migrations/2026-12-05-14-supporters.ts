import { sql, type Kysely } from "kysely";
import { id, now, replaceColumnCheck } from "./portable";

/**
 * Supported responses (issue 18). A new staff role, "supporter": family support workers,
 * interpreters, SENCOs and forum volunteers who help someone answer. A draft started by a supporter
 * records how they helped (`support_kind`, and for interpreting the language they named), and the
 * response keeps it. Nothing records which supporter: the response carries the kind of help only.
 *
 * `users.role` gains "supporter": SQLite rebuilds the table, PostgreSQL replaces the constraint
 * (`replaceColumnCheck` in ./portable).
 * Frozen in time: never import application code here.
 */
const kinds = sql`support_kind in ('reading_aloud', 'interpreting', 'typing', 'pictures')`;

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ["drafts", "responses"]) {
    await db.schema
      .alterTable(table)
      .addColumn("support_kind", "text", (c) => c.check(kinds))
      .execute();
    await db.schema.alterTable(table).addColumn("support_language", "text").execute();
  }
  // The queue filtered to supported responses, newest first: a few among many, found without walking them all.
  await db.schema
    .createIndex("responses_supported_newest")
    .on("responses")
    .columns(["flagged", "submitted_at desc", "id desc"])
    .where(sql.ref("support_kind"), "is not", null)
    .execute();

  await replaceColumnCheck(db, {
    table: "users",
    column: "role",
    check: sql`role in ('administrator', 'moderator', 'safeguarding_lead', 'supporter')`,
    rebuild: async (trx) => {
      await trx.schema
        .createTable("users_rebuilt")
        .addColumn("id", "integer", id(db))
        .addColumn("email", "text", (c) => c.notNull().unique())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('administrator', 'moderator', 'safeguarding_lead', 'supporter')`))
        .addColumn("organisation", "text", (c) =>
          c
            .notNull()
            .defaultTo("council")
            .check(sql`organisation in ('council', 'pcf', 'other')`),
        )
        .addColumn("password_hash", "text", (c) => c.notNull())
        .addColumn("disabled_at", "text")
        .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now(db)))
        .addColumn("totp_secret", "text")
        .addColumn("totp_enabled_at", "text")
        .addColumn("totp_last_step", "integer")
        .addColumn("must_change_password", "integer", (c) => c.notNull().defaultTo(0))
        .execute();
      const columns = sql.raw(
        "id, email, name, role, organisation, password_hash, disabled_at, created_at, totp_secret, totp_enabled_at, totp_last_step, must_change_password",
      );
      await sql`insert into users_rebuilt (${columns}) select ${columns} from users`.execute(trx);
      await trx.schema.dropTable("users").execute();
      await trx.schema.alterTable("users_rebuilt").renameTo("users").execute();
    },
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("responses_supported_newest").execute();
  for (const table of ["drafts", "responses"]) {
    await db.schema.alterTable(table).dropColumn("support_language").execute();
    await db.schema.alterTable(table).dropColumn("support_kind").execute();
  }
}
