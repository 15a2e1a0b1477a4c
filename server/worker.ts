import cluster from "node:cluster";
import type { Server } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { broadcastDevReady, type ServerBuild } from "@remix-run/node";
import type { Env } from "../app/env.server";
import { closeDb, refreshStatistics, type DB } from "../db/connection";
import { createApp } from "./app";
import { openDatabase, prepareDatabase } from "./database";
import type { Repeating } from "./repeat";
import { startScheduledWork } from "./scheduler";
import { logger } from "./logger";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** Requests still running this long after a shutdown signal are cut off. */
const DRAIN_MS = 10_000;

export interface Role {
  /** Migrate and seed first: only when no primary did it (a single process). */
  prepareDatabase: boolean;
  runsScheduledWork: boolean;
}

/**
 * One serving process: its one database connection, the scheduled work when it is this process's
 * role, and the HTTP server. SIGTERM or SIGINT, even while it is still starting, stops the
 * scheduled work, lets requests finish, refreshes the statistics and closes the database, then exits.
 */
export async function serve(env: Env, role: Role): Promise<void> {
  const starting = start(env, role);
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    try {
      await stop(await starting);
    } catch (error) {
      logger.error({ err: error }, "shutdown failed");
      process.exitCode = 1;
    }
    process.exit();
  };
  process.on("SIGTERM", () => void shutdown());
  process.on("SIGINT", () => void shutdown());
  await starting;
}

interface Running {
  db: DB;
  scheduled?: Repeating;
  server: Server;
}

async function start(env: Env, role: Role): Promise<Running> {
  const db = openDatabase(env);
  if (role.prepareDatabase) await prepareDatabase(db, env);
  else await refreshStatistics(db, "opened");
  const scheduled = role.runsScheduledWork ? startScheduledWork(db, env) : undefined;

  const build = (await import(path.join(root, "build/index.js"))) as ServerBuild;
  // Under `npm run dev`, `remix dev` restarts this server after each rebuild and waits for this signal.
  if (env.NODE_ENV === "development" && process.env.REMIX_DEV_ORIGIN) void broadcastDevReady(build);

  const server = createApp(build, env, root).listen(env.PORT, env.HOST, () => {
    if (cluster.isPrimary) logger.info(`You said, we did is running at http://localhost:${env.PORT}${env.DEMO_MODE ? " (demo mode)" : ""}`);
  });
  // A client that sends its headers or body very slowly is cut off instead of holding a connection.
  // The whole request may take two minutes: a 10 MB spoken answer from a phone on 1 Mbit/s takes
  // about 80 seconds to arrive (decision 030).
  server.headersTimeout = 20_000;
  server.requestTimeout = 120_000;
  return { db, scheduled, server };
}

async function stop({ db, scheduled, server }: Running): Promise<void> {
  await scheduled?.stop();
  await closeServer(server);
  await closeDb(db);
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    // Idle keep-alive connections close at once; requests in progress may finish.
    server.close(() => resolve());
    setTimeout(() => server.closeAllConnections(), DRAIN_MS).unref();
  });
}
