import { randomBytes } from "node:crypto";
import os from "node:os";
import type { DB } from "../db/connection";
import { logger } from "./logger";
import { repeat, type Repeating } from "./repeat";

/** Who this process is, in the `scheduled_jobs.holder` column: the machine, the process, and a random part for a reused pid. */
export const HOLDER = `${os.hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;

/** A job's lease: renewed while it runs, so only a process that stopped (or hung this long) loses it. */
export const LEASE_MS = 2 * 60 * 1000;
const RENEW_MS = LEASE_MS / 4;
/** How often each instance asks whether a job is due: a job runs at most this late. */
const LOOK_EVERY_MS = 60 * 1000;

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Takes the job when it is due and nobody holds it: one statement, so two instances asking at the
 * same moment cannot both get it (the insert or the conditional update decides; SQLite and
 * PostgreSQL both run `insert … on conflict … do update … where`). True when this process holds it.
 */
export async function takeJob(db: DB, name: string, holder = HOLDER, now = Date.now()): Promise<boolean> {
  const row = await db
    .insertInto("scheduled_jobs")
    .values({ name, holder, held_until: iso(now + LEASE_MS), next_run_at: iso(now) })
    .onConflict((oc) =>
      oc
        .column("name")
        .doUpdateSet((eb) => ({ holder: eb.ref("excluded.holder"), held_until: eb.ref("excluded.held_until") }))
        .where("scheduled_jobs.held_until", "<=", iso(now))
        .where("scheduled_jobs.next_run_at", "<=", iso(now)),
    )
    .returning("holder")
    .executeTakeFirst();
  return row?.holder === holder;
}

async function renewJob(db: DB, name: string, holder: string): Promise<boolean> {
  const result = await db
    .updateTable("scheduled_jobs")
    .set({ held_until: iso(Date.now() + LEASE_MS) })
    .where("name", "=", name)
    .where("holder", "=", holder)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Lets the lease go and says when the job is next due, anywhere. */
async function finishJob(db: DB, name: string, holder: string, everyMs: number): Promise<void> {
  const now = Date.now();
  await db
    .updateTable("scheduled_jobs")
    .set((eb) => ({ held_until: iso(now), next_run_at: iso(now + everyMs), last_finished_at: iso(now), runs: eb("runs", "+", 1) }))
    .where("name", "=", name)
    .where("holder", "=", holder)
    .execute();
}

/**
 * Runs `work` when the job is due and no other process is running it, holding its lease meanwhile.
 * Returns whether it ran here.
 */
export async function runIfDue(db: DB, name: string, everyMs: number, work: () => Promise<unknown>, holder = HOLDER): Promise<boolean> {
  if (!(await takeJob(db, name, holder))) return false;
  const renewing = setInterval(() => {
    renewJob(db, name, holder)
      .then((held) => {
        if (!held) logger.error({ job: name }, "scheduled job's lease was taken while it ran: it stalled for longer than the lease");
      })
      .catch((error: unknown) => logger.error({ err: error, job: name }, "scheduled job's lease could not be renewed"));
  }, RENEW_MS);
  renewing.unref();
  try {
    await work();
  } finally {
    clearInterval(renewing);
    await finishJob(db, name, holder, everyMs);
  }
  return true;
}

/**
 * A job of the scheduled work, shared by every instance and every process that runs scheduled work:
 * each looks every minute (or more often, for a job due more often) whether the job is due, and
 * the one that takes its lease runs it. A job therefore runs once per `everyMs` across the whole
 * deployment, and goes on running when any one instance stops (docs/decisions/026-postgresql.md).
 */
export function sharedJob(db: DB, name: string, everyMs: number, work: () => Promise<unknown>): Repeating {
  return repeat(name, Math.min(everyMs, LOOK_EVERY_MS), () => runIfDue(db, name, everyMs, work));
}
