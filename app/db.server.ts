import { createDb, type DB } from "../db/connection";
import { env } from "./env.server";

declare global {
  // Kept across dev rebuilds so that each reload does not open another connection.
  var __portalDb: DB | undefined;
}

/** The single Kysely instance for the app. The server migrates the file before the first request. */
export function getDb(): DB {
  globalThis.__portalDb ??= createDb(env().DATABASE_PATH);
  return globalThis.__portalDb;
}
