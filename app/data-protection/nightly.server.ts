import type { DB } from "../../db/connection";
import { londonDay, startOfDay } from "../surveys/dates";

/** Nightly work may start in the three hours from its hour, while few people use the portal; a night missed waits for the next. */
const WINDOW_HOURS = 3;

/**
 * When tonight's run of work that starts at `hour` o'clock London time may begin, or undefined when
 * `now` is outside that window (an hour out on the two clock-change days, which does no harm).
 */
export function nightWindowStart(now: Date, hour: number): Date | undefined {
  const start = new Date(startOfDay(londonDay(now.toISOString()))).getTime() + hour * 3_600_000;
  return now.getTime() >= start && now.getTime() < start + WINDOW_HOURS * 3_600_000 ? new Date(start) : undefined;
}

/**
 * The newest audit entry for any of these actions. Nightly work records each run there, so every
 * process (and, later, every machine) sees when it last ran, and a restart does not run it twice.
 */
export async function lastRun(db: DB, actions: string[]) {
  return db
    .selectFrom("audit_log")
    .select(["at", "action", "entity_id", "after"])
    .where("action", "in", actions)
    .orderBy("at", "desc")
    .limit(1)
    .executeTakeFirst();
}
