import { sql, type Kysely } from "kysely";
import { id, inKeyOrder, now } from "./portable";

// Frozen in time: never import application code here.
//
// Outreach links (issue 18): one per place a survey is shared, with a short code for `/s/<code>`.
// A draft started through a live link records it, and so does the response made from that draft;
// nothing else about the person. `outreach_counts` holds the counted (not held) responses by link,
// day, audience and language, kept in the same transaction as the responses (decision 020).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("outreach_links")
    .addColumn("id", "integer", id(db))
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('school', 'family_hub', 'clinic', 'forum_event', 'local_offer', 'newsletter', 'other')`))
    .addColumn("survey_id", "integer", (c) => c.notNull().references("surveys.id"))
    .addColumn("paused_at", "text")
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now(db)))
    .execute();
  await db.schema.createIndex("outreach_links_survey").on("outreach_links").column("survey_id").execute();
  await db.schema
    .alterTable("drafts")
    .addColumn("outreach_link_id", "integer", (c) => c.references("outreach_links.id"))
    .execute();
  await db.schema
    .alterTable("responses")
    .addColumn("outreach_link_id", "integer", (c) => c.references("outreach_links.id"))
    .execute();
  // Drafts started through a link, by when: the dashboard's "started" by link reads only these.
  await db.schema.createIndex("drafts_outreach_link").on("drafts").columns(["outreach_link_id", "created_at"]).execute();
  await inKeyOrder(
    db,
    db.schema
      .createTable("outreach_counts")
      .addColumn("outreach_link_id", "integer", (c) => c.notNull())
      .addColumn("day", "text", (c) => c.notNull())
      .addColumn("audience", "text", (c) => c.notNull())
      .addColumn("lang", "text", (c) => c.notNull())
      .addColumn("n", "integer", (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint("outreach_counts_pk", ["outreach_link_id", "day", "audience", "lang"]),
  ).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("outreach_counts").execute();
  await db.schema.dropIndex("drafts_outreach_link").execute();
  await db.schema.alterTable("responses").dropColumn("outreach_link_id").execute();
  await db.schema.alterTable("drafts").dropColumn("outreach_link_id").execute();
  await db.schema.dropTable("outreach_links").execute();
}
