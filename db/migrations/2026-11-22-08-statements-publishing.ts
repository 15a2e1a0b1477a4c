import { sql, type Kysely } from "kysely";
import { id } from "./portable";

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  // "You said": one summary per theme and period, written by a moderator.
  await db.schema
    .createTable("statements")
    .addColumn("id", "integer", id(db))
    .addColumn("theme_id", "integer", (c) => c.notNull().references("themes.id"))
    .addColumn("period_id", "integer", (c) => c.notNull().references("periods.id"))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("statements_theme_period", ["theme_id", "period_id"])
    .execute();
  await db.schema
    .createTable("statement_texts")
    .addColumn("statement_id", "integer", (c) => c.notNull().references("statements.id").onDelete("cascade"))
    .addColumn("lang", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("statement_texts_pk", ["statement_id", "lang"])
    .execute();
  await db.schema
    .createTable("statement_quotes")
    .addColumn("statement_id", "integer", (c) => c.notNull().references("statements.id").onDelete("cascade"))
    .addColumn("quote_id", "integer", (c) => c.notNull().references("quotes.id"))
    .addPrimaryKeyConstraint("statement_quotes_pk", ["statement_id", "quote_id"])
    .execute();

  // Statements and actions are drafts until a second person approves publishing them.
  await db.schema
    .createTable("publications")
    .addColumn("entity", "text", (c) => c.notNull().check(sql`entity in ('statement', 'action')`))
    .addColumn("entity_id", "integer", (c) => c.notNull())
    .addColumn("requested_by", "integer", (c) => c.references("users.id"))
    .addColumn("requested_at", "text")
    .addColumn("published_by", "integer", (c) => c.references("users.id"))
    .addColumn("published_at", "text")
    .addColumn("unpublished_at", "text")
    .addColumn("unpublish_reason", "text")
    .addPrimaryKeyConstraint("publications_pk", ["entity", "entity_id"])
    .execute();
  await db.schema.createIndex("publications_published").on("publications").columns(["entity", "published_at"]).execute();

  // A change to something already published is a dated correction, shown with it.
  await db.schema
    .createTable("corrections")
    .addColumn("id", "integer", id(db))
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("entity_id", "integer", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("corrected_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("corrected_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("corrections_entity").on("corrections").columns(["entity", "entity_id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["corrections", "publications", "statement_quotes", "statement_texts", "statements"]) {
    await db.schema.dropTable(table).execute();
  }
}
