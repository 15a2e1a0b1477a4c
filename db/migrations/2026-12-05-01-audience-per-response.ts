import { sql, type Kysely } from "kysely";
import { id, now, replaceColumnCheck } from "./portable";

/**
 * A survey may be for parents and carers, young people, or both. Who answered is then a fact about
 * each response, not its survey: the draft records it when the person starts (asked on the start page
 * of a survey for both), and the response keeps it. Every existing draft and response takes its
 * survey's audience.
 *
 * `surveys.audience` gains "both": SQLite rebuilds the table, PostgreSQL replaces the constraint
 * (`replaceColumnCheck` in ./portable).
 * Frozen in time: never import application code here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const audienceCheck = sql`audience in ('parent_carer', 'young_person')`;
  // The default only lets SQLite add a NOT NULL column to rows that exist; the rows are set just below and the app always names it.
  for (const table of ["responses", "drafts"]) {
    await db.schema
      .alterTable(table)
      .addColumn("audience", "text", (c) => c.notNull().defaultTo("parent_carer").check(audienceCheck))
      .execute();
    await sql`update ${sql.table(table)} set audience = (select s.audience from surveys s where s.id = ${sql.ref(`${table}.survey_id`)})`.execute(db);
  }
  await db.schema.createIndex("responses_audience").on("responses").columns(["audience", "submitted_at"]).execute();

  await replaceColumnCheck(db, {
    table: "surveys",
    column: "audience",
    check: sql`audience in ('parent_carer', 'young_person', 'both')`,
    rebuild: async (trx) => {
      await trx.schema
        .createTable("surveys_rebuilt")
        .addColumn("id", "integer", id(db))
        .addColumn("slug", "text", (c) => c.notNull().unique())
        .addColumn("audience", "text", (c) => c.notNull().check(sql`audience in ('parent_carer', 'young_person', 'both')`))
        .addColumn("status", "text", (c) =>
          c
            .notNull()
            .defaultTo("draft")
            .check(sql`status in ('draft', 'open', 'closed')`),
        )
        .addColumn("estimated_minutes", "integer", (c) => c.notNull())
        .addColumn("opens_at", "text")
        .addColumn("closes_at", "text")
        .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now(db)))
        .addColumn("run_by", "text")
        .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
        .addColumn("archived_at", "text")
        .execute();
      const columns = sql.raw("id, slug, audience, status, estimated_minutes, opens_at, closes_at, created_at, run_by, version, archived_at");
      await sql`insert into surveys_rebuilt (${columns}) select ${columns} from surveys`.execute(trx);
      await trx.schema.dropTable("surveys").execute();
      await trx.schema.alterTable("surveys_rebuilt").renameTo("surveys").execute();
    },
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("responses_audience").execute();
  await db.schema.alterTable("drafts").dropColumn("audience").execute();
  await db.schema.alterTable("responses").dropColumn("audience").execute();
}
