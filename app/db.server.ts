import { createDb, type DB } from "../db/connection";
import { databaseTarget, env } from "./env.server";

declare global {
  // Kept across dev rebuilds so that each reload does not open another connection.
  var __portalDb: DB | undefined;
}

/**
 * The process's one Kysely instance. The server opens it (server/database.ts), after the file was
 * migrated, and closes it on shutdown; in tests the first call opens it.
 */
export function getDb(): DB {
  globalThis.__portalDb ??= createDb(databaseTarget(env()), { poolSize: env().DATABASE_POOL_SIZE });
  return globalThis.__portalDb;
}
