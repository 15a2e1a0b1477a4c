import { sql } from "kysely";
import type { DB } from "../../db/connection";
import { isTagged, raisedBy } from "./counts.server";

/**
 * Every count table emptied and counted again from the source tables, set-based, in one
 * transaction: for data loaded outside the app (the benchmark's, an import) and as the recount
 * the tests compare the kept counts with.
 */
export async function rebuildAggregates(db: DB): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("response_counts").execute();
    await trx.deleteFrom("theme_counts").execute();
    await trx.deleteFrom("answer_counts").execute();
    await sql`
      insert into response_counts (day, survey_id, audience, lang, status, tagged, n)
      select substr(r.submitted_at, 1, 10), r.survey_id, r.audience, r.lang, r.status, ${isTagged}, count(*)
      from responses r
      where r.flagged = 0
      group by 1, 2, 3, 4, 5, 6`.execute(trx);
    await sql`
      insert into theme_counts (day, theme_id, survey_id, audience, lang, status, tagged, n)
      select substr(r.submitted_at, 1, 10), raised.theme_id, r.survey_id, r.audience, r.lang, r.status, ${isTagged}, count(*)
      from (${raisedBy(null)}) raised
      join responses r on r.id = raised.response_id
      where r.flagged = 0
      group by 1, 2, 3, 4, 5, 6, 7`.execute(trx);
    await sql`
      insert into answer_counts (day, question_id, question_version, choice, audience, lang, n)
      select substr(r.submitted_at, 1, 10), a.question_id, a.question_version, coalesce(a.choice, ''), r.audience, r.lang, count(*)
      from answers a
      join responses r on r.id = a.response_id
      where r.flagged = 0
      group by 1, 2, 3, 4, 5, 6`.execute(trx);
  });
}
