import { sql, type Kysely } from "kysely";
import { id } from "./portable";

// Frozen in time: never import application code here.
//
// "Tell me when something changes" (issue 18). A person's e-mail address or mobile number is kept
// encrypted, apart from the answers, linked only to the response; it goes when they unsubscribe,
// when it expires, and with the response. `notified_until` is the moment the last update covered.
// Each update sent carries its own token for "Can you see what was done?", and the answer is kept
// once per response (the latest), so the figure counts people, not messages.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("update_contacts")
    .addColumn("id", "integer", id(db))
    .addColumn("response_id", "integer", (c) => c.notNull().references("responses.id").onDelete("cascade"))
    .addColumn("channel", "text", (c) => c.notNull().check(sql`channel in ('email', 'sms')`))
    .addColumn("contact", "text", (c) => c.notNull())
    .addColumn("lang", "text", (c) => c.notNull())
    .addColumn("token", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("notified_until", "text", (c) => c.notNull())
    .addColumn("last_sent_at", "text")
    .execute();
  await db.schema.createIndex("update_contacts_response").on("update_contacts").columns(["response_id", "channel"]).unique().execute();
  await db.schema.createIndex("update_contacts_expiry").on("update_contacts").column("expires_at").execute();

  await db.schema
    .createTable("update_messages")
    .addColumn("id", "integer", id(db))
    .addColumn("response_id", "integer", (c) => c.notNull().references("responses.id").onDelete("cascade"))
    .addColumn("token", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("update_answers")
    .addColumn("response_id", "integer", (c) => c.primaryKey().references("responses.id").onDelete("cascade"))
    .addColumn("answer", "text", (c) => c.notNull().check(sql`answer in ('yes', 'no')`))
    .addColumn("answered_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("update_answers").execute();
  await db.schema.dropTable("update_messages").execute();
  await db.schema.dropTable("update_contacts").execute();
}
