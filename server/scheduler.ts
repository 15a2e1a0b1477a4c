import type { Env } from "../app/env.server";
import { continueMerges } from "../app/moderation/merges.server";
import { deleteExpiredDrafts } from "../app/surveys/drafts.server";
import { refreshStatistics, type DB } from "../db/connection";
import { startMailWorker } from "./mail";
import { repeat, type Repeating } from "./repeat";

const HOUR = 60 * 60 * 1000;
const SWEEP_DRAFTS_EVERY_MS = HOUR;
const REFRESH_STATISTICS_EVERY_MS = 4 * HOUR;
/** A merge continues in the process that started it; this picks up one left by a process that stopped. */
const RESUME_MERGES_EVERY_MS = 60 * 1000;

async function sweepDrafts(db: DB) {
  const deleted = await deleteExpiredDrafts(db);
  if (deleted > 0) console.log(`deleted ${deleted} expired drafts`);
}

/**
 * The work that must run in one process only, however many serve requests: the draft sweep, the
 * mail worker, the query planner's statistics and theme merges left unfinished. The primary gives this to one worker
 * (docs/decisions/019-processes.md).
 */
export function startScheduledWork(db: DB, env: Env): Repeating {
  console.log(`scheduled work (draft sweep, mail, database statistics, theme merges) runs in process ${process.pid}`);
  const jobs = [
    repeat("draft sweep", SWEEP_DRAFTS_EVERY_MS, () => sweepDrafts(db)),
    repeat("database statistics", REFRESH_STATISTICS_EVERY_MS, () => refreshStatistics(db, "periodic"), { atOnce: false }),
    repeat("theme merges", RESUME_MERGES_EVERY_MS, () => continueMerges(db)),
    startMailWorker(db, env),
  ];
  return {
    async stop() {
      await Promise.all(jobs.map((job) => job.stop()));
    },
  };
}
