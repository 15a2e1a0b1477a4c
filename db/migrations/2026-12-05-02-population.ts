import type { Kysely } from "kysely";
import { id } from "./portable";

/**
 * "Who we are not hearing from": the local population of children and young people with SEN, per
 * reporting period, from the Department for Education's "Special educational needs in England"
 * files. An upload is kept in `population_uploads` between the two steps of the form (upload, then
 * pick the local authority), so nothing lives in one server's memory. A period's population holds
 * breakdowns ("dimensions"), each from the file that brought it. `population_questions` says which
 * optional "about you" question is compared with which breakdown.
 * Frozen in time: never import application code here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("populations")
    .addColumn("id", "integer", id(db))
    .addColumn("period_id", "integer", (c) => c.notNull().unique().references("periods.id").onDelete("cascade"))
    .addColumn("la_name", "text", (c) => c.notNull())
    .addColumn("la_code", "text")
    .addColumn("updated_by", "integer", (c) => c.references("users.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("population_dimensions")
    .addColumn("population_id", "integer", (c) => c.notNull().references("populations.id").onDelete("cascade"))
    .addColumn("dimension", "text", (c) => c.notNull())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("time_period", "text", (c) => c.notNull())
    .addColumn("uploaded_by", "integer", (c) => c.references("users.id"))
    .addColumn("uploaded_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("population_dimensions_pk", ["population_id", "dimension"])
    .execute();

  // A null count is one the file did not publish (c, low, x, z).
  await db.schema
    .createTable("population_groups")
    .addColumn("population_id", "integer", (c) => c.notNull().references("populations.id").onDelete("cascade"))
    .addColumn("dimension", "text", (c) => c.notNull())
    .addColumn("group_key", "text", (c) => c.notNull())
    .addColumn("pupil_count", "integer")
    .addPrimaryKeyConstraint("population_groups_pk", ["population_id", "dimension", "group_key"])
    .execute();

  await db.schema
    .createTable("population_uploads")
    .addColumn("id", "integer", id(db))
    .addColumn("period_id", "integer", (c) => c.notNull().references("periods.id").onDelete("cascade"))
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("rows_read", "integer", (c) => c.notNull())
    .addColumn("uploaded_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("uploaded_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("population_upload_groups")
    .addColumn("upload_id", "integer", (c) => c.notNull().references("population_uploads.id").onDelete("cascade"))
    .addColumn("la_name", "text", (c) => c.notNull())
    .addColumn("la_code", "text")
    .addColumn("time_period", "text", (c) => c.notNull())
    .addColumn("dimension", "text", (c) => c.notNull())
    .addColumn("group_key", "text", (c) => c.notNull())
    .addColumn("pupil_count", "integer")
    .addPrimaryKeyConstraint("population_upload_groups_pk", ["upload_id", "la_name", "time_period", "dimension", "group_key"])
    .execute();

  await db.schema
    .createTable("population_questions")
    .addColumn("question_id", "integer", (c) => c.primaryKey().references("questions.id").onDelete("cascade"))
    .addColumn("dimension", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["population_questions", "population_upload_groups", "population_uploads", "population_groups", "population_dimensions", "populations"]) {
    await db.schema.dropTable(table).execute();
  }
}
