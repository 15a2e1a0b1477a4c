import cluster, { type Worker } from "node:cluster";
import type { Env } from "../app/env.server";
import { closeDb } from "../db/connection";
import { connect, prepareDatabase } from "./database";
import { restartDelay, SCHEDULER_ENV } from "./processes";
import { logger } from "./logger";

interface Slot {
  index: number;
  worker?: Worker;
  startedAt: number;
  delayMs: number;
  restart?: NodeJS.Timeout;
}

/**
 * The primary of a cluster serves nothing and holds no database connection while workers run. It
 * migrates (and seeds the demo) once, forks `count` workers on the one port, replaces a worker that
 * dies (waiting longer each time one dies young), and on SIGTERM or SIGINT passes the signal on and
 * exits when every worker has closed its database. Slot 0's worker runs the scheduled work; when it
 * dies, its replacement does.
 */
export async function runPrimary(env: Env, count: number): Promise<void> {
  const db = connect(env);
  await prepareDatabase(db, env);
  await closeDb(db);

  const slots: Slot[] = Array.from({ length: count }, (_, index) => ({ index, startedAt: 0, delayMs: 0 }));
  let stopping = false;
  let cleanly = true;

  const start = (slot: Slot) => {
    slot.restart = undefined;
    slot.startedAt = Date.now();
    slot.worker = cluster.fork({ [SCHEDULER_ENV]: slot.index === 0 ? "1" : "0" });
  };

  const finishWhenAllStopped = async () => {
    if (slots.some((slot) => slot.worker)) return;
    // Each worker closed its connection; opening and closing once more, alone, folds the WAL into
    // the database even when two workers closed at the same moment and neither was the last.
    try {
      await closeDb(connect(env));
    } catch (error) {
      logger.error({ err: error }, "checkpoint at shutdown failed");
      cleanly = false;
    }
    process.exit(cleanly ? 0 : 1);
  };

  cluster.on("exit", (worker, code, signal) => {
    const slot = slots.find((candidate) => candidate.worker === worker);
    if (!slot) return;
    slot.worker = undefined;
    if (stopping) {
      if (code !== 0) {
        cleanly = false;
        logger.error({ worker: worker.process.pid, signal, code }, "worker did not stop cleanly");
      }
      void finishWhenAllStopped();
      return;
    }
    slot.delayMs = restartDelay(slot.delayMs, Date.now() - slot.startedAt);
    logger.error({ worker: worker.process.pid, signal, code, restartInMs: slot.delayMs }, "worker stopped; a new one starts");
    slot.restart = setTimeout(() => start(slot), slot.delayMs);
  });
  cluster.once("listening", () => {
    logger.info(`You said, we did is running at http://localhost:${env.PORT} in ${count} processes${env.DEMO_MODE ? " (demo mode)" : ""}`);
  });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    for (const slot of slots) {
      clearTimeout(slot.restart);
      slot.worker?.process.kill(signal);
    }
    void finishWhenAllStopped();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));

  for (const slot of slots) start(slot);
}
