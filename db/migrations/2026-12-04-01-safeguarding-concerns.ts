import { sql, type Kysely } from "kysely";
import { id } from "./portable";

/**
 * A possible concern is held from the moment it is found, by the detector or by a person, until a
 * safeguarding lead decides. `safeguarding_flags` only knew people's flags (flagged_by was
 * required), so concerns get a table of their own and the old rows move across with their ids.
 * Frozen in time: never import application code here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("safeguarding_concerns")
    .addColumn("id", "integer", id(db))
    .addColumn("response_id", "integer", (c) => c.notNull().references("responses.id"))
    .addColumn("source", "text", (c) => c.notNull().check(sql`source in ('detected', 'person')`))
    .addColumn("raised_by", "integer", (c) => c.references("users.id"))
    .addColumn("raised_at", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("matches", "text")
    .addColumn("urgency", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("state", "text", (c) =>
      c
        .notNull()
        .defaultTo("new")
        .check(sql`state in ('new', 'looking', 'handed_over', 'closed')`),
    )
    .addColumn("looking_by", "integer", (c) => c.references("users.id"))
    .addColumn("looking_since", "text")
    .addColumn("decision", "text", (c) => c.check(sql`decision in ('concern', 'not_concern')`))
    .addColumn("decided_by", "integer", (c) => c.references("users.id"))
    .addColumn("decided_at", "text")
    .addColumn("closed_by", "integer", (c) => c.references("users.id"))
    .addColumn("closed_at", "text")
    .addColumn("outcome", "text")
    .execute();
  await db.schema.createIndex("safeguarding_concerns_state").on("safeguarding_concerns").columns(["state", "urgency", "raised_at"]).execute();
  await db.schema.createIndex("safeguarding_concerns_response").on("safeguarding_concerns").column("response_id").execute();

  await db.schema
    .createTable("safeguarding_concern_handovers")
    .addColumn("id", "integer", id(db))
    .addColumn("concern_id", "integer", (c) => c.notNull().references("safeguarding_concerns.id"))
    .addColumn("handed_to", "text", (c) => c.notNull())
    .addColumn("handed_over_on", "text", (c) => c.notNull())
    .addColumn("action_taken", "text", (c) => c.notNull())
    .addColumn("recorded_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("safeguarding_concern_handovers_concern").on("safeguarding_concern_handovers").column("concern_id").execute();

  // Old flags: unflagged ones were "not a concern"; open ones are new, or handed over if they have a handover.
  await sql`
    insert into safeguarding_concerns (id, response_id, source, raised_by, raised_at, reason, urgency, state, decision, decided_by, decided_at, closed_by, closed_at, outcome)
    select f.id, f.response_id, 'person', f.flagged_by, f.flagged_at, f.reason, 1,
      case when f.resolved_at is not null then 'closed'
           when exists (select 1 from safeguarding_handovers h where h.flag_id = f.id) then 'handed_over'
           else 'new' end,
      case when f.resolved_at is not null then 'not_concern'
           when exists (select 1 from safeguarding_handovers h where h.flag_id = f.id) then 'concern'
           else null end,
      f.resolved_by, f.resolved_at, f.resolved_by, f.resolved_at, f.resolution
    from safeguarding_flags f
  `.execute(db);
  await sql`
    insert into safeguarding_concern_handovers (id, concern_id, handed_to, handed_over_on, action_taken, recorded_by, recorded_at)
    select id, flag_id, handed_to, handed_over_on, action_taken, recorded_by, recorded_at from safeguarding_handovers
  `.execute(db);
  await db.schema.dropTable("safeguarding_handovers").execute();
  await db.schema.dropTable("safeguarding_flags").execute();

  // Phrases are data files per language; leads add their own here. Shipped ones have no author.
  await db.schema
    .alterTable("safeguarding_phrases")
    .addColumn("category", "text", (c) => c.notNull().defaultTo("not_safe"))
    .execute();
  await db.schema
    .alterTable("safeguarding_phrases")
    .addColumn("added_by", "integer", (c) => c.references("users.id"))
    .execute();
  await db.schema.alterTable("safeguarding_phrases").addColumn("added_at", "text").execute();
  await db.deleteFrom("safeguarding_phrases").execute();

  // Mail that must not be lost: written in the same transaction as what it tells of, sent by a worker.
  await db.schema
    .createTable("outbox")
    .addColumn("id", "integer", id(db))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("recipient", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    .addColumn("claimed_until", "text")
    .addColumn("sent_at", "text")
    .addColumn("last_error", "text")
    .execute();
  await db.schema.createIndex("outbox_due").on("outbox").columns(["sent_at", "next_attempt_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("outbox").execute();
  await db.schema.alterTable("safeguarding_phrases").dropColumn("added_at").execute();
  await db.schema.alterTable("safeguarding_phrases").dropColumn("added_by").execute();
  await db.schema.alterTable("safeguarding_phrases").dropColumn("category").execute();
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
  // Only people's flags fit the old table.
  await sql`
    insert into safeguarding_flags (id, response_id, reason, flagged_by, flagged_at, resolved_at, resolved_by, resolution)
    select id, response_id, coalesce(reason, ''), raised_by, raised_at, closed_at, closed_by, outcome
    from safeguarding_concerns where raised_by is not null
  `.execute(db);
  await sql`
    insert into safeguarding_handovers (id, flag_id, handed_to, handed_over_on, action_taken, recorded_by, recorded_at)
    select h.id, h.concern_id, h.handed_to, h.handed_over_on, h.action_taken, h.recorded_by, h.recorded_at
    from safeguarding_concern_handovers h where h.concern_id in (select id from safeguarding_flags)
  `.execute(db);
  await db.schema.dropTable("safeguarding_concern_handovers").execute();
  await db.schema.dropTable("safeguarding_concerns").execute();
}
