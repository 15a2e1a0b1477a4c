import os from "node:os";
import type { Env } from "../app/env.server";

/** Set by the primary on the one worker that runs the scheduled work (and on its replacement). */
export const SCHEDULER_ENV = "PORTAL_SCHEDULER";

/**
 * How many processes serve requests: WEB_CONCURRENCY when set; otherwise one per core in
 * production and one in demo mode, development and tests. One means no cluster at all.
 */
export function workerCount(env: Pick<Env, "WEB_CONCURRENCY" | "NODE_ENV" | "DEMO_MODE">, cores = os.availableParallelism()): number {
  if (env.WEB_CONCURRENCY !== undefined) return env.WEB_CONCURRENCY;
  return env.NODE_ENV === "production" && !env.DEMO_MODE ? cores : 1;
}

/** A worker that ran this long had started well: its replacement starts at once. */
export const STEADY_AFTER_MS = 30_000;
export const FIRST_RESTART_DELAY_MS = 250;
export const LONGEST_RESTART_DELAY_MS = 30_000;

/**
 * How long to wait before replacing a worker that stopped, given the wait before it started and
 * how long it lived. Crashing again soon after starting doubles the wait (250 ms up to 30 s), so a
 * worker that cannot start does not spin a core; one that ran steadily is replaced at once.
 */
export function restartDelay(previousDelayMs: number, livedMs: number): number {
  if (livedMs >= STEADY_AFTER_MS) return 0;
  return Math.min(LONGEST_RESTART_DELAY_MS, Math.max(FIRST_RESTART_DELAY_MS, previousDelayMs * 2));
}
