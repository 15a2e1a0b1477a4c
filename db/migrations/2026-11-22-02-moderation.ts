import { sql, type Kysely } from "kysely";
import { appendOnlyAuditLog, dropAuditLogTriggers, id, now } from "./portable";

// Frozen in time: never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("users")
    .addColumn("id", "integer", id(db))
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('administrator', 'moderator', 'safeguarding_lead')`))
    // Co-production: a second approval can be required from the other side (council / PCF).
    .addColumn("organisation", "text", (c) =>
      c
        .notNull()
        .defaultTo("council")
        .check(sql`organisation in ('council', 'pcf', 'other')`),
    )
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("disabled_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now(db)))
    .execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("csrf_token", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sessions_user").on("sessions").column("user_id").execute();

  // Moderation state of a response. `version` lets a moderator's change fail cleanly when
  // someone else changed the same response first.
  await db.schema
    .alterTable("responses")
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("new")
        .check(sql`status in ('new', 'in_review', 'done')`),
    )
    .execute();
  await db.schema
    .alterTable("responses")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable("responses")
    .addColumn("flagged", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable("responses")
    .addColumn("possible_concern", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex("responses_queue").on("responses").columns(["flagged", "status", "submitted_at desc", "id desc"]).execute();
  await db.schema.createIndex("responses_queue_by_survey").on("responses").columns(["survey_id", "flagged", "submitted_at desc", "id desc"]).execute();

  await db.schema
    .createTable("response_themes")
    .addColumn("response_id", "integer", (c) => c.notNull().references("responses.id").onDelete("cascade"))
    .addColumn("theme_id", "integer", (c) => c.notNull().references("themes.id"))
    .addColumn("tagged_by", "integer", (c) => c.references("users.id"))
    .addColumn("tagged_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("response_themes_pk", ["response_id", "theme_id"])
    .execute();
  await db.schema.createIndex("response_themes_theme").on("response_themes").columns(["theme_id", "response_id"]).execute();

  await db.schema
    .createTable("response_notes")
    .addColumn("id", "integer", id(db))
    .addColumn("response_id", "integer", (c) => c.notNull().references("responses.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("response_notes_response").on("response_notes").column("response_id").execute();

  // Append-only: triggers refuse every change to a written entry.
  await db.schema
    .createTable("audit_log")
    .addColumn("id", "integer", id(db))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("user_id", "integer", (c) => c.references("users.id"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("entity_id", "text")
    .addColumn("before", "text")
    .addColumn("after", "text")
    .execute();
  await db.schema.createIndex("audit_log_at").on("audit_log").columns(["at desc", "id desc"]).execute();
  await db.schema.createIndex("audit_log_action").on("audit_log").columns(["action", "at desc"]).execute();
  await appendOnlyAuditLog(db, "forever");
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropAuditLogTriggers(db);
  for (const table of ["audit_log", "response_notes", "response_themes", "sessions", "users"]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.dropIndex("responses_queue_by_survey").execute();
  await db.schema.dropIndex("responses_queue").execute();
  for (const column of ["possible_concern", "flagged", "version", "status"]) {
    await db.schema.alterTable("responses").dropColumn(column).execute();
  }
}
