import fs from "node:fs";
import { sql, type Kysely } from "kysely";
import { readCatalog, tableNames, type TableInfo } from "./catalog";
import { canonicalRow } from "./checksum";
import { closeDb, createDb, isPostgresUrl, sqliteHandle, type DB } from "./connection";
import { migrateToLatest, schemaProblem } from "./migrate";
import { describeDatabase } from "./where";

/**
 * The target of db:copy (db/copy.ts, decision 027): a new SQLite file, or an empty PostgreSQL
 * database, made ready on the latest schema, or refused as it was; and put back as it was when the
 * copy fails.
 */

/** The copy did not start: the message says why, and the target is as it was. */
export class CopyRefused extends Error {}

/** The rows the migrations themselves write into a new database (today the foundation's settings), by table. */
export type Seeds = Map<string, { canonical: Set<string>; rows: Record<string, unknown>[] }>;

/** A target checked and ready: on the latest schema, and holding nothing but the migrations' own rows. */
export interface Target {
  db: Kysely<any>;
  tables: TableInfo[];
  /** The copy checked out: a new SQLite file takes its name. */
  keep(): Promise<void>;
  /** It did not: the target goes back to what it was before the copy began. */
  undo(): Promise<void>;
}

export interface TargetChecks {
  tables: TableInfo[];
  seeds: Seeds;
  log: (line: string) => void;
}

/** Opens the target, makes its tables if it has none, and refuses it, as it was, unless it is empty and on the source's schema. */
export async function openTarget(to: string, checks: TargetChecks): Promise<Target> {
  return isPostgresUrl(to) ? openPostgresTarget(to, checks) : openSqliteTarget(to, checks);
}

async function readyTarget(db: Kysely<any>, to: string, { tables, seeds }: TargetChecks): Promise<TableInfo[]> {
  const targetTables = await readCatalog(db);
  refuseOtherSchema(tables, targetTables, to);
  const held = await holdings(db, targetTables, seeds);
  if (held.length > 0)
    throw new CopyRefused(`${describeDatabase(to)} already holds data (${held.join(", ")}): db:copy writes only into a new, empty database.`);
  return targetTables;
}

const sidecars = ["", "-wal", "-shm", "-journal"];
const removeFile = (file: string) => sidecars.forEach((suffix) => fs.rmSync(file + suffix, { force: true }));

/**
 * A SQLite target is always a new file, written under a temporary name and given its own only once
 * every table checked out (as backups are), so a file with the target's name is a whole copy.
 * It is left one self-contained file (rollback journal, no WAL beside it), to open anywhere.
 */
async function openSqliteTarget(to: string, checks: TargetChecks): Promise<Target> {
  if (fs.existsSync(to)) throw new CopyRefused(`${to} exists already: db:copy makes a new SQLite file, so name one that does not exist.`);
  const partial = `${to}.partial`;
  removeFile(partial);
  const db: DB = createDb(partial);
  const undo = async () => {
    await db.destroy();
    removeFile(partial);
  };
  let tables: TableInfo[];
  try {
    await migrateToLatest(db, () => {});
    tables = await readyTarget(db, to, checks);
  } catch (error) {
    await undo();
    throw error;
  }
  checks.log(`Made ${to} on the latest schema.`);
  return {
    db,
    tables,
    async keep() {
      sqliteHandle(db)!.pragma("journal_mode = DELETE");
      await closeDb(db);
      fs.renameSync(partial, to);
    },
    undo,
  };
}

/**
 * A PostgreSQL target is an empty database (migrated here) or one already on the latest schema
 * holding nothing but what the migrations write. Anything else is refused before any change. When
 * the copy fails, every table is emptied again and the migrations' rows put back.
 */
async function openPostgresTarget(to: string, checks: TargetChecks): Promise<Target> {
  const db = createDb(to, { poolSize: 2 });
  let tables: TableInfo[];
  try {
    const names = await tableNames(db);
    if (names.length > 0 && !names.includes("kysely_migration")) {
      throw new CopyRefused(`${describeDatabase(to)} holds tables that are not the portal's (${names.slice(0, 5).join(", ")}): name an empty database.`);
    }
    if (names.length === 0) {
      await migrateToLatest(db, () => {});
      checks.log(`Made the tables in ${describeDatabase(to)}.`);
    }
    const problem = await schemaProblem(db);
    if (problem) throw new CopyRefused(`${describeDatabase(to)} is not ready to copy into. ${problem}`);
    tables = await readyTarget(db, to, checks);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return {
    db,
    tables,
    keep: () => db.destroy(),
    async undo() {
      try {
        await emptyAgain(db, tables, checks.seeds);
      } finally {
        await db.destroy();
      }
    },
  };
}

/** Empties every table of a target the copy wrote into (it held only the migrations' rows before) and puts those rows back. */
async function emptyAgain(db: Kysely<any>, tables: TableInfo[], seeds: Seeds): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // TRUNCATE fires no row triggers, so the audit log's append-only rule does not stand in the way of undoing a copy.
    await sql`truncate table ${sql.join(tables.map((table) => sql.table(table.name)))} restart identity`.execute(trx);
    for (const [table, { rows }] of seeds) await trx.insertInto(table).values(rows).execute();
  });
}

/** What migrating a new database writes, read from one migrated in memory: the rows a target may hold and still count as empty. */
export async function migrationSeeds(): Promise<Seeds> {
  const db = createDb(":memory:");
  try {
    await migrateToLatest(db, () => {});
    const seeds: Seeds = new Map();
    for (const table of await readCatalog(db)) {
      const rows: Record<string, unknown>[] = await (db as Kysely<any>).selectFrom(table.name).selectAll().execute();
      const columns = [...table.columns].sort();
      if (rows.length > 0) seeds.set(table.name, { rows, canonical: new Set(rows.map((row) => canonicalRow(row, columns))) });
    }
    return seeds;
  } finally {
    await db.destroy();
  }
}

/**
 * The tables of the target that hold data, with their row counts. The migrations' own rows are not
 * data: a table holding exactly those (or some of them) counts as empty, and the copy replaces
 * them with the source's. A seeded row someone has changed (an organisation name set) is data.
 */
async function holdings(db: Kysely<any>, tables: TableInfo[], seeds: Seeds): Promise<string[]> {
  const held: string[] = [];
  for (const table of tables) {
    const { n } = await db
      .selectFrom(table.name)
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    const rows = Number(n);
    if (rows === 0) continue;
    const seeded = seeds.get(table.name);
    if (seeded && rows <= seeded.rows.length) {
      const columns = [...table.columns].sort();
      const present: Record<string, unknown>[] = await db.selectFrom(table.name).selectAll().execute();
      if (present.every((row) => seeded.canonical.has(canonicalRow(row, columns)))) continue;
    }
    held.push(`${table.name}: ${rows.toLocaleString("en-GB")} row${rows === 1 ? "" : "s"}`);
  }
  return held;
}

/** Both are on this build's latest migrations, so they match; a database changed by hand would not. */
function refuseOtherSchema(tables: TableInfo[], targetTables: TableInfo[], to: string): void {
  const shape = (list: TableInfo[]) => new Map(list.map((table) => [table.name, [...table.columns].sort().join(",")]));
  const mine = shape(tables);
  const theirs = shape(targetTables);
  const differ = [...new Set([...mine.keys(), ...theirs.keys()])].filter((name) => mine.get(name) !== theirs.get(name));
  if (differ.length > 0)
    throw new CopyRefused(`The tables of ${describeDatabase(to)} differ from the source's (${differ.slice(0, 5).join(", ")}): was either changed by hand?`);
}
