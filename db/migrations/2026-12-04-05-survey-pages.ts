import { type Kysely } from "kysely";

/**
 * Two ways a survey's pages can be shaped by its builder:
 * - an option of a one-answer question can end the survey with an exit page ("this survey is not
 *   for you, here is where to go"), its text written per language beside the option's label;
 * - a question can be shown on the same page as the question before it.
 * Frozen in time: never import application code here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("option_translations").addColumn("exit_text", "text").execute();
  await db.schema
    .alterTable("questions")
    .addColumn("same_page", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("questions").dropColumn("same_page").execute();
  await db.schema.alterTable("option_translations").dropColumn("exit_text").execute();
}
