import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import type { Database } from "./schema";

export type DB = Kysely<Database>;

// A symbol from the global registry: the server and the Remix build are bundled apart, and both
// must find the handle under the one connection they share.
const HANDLE = Symbol.for("you-said-we-did.sqlite-handle");

/** The SQLite handle under a Kysely instance, for a library that speaks to better-sqlite3 itself. */
export function sqliteHandle(db: DB): SQLite.Database | undefined {
  return (db as DB & { [HANDLE]?: SQLite.Database })[HANDLE];
}

/**
 * Opens the SQLite file, creating its folder if needed. WAL lets readers run beside the
 * writer; synchronous=FULL makes every acknowledged commit survive a power cut, not only
 * a crash (see docs/decisions/002-sqlite-durability.md).
 */
export function createDb(filename: string): DB {
  if (filename !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(filename)), { recursive: true });
  const sqlite = new SQLite(filename);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  Object.defineProperty(db, HANDLE, { value: sqlite });
  return db;
}
