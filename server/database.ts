import type { Env } from "../app/env.server";
import { createDb, refreshStatistics, type DB } from "../db/connection";
import { migrateToLatest } from "../db/migrate";
import { seedDemoIfEmpty } from "../db/seed/demo";
import { ensureStartingThemes } from "../db/seed/themes";

/**
 * Opens this process's one connection and hands it to the app, whose getDb() returns it
 * (app/db.server.ts). The server closes it on shutdown.
 */
export function openDatabase(env: Env): DB {
  const db = createDb(env.DATABASE_PATH);
  globalThis.__portalDb = db;
  return db;
}

/** Before any request, once, in one process: migrate, then (demo only) load the demo data. */
export async function prepareDatabase(db: DB, env: Env): Promise<void> {
  await migrateToLatest(db);
  await ensureStartingThemes(db);
  if (env.DEMO_MODE) await seedDemoIfEmpty(db);
  await refreshStatistics(db, "opened");
}
