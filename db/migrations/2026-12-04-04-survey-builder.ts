import { type Kysely } from "kysely";

/**
 * Administrators build and run their own surveys. Once a survey has responses, a change to what a
 * question asks makes a new version: the survey's earlier wording is kept whole in
 * `survey_versions`, each answer and draft records the version it was given on, and removed
 * questions and options are retired rather than deleted, so no answer ever changes meaning.
 * Frozen in time: never import application code here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("surveys").addColumn("run_by", "text").execute();
  await db.schema
    .alterTable("surveys")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable("surveys").addColumn("archived_at", "text").execute();
  await db.schema.alterTable("survey_translations").addColumn("privacy", "text").execute();

  await db.schema
    .alterTable("questions")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable("questions").addColumn("removed_at", "text").execute();
  await db.schema.alterTable("question_options").addColumn("retired_at", "text").execute();

  await db.schema
    .alterTable("answers")
    .addColumn("question_version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable("responses")
    .addColumn("survey_version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable("drafts")
    .addColumn("survey_version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable("survey_themes")
    .addColumn("survey_id", "integer", (c) => c.notNull().references("surveys.id").onDelete("cascade"))
    .addColumn("theme_id", "integer", (c) => c.notNull().references("themes.id"))
    .addPrimaryKeyConstraint("survey_themes_pk", ["survey_id", "theme_id"])
    .execute();

  // The whole survey as it stood at `version`, in the survey file format, written when the next version begins.
  await db.schema
    .createTable("survey_versions")
    .addColumn("survey_id", "integer", (c) => c.notNull().references("surveys.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("definition", "text", (c) => c.notNull())
    .addColumn("replaced_at", "text", (c) => c.notNull())
    .addColumn("replaced_by", "integer", (c) => c.references("users.id"))
    .addPrimaryKeyConstraint("survey_versions_pk", ["survey_id", "version"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("survey_versions").execute();
  await db.schema.dropTable("survey_themes").execute();
  for (const [table, column] of [
    ["drafts", "survey_version"],
    ["responses", "survey_version"],
    ["answers", "question_version"],
    ["question_options", "retired_at"],
    ["questions", "removed_at"],
    ["questions", "version"],
    ["survey_translations", "privacy"],
    ["surveys", "archived_at"],
    ["surveys", "version"],
    ["surveys", "run_by"],
  ]) {
    await db.schema.alterTable(table).dropColumn(column).execute();
  }
}
