import { sql, type Kysely } from "kysely";

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  // "Someone helped me answer": who helped, if the respondent said (optional).
  await db.schema
    .alterTable("responses")
    .addColumn("helped_by", "text", (c) => c.check(sql`helped_by in ('none', 'parent_carer', 'teacher', 'support_worker', 'someone_else')`))
    .execute();
  // A moderator's English translation of a free-text answer; the original is never changed.
  await db.schema.alterTable("answers").addColumn("translation", "text").execute();
  await db.schema
    .alterTable("answers")
    .addColumn("translated_by", "integer", (c) => c.references("users.id"))
    .execute();
  await db.schema.alterTable("answers").addColumn("translated_at", "text").execute();
  // A quote can be published in its original language with an English translation beside it.
  await db.schema.alterTable("quotes").addColumn("translation", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("quotes").dropColumn("translation").execute();
  await db.schema.alterTable("answers").dropColumn("translated_at").execute();
  await db.schema.alterTable("answers").dropColumn("translated_by").execute();
  await db.schema.alterTable("answers").dropColumn("translation").execute();
  await db.schema.alterTable("responses").dropColumn("helped_by").execute();
}
