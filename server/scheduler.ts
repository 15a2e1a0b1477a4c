import { databaseTarget, type Env } from "../app/env.server";
import { backupIfDue } from "../app/data-protection/backup.server";
import { purgeIfDue } from "../app/data-protection/retention.server";
import { continueMerges } from "../app/moderation/merges.server";
import { eraseReleased } from "../app/responses/erasure.server";
import { deleteExpiredDrafts } from "../app/surveys/drafts.server";
import { refreshStatistics, type DB } from "../db/connection";
import { startMailWorker } from "./mail";
import { repeat, type Repeating } from "./repeat";
import { sharedJob } from "./scheduled-jobs";
import { startUpdateWork } from "./updates";
import { logger } from "./logger";

const HOUR = 60 * 60 * 1000;
const SWEEP_DRAFTS_EVERY_MS = HOUR;
const REFRESH_STATISTICS_EVERY_MS = 4 * HOUR;
/** A merge continues in the process that started it; this picks up one left by a process that stopped. */
const RESUME_MERGES_EVERY_MS = 60 * 1000;

async function sweepDrafts(db: DB) {
  const deleted = await deleteExpiredDrafts(db);
  if (deleted > 0) logger.info({ deleted }, "expired drafts deleted");
}

/**
 * The work that must run in one process only, however many serve requests: the draft sweep, the
 * mail worker, the query planner's statistics, theme merges left unfinished, the nightly backup, the
 * retention purge and erasures waiting on a safeguarding concern. The primary gives this to one
 * worker of each instance (docs/decisions/019-processes.md). Several instances may share the
 * database: each job then runs in whichever instance takes its lease (server/scheduled-jobs.ts),
 * once per period across them all. The mail worker runs everywhere: each message is claimed by one
 * sender before it is sent (app/mail/outbox.server.ts).
 */
export function startScheduledWork(db: DB, env: Env): Repeating {
  logger.info(`scheduled work (draft sweep, mail, database statistics, theme merges, backup, retention, erasure) runs in process ${process.pid}`);
  const jobs = [
    sharedJob(db, "draft sweep", SWEEP_DRAFTS_EVERY_MS, () => sweepDrafts(db)),
    // Each process keeps its own connection's statistics (SQLite); PostgreSQL's autovacuum does this itself.
    repeat("database statistics", REFRESH_STATISTICS_EVERY_MS, () => refreshStatistics(db, "periodic"), { atOnce: false }),
    sharedJob(db, "theme merges", RESUME_MERGES_EVERY_MS, () => continueMerges(db)),
    // Each runs once a night (after 2am and 3am London time); checking often means a restart does not miss it.
    sharedJob(db, "nightly backup", 15 * 60 * 1000, () => backupIfDue(db, databaseTarget(env), env.BACKUP_DIR)),
    sharedJob(db, "retention purge", 15 * 60 * 1000, () => purgeIfDue(db)),
    // Answers the person asked to delete, once the safeguarding concern holding them has closed (decision 023).
    sharedJob(db, "erasure after safeguarding", 60 * 1000, () => eraseReleased(db)),
    startMailWorker(db, env),
    // Updates to people who asked to be told what changed, by e-mail and text (app/updates/).
    ...startUpdateWork(db, env),
  ];
  return {
    async stop() {
      await Promise.all(jobs.map((job) => job.stop()));
    },
  };
}
