import { databaseTarget, type Env } from "../app/env.server";
import { createDb, engineOf, refreshStatistics, type DB } from "../db/connection";
import { migrateToLatest, schemaProblem } from "../db/migrate";
import { seedDemoIfEmpty } from "../db/seed/demo";
import { describeDatabase, withoutPasswords } from "../db/where";
import { ensureStartingThemes } from "../db/seed/themes";

/** This process's database: the PostgreSQL pool or the SQLite file the environment names. */
export function connect(env: Env): DB {
  return createDb(databaseTarget(env), { poolSize: env.DATABASE_POOL_SIZE });
}

/**
 * Opens this process's database and hands it to the app, whose getDb() returns it
 * (app/db.server.ts). The server closes it on shutdown.
 */
export function openDatabase(env: Env): DB {
  const db = connect(env);
  globalThis.__portalDb = db;
  return db;
}

/** Stops the start with a message that names the problem and the way out. */
export class StartRefused extends Error {}

/**
 * Before any request, once, in one process. The SQLite file is migrated as the portal starts: it
 * belongs to this machine alone. PostgreSQL, shared by several instances, is migrated by
 * `npm run db:migrate` before they start; a database that cannot be reached, is too old, or is on
 * another schema refuses the start (docs/deploy.md). Then the starting themes, and (demo only) the
 * demo data, when the database has none.
 */
export async function prepareDatabase(db: DB, env: Env): Promise<void> {
  if (engineOf(db) === "sqlite") {
    await migrateToLatest(db);
  } else {
    let problem: string | undefined;
    try {
      problem = await schemaProblem(db);
    } catch (error) {
      const target = databaseTarget(env);
      const reason = withoutPasswords(error instanceof Error ? error.message : String(error), target);
      throw new StartRefused(`Cannot use the ${describeDatabase(target)}: ${reason}. Check DATABASE_URL.`);
    }
    if (problem) throw new StartRefused(problem);
  }
  await ensureStartingThemes(db);
  if (env.DEMO_MODE) await seedDemoIfEmpty(db);
  await refreshStatistics(db, "opened");
}
