import type { Kysely } from "kysely";
import { id } from "./portable";

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  // A quote is a moderator's redacted copy of one free-text answer. The answer is never changed.
  await db.schema
    .createTable("quotes")
    .addColumn("id", "integer", id(db))
    .addColumn("answer_id", "integer", (c) => c.notNull().references("answers.id"))
    .addColumn("response_id", "integer", (c) => c.notNull().references("responses.id"))
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("lang", "text", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("approved_at", "text")
    .execute();
  await db.schema.createIndex("quotes_response").on("quotes").column("response_id").execute();

  await db.schema
    .createTable("quote_themes")
    .addColumn("quote_id", "integer", (c) => c.notNull().references("quotes.id").onDelete("cascade"))
    .addColumn("theme_id", "integer", (c) => c.notNull().references("themes.id"))
    .addPrimaryKeyConstraint("quote_themes_pk", ["quote_id", "theme_id"])
    .execute();
  await db.schema.createIndex("quote_themes_theme").on("quote_themes").columns(["theme_id", "quote_id"]).execute();

  await db.schema
    .createTable("quote_approvals")
    .addColumn("quote_id", "integer", (c) => c.notNull().references("quotes.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("organisation", "text", (c) => c.notNull())
    .addColumn("approved_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("quote_approvals_pk", ["quote_id", "user_id"])
    .execute();

  await db
    .insertInto("settings")
    .values([
      // "two_people", or "council_and_pcf" where one approval must come from each side.
      { key: "quote_approval", value: "two_people" },
      { key: "setting_names", value: "" },
    ])
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["quote_approvals", "quote_themes", "quotes"]) await db.schema.dropTable(table).execute();
  await db.deleteFrom("settings").where("key", "in", ["quote_approval", "setting_names"]).execute();
}
