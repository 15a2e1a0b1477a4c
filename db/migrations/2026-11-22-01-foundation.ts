import { sql, type Kysely } from "kysely";
import { id, now } from "./portable";

// Frozen in time: never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("settings")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("themes")
    .addColumn("id", "integer", id(db))
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("retired_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now(db)))
    .execute();

  await db.schema
    .createTable("theme_translations")
    .addColumn("theme_id", "integer", (c) => c.notNull().references("themes.id").onDelete("cascade"))
    .addColumn("lang", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text")
    .addPrimaryKeyConstraint("theme_translations_pk", ["theme_id", "lang"])
    .execute();

  await db.schema
    .createTable("surveys")
    .addColumn("id", "integer", id(db))
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("audience", "text", (c) => c.notNull().check(sql`audience in ('parent_carer', 'young_person')`))
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("draft")
        .check(sql`status in ('draft', 'open', 'closed')`),
    )
    .addColumn("estimated_minutes", "integer", (c) => c.notNull())
    .addColumn("opens_at", "text")
    .addColumn("closes_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now(db)))
    .execute();

  await db.schema
    .createTable("survey_translations")
    .addColumn("survey_id", "integer", (c) => c.notNull().references("surveys.id").onDelete("cascade"))
    .addColumn("lang", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("survey_translations_pk", ["survey_id", "lang"])
    .execute();

  await db.schema
    .createTable("questions")
    .addColumn("id", "integer", id(db))
    .addColumn("survey_id", "integer", (c) => c.notNull().references("surveys.id").onDelete("cascade"))
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) =>
      c.notNull().check(sql`kind in ('single_choice', 'multiple_choice', 'agreement_scale', 'smiley_scale', 'free_text', 'yes_no')`),
    )
    .addColumn("section", "text", (c) =>
      c
        .notNull()
        .defaultTo("main")
        .check(sql`section in ('main', 'about_you')`),
    )
    .addColumn("required", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("max_length", "integer")
    .addColumn("theme_id", "integer", (c) => c.references("themes.id"))
    .addColumn("show_if_question_id", "integer", (c) => c.references("questions.id"))
    .addColumn("show_if_value", "text")
    .addUniqueConstraint("questions_survey_key", ["survey_id", "key"])
    .addUniqueConstraint("questions_survey_position", ["survey_id", "position"])
    .execute();

  await db.schema
    .createTable("question_translations")
    .addColumn("question_id", "integer", (c) => c.notNull().references("questions.id").onDelete("cascade"))
    .addColumn("lang", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("hint", "text")
    .addPrimaryKeyConstraint("question_translations_pk", ["question_id", "lang"])
    .execute();

  await db.schema
    .createTable("question_options")
    .addColumn("id", "integer", id(db))
    .addColumn("question_id", "integer", (c) => c.notNull().references("questions.id").onDelete("cascade"))
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    // "None of these": chosen on its own, never with other options.
    .addColumn("exclusive", "integer", (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint("question_options_value", ["question_id", "value"])
    .execute();

  await db.schema
    .createTable("option_translations")
    .addColumn("option_id", "integer", (c) => c.notNull().references("question_options.id").onDelete("cascade"))
    .addColumn("lang", "text", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("option_translations_pk", ["option_id", "lang"])
    .execute();

  await db.schema
    .createTable("responses")
    .addColumn("id", "integer", id(db))
    .addColumn("survey_id", "integer", (c) => c.notNull().references("surveys.id"))
    .addColumn("reference", "text", (c) => c.notNull().unique())
    .addColumn("lang", "text", (c) => c.notNull())
    .addColumn("quote_consent", "integer", (c) => c.notNull())
    .addColumn("submitted_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("responses_survey_submitted").on("responses").columns(["survey_id", "submitted_at"]).execute();

  await db.schema
    .createTable("answers")
    .addColumn("id", "integer", id(db))
    .addColumn("response_id", "integer", (c) => c.notNull().references("responses.id").onDelete("cascade"))
    .addColumn("question_id", "integer", (c) => c.notNull().references("questions.id"))
    .addColumn("choice", "text")
    .addColumn("text", "text")
    .addCheckConstraint("answers_has_value", sql`choice is not null or text is not null`)
    .execute();
  await db.schema.createIndex("answers_response").on("answers").column("response_id").execute();
  await db.schema.createIndex("answers_question_choice").on("answers").columns(["question_id", "choice"]).execute();

  await db.schema
    .createTable("drafts")
    .addColumn("id", "integer", id(db))
    .addColumn("survey_id", "integer", (c) => c.notNull().references("surveys.id").onDelete("cascade"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("resume_code_hash", "text", (c) => c.unique())
    .addColumn("lang", "text", (c) => c.notNull())
    .addColumn("answers", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("response_id", "integer", (c) => c.references("responses.id"))
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now(db)))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("drafts_expires").on("drafts").column("expires_at").execute();

  await db
    .insertInto("settings")
    .values([
      { key: "organisation_name", value: "Your local area SEND partnership" },
      { key: "contact_email", value: "send-feedback@example.org" },
    ])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "drafts",
    "answers",
    "responses",
    "option_translations",
    "question_options",
    "question_translations",
    "questions",
    "survey_translations",
    "surveys",
    "theme_translations",
    "themes",
    "settings",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
