import type { Kysely } from "kysely";
import { id } from "./portable";

// Frozen in time: never import application code here.
//
// Erasure (UK GDPR Article 17, docs/decisions/023-erasure.md). A request waits here until it can be
// carried out: for a moderator to confirm one made with the reference alone, or for a safeguarding
// concern to close. Once done, the row keeps only a hash of the reference, so the person can still
// learn that their answers were deleted, and nothing that points at the response.
//
// A response keeps the hash of the last resume code its draft was given, and the draft keeps it
// from the moment it is given (resuming spends the code but not this copy): with the reference, it
// lets the person who saved their answers have them deleted without waiting for anyone.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("erasure_requests")
    .addColumn("id", "integer", id(db))
    .addColumn("response_id", "integer", (c) => c.references("responses.id"))
    .addColumn("reference_hash", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("verified", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("state", "text", (c) => c.notNull().defaultTo("waiting"))
    .addColumn("requested_at", "text", (c) => c.notNull())
    .addColumn("decided_by", "integer", (c) => c.references("users.id"))
    .addColumn("decided_at", "text")
    .addColumn("reason", "text")
    .execute();
  await db.schema.createIndex("erasure_requests_state").on("erasure_requests").columns(["state", "requested_at"]).execute();
  await db.schema.createIndex("erasure_requests_reference").on("erasure_requests").column("reference_hash").execute();
  await db.schema.createIndex("erasure_requests_response").on("erasure_requests").column("response_id").execute();
  await db.schema.alterTable("responses").addColumn("resume_code_hash", "text").execute();
  await db.schema.alterTable("drafts").addColumn("given_code_hash", "text").execute();
  // Erasing a response deletes the draft it came from, and its answers, which quotes point at:
  // both found by index, not by reading every draft or (for the foreign key check) every quote.
  await db.schema.createIndex("drafts_response").on("drafts").column("response_id").execute();
  await db.schema.createIndex("quotes_answer").on("quotes").column("answer_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("quotes_answer").execute();
  await db.schema.dropIndex("drafts_response").execute();
  await db.schema.alterTable("drafts").dropColumn("given_code_hash").execute();
  await db.schema.alterTable("responses").dropColumn("resume_code_hash").execute();
  await db.schema.dropTable("erasure_requests").execute();
}
