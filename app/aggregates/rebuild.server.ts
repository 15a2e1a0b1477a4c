import { sql } from "kysely";
import type { DB } from "../../db/connection";
import { finishMerges } from "../moderation/merges.server";
import { countThemes, isTagged } from "./counts.server";

/**
 * Every count table emptied and counted again from the source tables, set-based, in one
 * transaction: for data loaded outside the app (the benchmark's, an import), after a restore, and
 * as the recount the tests compare the kept counts with. `npm run counts:rebuild` runs it.
 */
export async function rebuildAggregates(db: DB): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // A merge under way counts part of its responses for each theme: finish it, then count.
    await finishMerges(trx, null);
    for (const table of ["response_counts", "queue_counts", "theme_counts", "queue_theme_counts", "answer_counts", "outreach_counts"] as const)
      await trx.deleteFrom(table).execute();
    await sql`
      insert into response_counts (day, survey_id, audience, lang, n)
      select substr(r.submitted_at, 1, 10), r.survey_id, r.audience, r.lang, count(*)
      from responses r where r.flagged = 0
      group by 1, 2, 3, 4`.execute(trx);
    await sql`
      insert into queue_counts (survey_id, audience, lang, status, tagged, n)
      select r.survey_id, r.audience, r.lang, r.status, ${isTagged}, count(*)
      from responses r where r.flagged = 0
      group by 1, 2, 3, 4, 5`.execute(trx);
    await sql`
      insert into outreach_counts (outreach_link_id, day, audience, lang, n)
      select r.outreach_link_id, substr(r.submitted_at, 1, 10), r.audience, r.lang, count(*)
      from responses r where r.flagged = 0 and r.outreach_link_id is not null
      group by 1, 2, 3, 4`.execute(trx);
    await countThemes(trx, null);
    await sql`
      insert into answer_counts (question_id, span, question_version, choice, audience, lang, n)
      select a.question_id, substr(r.submitted_at, 1, 10), a.question_version, coalesce(a.choice, ''), r.audience, r.lang, count(*)
      from answers a join responses r on r.id = a.response_id
      where r.flagged = 0
      group by 1, 2, 3, 4, 5, 6`.execute(trx);
    await sql`
      insert into answer_counts (question_id, span, question_version, choice, audience, lang, n)
      select question_id, substr(span, 1, 7), question_version, choice, audience, lang, sum(n) from answer_counts
      group by 1, 2, 3, 4, 5, 6`.execute(trx);
  });
}
