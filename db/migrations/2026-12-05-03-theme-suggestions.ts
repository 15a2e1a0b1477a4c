import type { Kysely } from "kysely";

/**
 * Theme suggestions learn from the tags moderators give: a naive Bayes model per language, kept as
 * counts that every app instance shares and that each save of tags updates in its own transaction.
 * - suggestion_terms: how many tagged responses in a language with a term carry a theme.
 * - suggestion_docs: how many tagged responses in a language carry a theme, and their terms in all.
 * - suggestion_languages: how many different terms a language's model knows (for smoothing).
 * Counts start empty: they grow as tags are saved, or are built from every tag at once by
 * `rebuildSuggestionModel` (app/moderation/suggestions.server.ts). Frozen in time: never import
 * application code here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("suggestion_terms")
    .addColumn("lang", "text", (c) => c.notNull())
    .addColumn("term", "text", (c) => c.notNull())
    .addColumn("theme_id", "integer", (c) => c.notNull().references("themes.id").onDelete("cascade"))
    .addColumn("n", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("suggestion_terms_pk", ["lang", "term", "theme_id"])
    .execute();
  await db.schema.createIndex("suggestion_terms_theme").on("suggestion_terms").column("theme_id").execute();

  await db.schema
    .createTable("suggestion_docs")
    .addColumn("lang", "text", (c) => c.notNull())
    .addColumn("theme_id", "integer", (c) => c.notNull().references("themes.id").onDelete("cascade"))
    .addColumn("n", "integer", (c) => c.notNull())
    .addColumn("terms", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("suggestion_docs_pk", ["lang", "theme_id"])
    .execute();

  await db.schema
    .createTable("suggestion_languages")
    .addColumn("lang", "text", (c) => c.primaryKey())
    .addColumn("vocabulary", "integer", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["suggestion_languages", "suggestion_docs", "suggestion_terms"]) await db.schema.dropTable(table).execute();
}
