import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import {
  CompiledQuery,
  Kysely,
  SqliteDialect,
  SqliteDriver,
  sql,
  type DatabaseConnection,
  type Driver,
  type SqliteDialectConfig,
  type TransactionSettings,
} from "kysely";
import type { Database } from "./schema";

export type DB = Kysely<Database>;

// A symbol from the global registry: the server and the Remix build are bundled apart, and both
// must find the handle under the one connection they share.
const HANDLE = Symbol.for("you-said-we-did.sqlite-handle");

/**
 * How long a write waits for another process's write transaction before it fails with SQLITE_BUSY.
 * Writes take milliseconds and long work runs in batches, so this only matters when a command-line
 * import or a demo reset holds the lock; the wait blocks that process, but the answer is not lost.
 */
export const BUSY_TIMEOUT_MS = 10_000;

/** The SQLite handle under a Kysely instance, for a library that speaks to better-sqlite3 itself. */
export function sqliteHandle(db: DB): SQLite.Database | undefined {
  return (db as DB & { [HANDLE]?: SQLite.Database })[HANDLE];
}

/**
 * Kysely begins SQLite transactions DEFERRED. With several server processes, a deferred transaction
 * that reads and then writes cannot wait for the write lock: SQLite answers SQLITE_BUSY at once,
 * whatever the busy timeout, because another writer may have changed what it read. BEGIN IMMEDIATE
 * takes the write lock first, so the busy timeout applies. A transaction that only reads says so
 * with `.setAccessMode("read only")` and stays deferred, leaving writers free.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection, settings?: TransactionSettings): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(settings?.accessMode === "read only" ? "begin" : "begin immediate"));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

/**
 * Opens the SQLite file, creating its folder if needed. WAL lets readers run beside the
 * writer; synchronous=FULL makes every acknowledged commit survive a power cut, not only
 * a crash (see docs/decisions/002-sqlite-durability.md). Several processes may open the
 * same file: see docs/decisions/019-processes.md.
 */
export function createDb(filename: string): DB {
  if (filename !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(filename)), { recursive: true });
  const sqlite = new SQLite(filename);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) });
  Object.defineProperty(db, HANDLE, { value: sqlite });
  return db;
}

/**
 * Refreshes the query planner's statistics where they are out of date, as SQLite advises for a
 * long-lived connection: `"opened"` right after opening (and after migrations), which looks at every
 * table; `"periodic"` every few hours and before closing. Its analysis is capped, so it stays quick on
 * a large file. PostgreSQL's autovacuum does the same there, so its twin is nothing at all.
 */
export async function refreshStatistics(db: DB, when: "opened" | "periodic"): Promise<void> {
  await sql.raw(when === "opened" ? "pragma optimize = 0x10002" : "pragma optimize").execute(db);
}

/**
 * Closes the connection after a last statistics refresh. When it is the last connection to the
 * file, SQLite checkpoints the WAL into the database and removes it. (Kysely's destroy() alone
 * leaves the file open if no query ever ran; the refresh is one.)
 */
export async function closeDb(db: DB): Promise<void> {
  await refreshStatistics(db, "periodic");
  await db.destroy();
}
