import type { Kysely } from "kysely";
import { id } from "./portable";

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  // A named date range, such as "Autumn 2026" or "2026–27", set by administrators.
  await db.schema
    .createTable("periods")
    .addColumn("id", "integer", id(db))
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("starts_on", "text", (c) => c.notNull())
    .addColumn("ends_on", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("period_translations")
    .addColumn("period_id", "integer", (c) => c.notNull().references("periods.id").onDelete("cascade"))
    .addColumn("lang", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("period_translations_pk", ["period_id", "lang"])
    .execute();

  // "We did": an action with an owner, a partner, a due date, a measure of success and a status.
  await db.schema
    .createTable("actions")
    .addColumn("id", "integer", id(db))
    .addColumn("owner", "text", (c) => c.notNull())
    .addColumn("partner", "text", (c) => c.notNull())
    .addColumn("due_on", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("planned"))
    .addColumn("period_id", "integer", (c) => c.references("periods.id"))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("actions_status").on("actions").columns(["status", "due_on"]).execute();

  // Words of an action per language, English first; the public page falls back to English.
  await db.schema
    .createTable("action_texts")
    .addColumn("action_id", "integer", (c) => c.notNull().references("actions.id").onDelete("cascade"))
    .addColumn("lang", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("measure", "text", (c) => c.notNull())
    .addColumn("status_reason", "text")
    .addColumn("impact", "text")
    .addPrimaryKeyConstraint("action_texts_pk", ["action_id", "lang"])
    .execute();

  await db.schema
    .createTable("action_themes")
    .addColumn("action_id", "integer", (c) => c.notNull().references("actions.id").onDelete("cascade"))
    .addColumn("theme_id", "integer", (c) => c.notNull().references("themes.id"))
    .addPrimaryKeyConstraint("action_themes_pk", ["action_id", "theme_id"])
    .execute();
  await db.schema.createIndex("action_themes_theme").on("action_themes").columns(["theme_id", "action_id"]).execute();

  await db.schema
    .createTable("action_surveys")
    .addColumn("action_id", "integer", (c) => c.notNull().references("actions.id").onDelete("cascade"))
    .addColumn("survey_id", "integer", (c) => c.notNull().references("surveys.id"))
    .addPrimaryKeyConstraint("action_surveys_pk", ["action_id", "survey_id"])
    .execute();

  await db.schema
    .createTable("action_updates")
    .addColumn("id", "integer", id(db))
    .addColumn("action_id", "integer", (c) => c.notNull().references("actions.id").onDelete("cascade"))
    .addColumn("lang", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("update_on", "text", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("action_updates_action").on("action_updates").columns(["action_id", "update_on"]).execute();

  // Every change of status, kept for good.
  await db.schema
    .createTable("action_status_history")
    .addColumn("id", "integer", id(db))
    .addColumn("action_id", "integer", (c) => c.notNull().references("actions.id").onDelete("cascade"))
    .addColumn("from_status", "text")
    .addColumn("to_status", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("changed_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("changed_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("action_status_history_action").on("action_status_history").column("action_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "action_status_history",
    "action_updates",
    "action_surveys",
    "action_themes",
    "action_texts",
    "actions",
    "period_translations",
    "periods",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
