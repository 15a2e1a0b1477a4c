import { sql, type Kysely } from "kysely";
import { inKeyOrder } from "./portable";

// Frozen in time: never import application code here.
//
// The figures people read (public counts, theme counts, queue counts, the dashboard) come from
// these tables, kept up to date in the same transaction as the responses, tags and flags they
// count (docs/decisions/020-counts.md). Only responses that are not held for safeguarding are in
// them. A key whose count falls to zero keeps its row with n = 0.

const tagged = sql`case when exists (select 1 from response_themes rt where rt.response_id = r.id) then 1 else 0 end`;
const raised = sql`
  select rt.response_id, rt.theme_id from response_themes rt
  union
  select a.response_id, q.theme_id from answers a join questions q on q.id = a.question_id
  where q.theme_id is not null and a.choice is not null and a.choice not in ('dont_know', 'prefer_not_to_say')`;

export async function up(db: Kysely<any>): Promise<void> {
  // Responses by the day they were sent: public counts, the dashboard over time, representation.
  await inKeyOrder(
    db,
    db.schema
      .createTable("response_counts")
      .addColumn("day", "text", (c) => c.notNull())
      .addColumn("survey_id", "integer", (c) => c.notNull())
      .addColumn("audience", "text", (c) => c.notNull())
      .addColumn("lang", "text", (c) => c.notNull())
      .addColumn("n", "integer", (c) => c.notNull())
      .addPrimaryKeyConstraint("response_counts_key", ["day", "survey_id", "audience", "lang"]),
  ).execute();

  // Responses that raised each theme (tagged with it, or a structured answer to a question carrying
  // it). Each count is kept for its day ("2026-03-14") and for its whole month ("2026-03"), so a
  // year is read as twelve months plus the days at its ends.
  await inKeyOrder(
    db,
    db.schema
      .createTable("theme_counts")
      .addColumn("span", "text", (c) => c.notNull())
      .addColumn("theme_id", "integer", (c) => c.notNull())
      .addColumn("survey_id", "integer", (c) => c.notNull())
      .addColumn("audience", "text", (c) => c.notNull())
      .addColumn("lang", "text", (c) => c.notNull())
      .addColumn("n", "integer", (c) => c.notNull())
      .addPrimaryKeyConstraint("theme_counts_key", ["span", "theme_id", "survey_id", "audience", "lang"]),
  ).execute();

  // Answers by question, day and month (as theme_counts), wording version and choice ('' for a free-text answer).
  await inKeyOrder(
    db,
    db.schema
      .createTable("answer_counts")
      .addColumn("question_id", "integer", (c) => c.notNull())
      .addColumn("span", "text", (c) => c.notNull())
      .addColumn("question_version", "integer", (c) => c.notNull())
      .addColumn("choice", "text", (c) => c.notNull())
      .addColumn("audience", "text", (c) => c.notNull())
      .addColumn("lang", "text", (c) => c.notNull())
      .addColumn("n", "integer", (c) => c.notNull())
      .addPrimaryKeyConstraint("answer_counts_key", ["question_id", "span", "question_version", "choice", "audience", "lang"]),
  ).execute();

  // The moderation queue's counts, all time: by everything the queue filters on, and the same by theme.
  await db.schema
    .createTable("queue_counts")
    .addColumn("survey_id", "integer", (c) => c.notNull())
    .addColumn("audience", "text", (c) => c.notNull())
    .addColumn("lang", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("tagged", "integer", (c) => c.notNull())
    .addColumn("n", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("queue_counts_key", ["survey_id", "audience", "lang", "status", "tagged"])
    .execute();
  await db.schema
    .createTable("queue_theme_counts")
    .addColumn("theme_id", "integer", (c) => c.notNull())
    .addColumn("survey_id", "integer", (c) => c.notNull())
    .addColumn("audience", "text", (c) => c.notNull())
    .addColumn("lang", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("tagged", "integer", (c) => c.notNull())
    .addColumn("n", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("queue_theme_counts_key", ["theme_id", "survey_id", "audience", "lang", "status", "tagged"])
    .execute();

  // The queue's language filter walks the newest responses in one language.
  await db.schema.createIndex("responses_lang_newest").on("responses").columns(["lang", "flagged", "submitted_at", "id"]).execute();

  await sql`
    insert into response_counts (day, survey_id, audience, lang, n)
    select substr(r.submitted_at, 1, 10), r.survey_id, r.audience, r.lang, count(*)
    from responses r where r.flagged = 0
    group by 1, 2, 3, 4`.execute(db);
  await sql`
    insert into queue_counts (survey_id, audience, lang, status, tagged, n)
    select r.survey_id, r.audience, r.lang, r.status, ${tagged}, count(*)
    from responses r where r.flagged = 0
    group by 1, 2, 3, 4, 5`.execute(db);
  await sql`
    insert into theme_counts (span, theme_id, survey_id, audience, lang, n)
    select substr(r.submitted_at, 1, 10), raised.theme_id, r.survey_id, r.audience, r.lang, count(*)
    from (${raised}) raised join responses r on r.id = raised.response_id
    where r.flagged = 0
    group by 1, 2, 3, 4, 5`.execute(db);
  await sql`
    insert into queue_theme_counts (theme_id, survey_id, audience, lang, status, tagged, n)
    select raised.theme_id, r.survey_id, r.audience, r.lang, r.status, ${tagged}, count(*)
    from (${raised}) raised join responses r on r.id = raised.response_id
    where r.flagged = 0
    group by 1, 2, 3, 4, 5, 6`.execute(db);
  await sql`
    insert into answer_counts (question_id, span, question_version, choice, audience, lang, n)
    select a.question_id, substr(r.submitted_at, 1, 10), a.question_version, coalesce(a.choice, ''), r.audience, r.lang, count(*)
    from answers a join responses r on r.id = a.response_id
    where r.flagged = 0
    group by 1, 2, 3, 4, 5, 6`.execute(db);
  // The months, from the days.
  await sql`
    insert into theme_counts (span, theme_id, survey_id, audience, lang, n)
    select substr(span, 1, 7), theme_id, survey_id, audience, lang, sum(n) from theme_counts
    group by 1, 2, 3, 4, 5`.execute(db);
  await sql`
    insert into answer_counts (question_id, span, question_version, choice, audience, lang, n)
    select question_id, substr(span, 1, 7), question_version, choice, audience, lang, sum(n) from answer_counts
    group by 1, 2, 3, 4, 5, 6`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("responses_lang_newest").execute();
  for (const table of ["queue_theme_counts", "queue_counts", "answer_counts", "theme_counts", "response_counts"]) await db.schema.dropTable(table).execute();
}
