import type { Kysely } from "kysely";
import { id } from "./portable";

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("safeguarding_flags")
    .addColumn("id", "integer", id(db))
    .addColumn("response_id", "integer", (c) => c.notNull().references("responses.id"))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("flagged_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("flagged_at", "text", (c) => c.notNull())
    .addColumn("resolved_at", "text")
    .addColumn("resolved_by", "integer", (c) => c.references("users.id"))
    .addColumn("resolution", "text")
    .execute();
  await db.schema.createIndex("safeguarding_flags_open").on("safeguarding_flags").columns(["resolved_at", "flagged_at"]).execute();
  await db.schema.createIndex("safeguarding_flags_response").on("safeguarding_flags").column("response_id").execute();

  await db.schema
    .createTable("safeguarding_handovers")
    .addColumn("id", "integer", id(db))
    .addColumn("flag_id", "integer", (c) => c.notNull().references("safeguarding_flags.id"))
    .addColumn("handed_to", "text", (c) => c.notNull())
    .addColumn("handed_over_on", "text", (c) => c.notNull())
    .addColumn("action_taken", "text", (c) => c.notNull())
    .addColumn("recorded_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("safeguarding_handovers_flag").on("safeguarding_handovers").column("flag_id").execute();

  // Words that may signal a disclosure, per language. Data, not code; they only prompt a person.
  await db.schema
    .createTable("safeguarding_phrases")
    .addColumn("lang", "text", (c) => c.notNull())
    .addColumn("phrase", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("safeguarding_phrases_pk", ["lang", "phrase"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["safeguarding_phrases", "safeguarding_handovers", "safeguarding_flags"]) {
    await db.schema.dropTable(table).execute();
  }
}
