import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import {
  BinaryOperationNode,
  CompiledQuery,
  Kysely,
  OperationNodeTransformer,
  OperatorNode,
  PrimitiveValueListNode,
  ValueListNode,
  ValueNode,
  PostgresAdapter,
  PostgresDialect,
  PostgresDriver,
  SqliteDialect,
  SqliteDriver,
  sql,
  type DatabaseConnection,
  type Driver,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
  type PostgresDialectConfig,
  type SqliteDialectConfig,
  type TransactionSettings,
} from "kysely";
import pg from "pg";
import Cursor from "pg-cursor";
import type { Database } from "./schema";

export type DB = Kysely<Database>;
export type Engine = "sqlite" | "postgres";

// A symbol from the global registry: the server and the Remix build are bundled apart, and both
// must find the handle under the one connection they share.
const HANDLE = Symbol.for("you-said-we-did.sqlite-handle");

/**
 * How long a write waits for another process's write transaction before it fails with SQLITE_BUSY.
 * Writes take milliseconds and long work runs in batches, so this only matters when a command-line
 * import or a demo reset holds the lock; the wait blocks that process, but the answer is not lost.
 */
export const BUSY_TIMEOUT_MS = 10_000;

const POOL = Symbol.for("you-said-we-did.postgres-pool");

/** The SQLite handle under a Kysely instance, for a library that speaks to better-sqlite3 itself. */
export function sqliteHandle(db: DB): SQLite.Database | undefined {
  return (db as DB & { [HANDLE]?: SQLite.Database })[HANDLE];
}

/** The PostgreSQL pool under a Kysely instance, for a library that speaks to `pg` itself. */
export function postgresPool(db: DB): pg.Pool | undefined {
  return (db as DB & { [POOL]?: pg.Pool })[POOL];
}

/** Which engine a database (or a transaction on one) runs on: for the few named helpers where the two differ. */
export function engineOf(db: Kysely<any>): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}

/** True for a PostgreSQL address; anything else is a SQLite file. */
export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
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
 * `x in ()` from an empty list: SQLite reads it as false, PostgreSQL refuses it as a syntax error.
 * Rather than a guard before every `where(…, "in", ids)` (and one forgotten guard failing only on
 * PostgreSQL), the one plugin both engines' Kysely runs writes it as `1 = 0`, and `x not in ()` as
 * `1 = 1`: what the list means, on either engine.
 */
class EmptyListTransformer extends OperationNodeTransformer {
  protected override transformBinaryOperation(node: BinaryOperationNode): BinaryOperationNode {
    const operator = OperatorNode.is(node.operator) ? node.operator.operator : undefined;
    const right = node.rightOperand;
    const empty = (PrimitiveValueListNode.is(right) || ValueListNode.is(right)) && right.values.length === 0;
    if (empty && (operator === "in" || operator === "not in")) {
      return BinaryOperationNode.create(ValueNode.createImmediate(1), OperatorNode.create("="), ValueNode.createImmediate(operator === "in" ? 0 : 1));
    }
    return super.transformBinaryOperation(node);
  }
}

export class EmptyListPlugin implements KyselyPlugin {
  readonly #transformer = new EmptyListTransformer();
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#transformer.transformNode(args.node);
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/**
 * Opens the database: a PostgreSQL pool for a `postgres://` address, otherwise the SQLite file.
 * `poolSize` is the most connections this process holds to PostgreSQL.
 */
export function createDb(target: string, { poolSize = 10 }: { poolSize?: number } = {}): DB {
  return isPostgresUrl(target) ? createPostgresDb(target, poolSize) : createSqliteDb(target);
}

/**
 * Opens the SQLite file, creating its folder if needed. WAL lets readers run beside the
 * writer; synchronous=FULL makes every acknowledged commit survive a power cut, not only
 * a crash (see docs/decisions/002-sqlite-durability.md). Several processes may open the
 * same file: see docs/decisions/019-processes.md.
 */
export function createSqliteDb(filename: string): DB {
  if (filename !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(filename)), { recursive: true });
  const sqlite = new SQLite(filename);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: sqlite }), plugins: [new EmptyListPlugin()] });
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
  if (engineOf(db) === "postgres") return;
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

/**
 * Every write transaction on PostgreSQL first takes this one advisory lock, held until it commits
 * or rolls back. Writers then run one at a time, as they do on SQLite, so the invariants the code
 * relies on there (the count tables read what a response counted for, then write the difference;
 * a merge batch reads how far it got, then moves on) hold on both engines without a retry loop.
 * Reads, and read-only transactions, run side by side. See docs/decisions/026-postgresql.md.
 */
export const WRITE_LOCK = 170_526;

class SerialWritesPostgresDriver extends PostgresDriver {
  override async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    await super.beginTransaction(connection, settings);
    if (settings.accessMode !== "read only") await connection.executeQuery(CompiledQuery.raw(`select pg_advisory_xact_lock(${WRITE_LOCK})`));
  }
}

class SerialWritesPostgresDialect extends PostgresDialect {
  readonly #config: PostgresDialectConfig;
  constructor(config: PostgresDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new SerialWritesPostgresDriver(this.#config);
  }
}

/**
 * What the app reads is the same on both engines: a count is a number, not the string `pg` gives
 * for a 64-bit integer (every count here is far below 2^53), and an average is a number, not a
 * decimal string. Timestamps are ISO 8601 text on both (decision 026), so they need no parser.
 */
const { types } = pg;
const parsers: Record<number, (value: string) => unknown> = {
  [types.builtins.INT8]: Number,
  [types.builtins.NUMERIC]: Number,
};
const portableTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => parsers[oid] ?? types.getTypeParser(oid, format)) as typeof types.getTypeParser,
};

/** How long a request waits for a free connection, or for PostgreSQL to answer a new one, before it fails with "try again". */
export const CONNECT_TIMEOUT_MS = 5_000;

function createPostgresDb(url: string, poolSize: number): DB {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    types: portableTypes,
    application_name: "you-said-we-did",
  });
  // A connection that drops (PostgreSQL restarted, a proxy timed it out) reports an error event: on
  // the pool while it is idle there, on the client itself while a request holds it between two
  // statements of a transaction. Either would end the process without a listener. The request's
  // next statement then fails as "unavailable" (a 503), and pg takes the broken client out of the
  // pool when it is released, so the next request opens a new connection.
  pool.on("error", () => {});
  pool.on("connect", (client) => client.on("error", () => {}));
  const db = new Kysely<Database>({ dialect: new SerialWritesPostgresDialect({ pool, cursor: Cursor }), plugins: [new EmptyListPlugin()] });
  Object.defineProperty(db, POOL, { value: pool });
  return db;
}

const UNAVAILABLE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "ENOTFOUND", "EAI_AGAIN", "SQLITE_BUSY"]);

/**
 * True when a query failed because the database could not be reached or was too busy, not because
 * of the query: PostgreSQL restarting or shutting down (class 57P), a connection lost or refused
 * (class 08, or the socket's own error), no connection free in time, or SQLite's write lock held
 * past the busy timeout. Such a request can be tried again; the person gets a 503 saying so.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && (UNAVAILABLE_CODES.has(code) || /^(08|57P)/.test(code))) return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly/i.test(
    error.message,
  );
}
