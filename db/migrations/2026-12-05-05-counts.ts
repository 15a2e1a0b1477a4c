import { sql, type Kysely } from "kysely";

// Frozen in time: never import application code here.
//
// The figures people read (public counts, theme counts, queue counts, the dashboard) come from
// these three tables, kept up to date in the same transaction as the responses, tags and flags
// they count (docs/decisions/020-counts.md). Only responses that are not held for safeguarding
// are in them. A key whose count falls to zero keeps its row with n = 0.
export async function up(db: Kysely<any>): Promise<void> {
  // Responses by the day they were sent and everything the queue and the dashboard filter on.
  await db.schema
    .createTable("response_counts")
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("survey_id", "integer", (c) => c.notNull())
    .addColumn("audience", "text", (c) => c.notNull())
    .addColumn("lang", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("tagged", "integer", (c) => c.notNull())
    .addColumn("n", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("response_counts_key", ["day", "survey_id", "audience", "lang", "status", "tagged"])
    .execute();

  // Responses that raised each theme: tagged with it, or a structured answer to a question carrying it.
  await db.schema
    .createTable("theme_counts")
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("theme_id", "integer", (c) => c.notNull())
    .addColumn("survey_id", "integer", (c) => c.notNull())
    .addColumn("audience", "text", (c) => c.notNull())
    .addColumn("lang", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("tagged", "integer", (c) => c.notNull())
    .addColumn("n", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("theme_counts_key", ["day", "theme_id", "survey_id", "audience", "lang", "status", "tagged"])
    .execute();
  await db.schema.createIndex("theme_counts_theme").on("theme_counts").columns(["theme_id", "status"]).execute();

  // Answers by question, wording version and choice ('' for a free-text answer).
  await db.schema
    .createTable("answer_counts")
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("question_id", "integer", (c) => c.notNull())
    .addColumn("question_version", "integer", (c) => c.notNull())
    .addColumn("choice", "text", (c) => c.notNull())
    .addColumn("audience", "text", (c) => c.notNull())
    .addColumn("lang", "text", (c) => c.notNull())
    .addColumn("n", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("answer_counts_key", ["question_id", "day", "question_version", "choice", "audience", "lang"])
    .execute();

  // The queue's theme filter reads tags by theme; its language filter reads responses by language.
  await db.schema.createIndex("responses_lang_newest").on("responses").columns(["lang", "flagged", "submitted_at", "id"]).execute();

  await sql`
    insert into response_counts (day, survey_id, audience, lang, status, tagged, n)
    select substr(r.submitted_at, 1, 10), r.survey_id, r.audience, r.lang, r.status,
      case when exists (select 1 from response_themes rt where rt.response_id = r.id) then 1 else 0 end, count(*)
    from responses r
    where r.flagged = 0
    group by 1, 2, 3, 4, 5, 6`.execute(db);
  await sql`
    insert into theme_counts (day, theme_id, survey_id, audience, lang, status, tagged, n)
    select substr(r.submitted_at, 1, 10), raised.theme_id, r.survey_id, r.audience, r.lang, r.status,
      case when exists (select 1 from response_themes rt where rt.response_id = r.id) then 1 else 0 end, count(*)
    from (
      select rt.response_id, rt.theme_id from response_themes rt
      union
      select a.response_id, q.theme_id from answers a join questions q on q.id = a.question_id
      where q.theme_id is not null and a.choice is not null and a.choice not in ('dont_know', 'prefer_not_to_say')
    ) raised
    join responses r on r.id = raised.response_id
    where r.flagged = 0
    group by 1, 2, 3, 4, 5, 6, 7`.execute(db);
  await sql`
    insert into answer_counts (day, question_id, question_version, choice, audience, lang, n)
    select substr(r.submitted_at, 1, 10), a.question_id, a.question_version, coalesce(a.choice, ''), r.audience, r.lang, count(*)
    from answers a
    join responses r on r.id = a.response_id
    where r.flagged = 0
    group by 1, 2, 3, 4, 5, 6`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("responses_lang_newest").execute();
  await db.schema.dropTable("answer_counts").execute();
  await db.schema.dropTable("theme_counts").execute();
  await db.schema.dropTable("response_counts").execute();
}
