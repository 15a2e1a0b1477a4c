import type { Kysely } from "kysely";
import { bytes, id } from "./portable";

// Frozen in time: never import application code here.
//
// Spoken answers (issue 18): a recording made for a free-text question. It belongs to a draft
// until the response is sent, then to the response. The bytes live in their own table, so that
// typing up (or the retention purge) deletes them and keeps the small row that says what it was,
// who typed it up and when. Nothing here is ever exported or shown outside the moderation pages.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("spoken_answers")
    .addColumn("id", "integer", id(db))
    .addColumn("draft_id", "integer", (c) => c.references("drafts.id").onDelete("cascade"))
    .addColumn("response_id", "integer", (c) => c.references("responses.id").onDelete("cascade"))
    .addColumn("question_id", "integer", (c) => c.notNull().references("questions.id"))
    .addColumn("question_version", "integer", (c) => c.notNull())
    .addColumn("mime_type", "text", (c) => c.notNull())
    .addColumn("byte_size", "integer", (c) => c.notNull())
    .addColumn("duration_ms", "integer")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("transcribed_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("transcribed_at", "text")
    .addColumn("audio_removed_at", "text")
    .execute();
  await db.schema.createIndex("spoken_answers_draft").on("spoken_answers").columns(["draft_id", "question_id"]).unique().execute();
  await db.schema.createIndex("spoken_answers_response").on("spoken_answers").column("response_id").execute();
  await db.schema.createIndex("spoken_answers_waiting").on("spoken_answers").columns(["audio_removed_at", "created_at"]).execute();

  await db.schema
    .createTable("spoken_audio")
    .addColumn("spoken_answer_id", "integer", (c) => c.primaryKey().references("spoken_answers.id").onDelete("cascade"))
    .addColumn("bytes", bytes(db), (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("spoken_audio").execute();
  await db.schema.dropTable("spoken_answers").execute();
}
