import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect, sql, type RawBuilder } from "kysely";
import { readCatalog, resetSequence, sequenceHighWater, type ForeignKey, type TableInfo } from "./catalog";
import { TableChecksum } from "./checksum";
import { createDb, engineOf, isPostgresUrl } from "./connection";
import { CopyRefused, migrationSeeds, openTarget, type Target } from "./copy-target";
import { schemaProblem } from "./migrate";
import { describeDatabase } from "./where";

export { CopyRefused } from "./copy-target";

/**
 * db:copy (docs/decisions/027-moving-an-area.md): every table of one portal database into a new,
 * empty one, SQLite or PostgreSQL either way, then every table checked on both sides.
 */

/** Rows read, and written in one transaction, at a time: a few megabytes at most, whatever the table's size. */
export const BATCH_ROWS = 5_000;
/** Rows a batch takes from a table holding raw bytes (recordings of up to a few megabytes each). */
export const BINARY_BATCH_ROWS = 10;
/** Bound values in one insert statement on SQLite: under its limit of 32,766. */
const MAX_PARAMETERS = 30_000;

/** The copy failed, and so did putting the target back: it holds part of a copy. */
export class TargetLeftPartial extends Error {}

export interface TableCheck {
  table: string;
  rows: number;
  targetRows: number;
  checksum: string;
  targetChecksum: string;
  ok: boolean;
}

export interface CopyReport {
  tables: TableCheck[];
  ok: boolean;
  /** How many sequences were set on the target, so that its next rows get ids the source never used. */
  sequences: number;
}

export interface CopyOptions {
  from: string;
  to: string;
  batchRows?: number;
  log?: (line: string) => void;
}

/**
 * Copies the database at `from` into `to`. Refuses (CopyRefused) when the source is not on this
 * build's latest schema, or the target is not new and empty. When a write fails or a table does
 * not check out, the target is put back as it was: the new SQLite file removed, the PostgreSQL
 * database emptied again. The report says, table by table, whether rows and checksum agree.
 */
export async function copyDatabase({ from, to, batchRows = BATCH_ROWS, log = () => {} }: CopyOptions): Promise<CopyReport> {
  if (sameDatabase(from, to)) throw new CopyRefused("The source and the target are the same database.");
  const source = openSource(from);
  try {
    const problem = await schemaProblem(source);
    if (problem) throw new CopyRefused(`${describeDatabase(from)} cannot be copied. ${problem}`);
    const tables = await readCatalog(source);
    const seeds = await migrationSeeds();
    const target = await openTarget(to, { tables, seeds, log });
    let report: CopyReport;
    try {
      report = await copyInto(source, target, { tables, seeded: new Set(seeds.keys()), batchRows, log });
    } catch (error) {
      await putBack(target, to, error);
      throw error;
    }
    if (report.ok) await target.keep();
    else await putBack(target, to, new Error("The copy does not match the source."));
    return report;
  } finally {
    await source.destroy();
  }
}

async function putBack(target: Target, to: string, cause: unknown): Promise<void> {
  try {
    await target.undo();
  } catch (error) {
    const because = (problem: unknown) => (problem instanceof Error ? problem.message : String(problem));
    throw new TargetLeftPartial(
      `${because(cause)} Putting ${describeDatabase(to)} back as it was failed too (${because(error)}): it holds part of a copy, so drop it and create it again before another attempt.`,
    );
  }
}

interface CopyPlan {
  tables: TableInfo[];
  seeded: Set<string>;
  batchRows: number;
  log: (line: string) => void;
}

async function copyInto(source: Kysely<any>, target: Target, plan: CopyPlan): Promise<CopyReport> {
  const { sums, highWaters } = await copyRows(source, target, plan);
  let sequences = 0;
  for (const table of target.tables) if ((await resetSequence(target.db, table, highWaters.get(table.name))) !== undefined) sequences++;
  const checks: TableCheck[] = [];
  for (const table of target.tables) {
    const read = await checksumOf(target.db, table, plan.batchRows);
    const copied = sums.get(table.name)!;
    const ok = copied.rows === read.rows && copied.digest === read.digest;
    checks.push({ table: table.name, rows: copied.rows, targetRows: read.rows, checksum: copied.digest, targetChecksum: read.digest, ok });
  }
  return { tables: checks, ok: checks.every((check) => check.ok), sequences };
}

/**
 * Every table's rows, in an order that suits the foreign keys, all read in one read transaction
 * on the source: a snapshot of one moment, even while a portal writes to it. Answers each table's
 * checksum as read, and each sequence's high-water mark in the same snapshot.
 */
async function copyRows(source: Kysely<any>, target: Target, { tables, seeded, batchRows, log }: CopyPlan) {
  const { order, deferred } = copyOrder(tables);
  // The migrations' own rows give way to the source's: the source has its own settings.
  await target.db.transaction().execute(async (trx) => {
    for (const table of [...order].reverse()) if (seeded.has(table.name)) await trx.deleteFrom(table.name).execute();
  });
  const named = (list: TableInfo[], name: string) => list.find((table) => table.name === name)!;
  return source
    .transaction()
    .setIsolationLevel("repeatable read")
    .setAccessMode("read only")
    .execute(async (snapshot) => {
      const sums = new Map<string, TableChecksum>();
      for (const table of order) {
        const started = performance.now();
        const sum = await copyTable(snapshot, target.db, table, named(target.tables, table.name), deferred.get(table.name) ?? [], batchRows);
        sums.set(table.name, sum);
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        if (sum.rows > 0) log(`  ${table.name}: ${sum.rows.toLocaleString("en-GB")} row${sum.rows === 1 ? "" : "s"} (${seconds} s)`);
      }
      for (const [name, columns] of deferred) await fillDeferred(snapshot, target.db, named(tables, name), columns, batchRows);
      const highWaters = new Map<string, number | undefined>();
      for (const table of tables) highWaters.set(table.name, await sequenceHighWater(snapshot, table));
      return { sums, highWaters };
    });
}

/**
 * Copies one table in batches; the checksum is of the rows as read from the source. While one
 * batch is written, the next is read: one engine waits on the other's disk or network otherwise.
 */
async function copyTable(from: Kysely<any>, to: Kysely<any>, table: TableInfo, into: TableInfo, deferred: string[], batchRows: number): Promise<TableChecksum> {
  const sum = new TableChecksum(table.columns);
  const empty = Object.fromEntries(deferred.map((column) => [column, null]));
  let writing: Promise<void> = Promise.resolve();
  try {
    for await (const rows of keysetBatches(from, table, table.columns, batchRows)) {
      for (const row of rows) sum.add(row);
      await writing;
      const batch = deferred.length > 0 ? rows.map((row) => ({ ...row, ...empty })) : rows;
      writing = to.transaction().execute((trx) => insertRows(trx, into, batch));
      // Awaited before the next write or below; until then a failure must not count as unhandled.
      writing.catch(() => {});
    }
  } finally {
    await writing;
  }
  return sum;
}

/**
 * One batch into the target. PostgreSQL takes a column at a time, as arrays (`insert … select *
 * from unnest($1::int4[], $2::text[], …)`): a statement of one value per column, where a row of
 * values each would be tens of thousands to parse and bind. SQLite, in process, takes rows of values.
 */
async function insertRows(trx: Kysely<any>, table: TableInfo, rows: Record<string, unknown>[]): Promise<void> {
  if (engineOf(trx) === "postgres") {
    const columns = sql.join(table.columns.map((column) => sql.ref(column)));
    const arrays = table.columns.map((column) => sql`${rows.map((row) => row[column])}::${sql.id(table.types.get(column)!)}[]`);
    await sql`insert into ${sql.table(table.name)} (${columns}) select * from unnest(${sql.join(arrays)})`.execute(trx);
    return;
  }
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / table.columns.length));
  for (let start = 0; start < rows.length; start += perStatement) {
    await trx
      .insertInto(table.name)
      .values(rows.slice(start, start + perStatement))
      .execute();
  }
}

/** The references that had to wait (a theme merged into a later theme): filled in once every row is there. */
async function fillDeferred(from: Kysely<any>, to: Kysely<any>, table: TableInfo, columns: string[], batchRows: number): Promise<void> {
  const anySet = sql<boolean>`(${sql.join(
    columns.map((column) => sql`${sql.ref(column)} is not null`),
    sql` or `,
  )})`;
  for await (const rows of keysetBatches(from, table, [...table.primaryKey, ...columns], batchRows, anySet)) {
    await to.transaction().execute(async (trx) => {
      for (const row of rows) {
        let update = trx.updateTable(table.name).set(Object.fromEntries(columns.map((column) => [column, row[column]])));
        for (const key of table.primaryKey) update = update.where(key, "=", row[key]);
        await update.execute();
      }
    });
  }
}

/** Every table's rows and checksum, as db:copy compares them: for checking any two databases against each other. */
export async function tableChecksums(db: Kysely<any>, batchRows = BATCH_ROWS): Promise<Map<string, { rows: number; digest: string }>> {
  const sums = new Map<string, { rows: number; digest: string }>();
  for (const table of await readCatalog(db)) {
    const sum = await checksumOf(db, table, batchRows);
    sums.set(table.name, { rows: sum.rows, digest: sum.digest });
  }
  return sums;
}

async function checksumOf(db: Kysely<any>, table: TableInfo, batchRows: number): Promise<TableChecksum> {
  const sum = new TableChecksum(table.columns);
  for await (const rows of keysetBatches(db, table, table.columns, batchRows)) for (const row of rows) sum.add(row);
  return sum;
}

/**
 * A table in batches by its primary key: each batch starts after the last key of the one before
 * (`(a, b) > (?, ?)`), so every batch is one range of the key's index however far into the table
 * it is, where OFFSET would read and throw away every row before it.
 */
async function* keysetBatches(
  db: Kysely<any>,
  table: TableInfo,
  columns: string[],
  batchRows: number,
  only?: RawBuilder<boolean>,
): AsyncGenerator<Record<string, unknown>[]> {
  const key = table.primaryKey;
  const limit = table.binary ? Math.min(batchRows, BINARY_BATCH_ROWS) : batchRows;
  let after: unknown[] | undefined;
  for (;;) {
    let query = db.selectFrom(table.name).select(columns).limit(limit);
    for (const column of key) query = query.orderBy(column);
    if (only) query = query.where(only);
    if (after) {
      const last = after;
      query = query.where(sql<boolean>`(${sql.join(key.map((column) => sql.ref(column)))}) > (${sql.join(last)})`);
    }
    const rows: Record<string, unknown>[] = await query.execute();
    if (rows.length > 0) yield rows;
    if (rows.length < limit) return;
    const last = rows[rows.length - 1];
    after = key.map((column) => last[column]);
  }
}

/**
 * An order of tables in which every table comes after the tables it refers to. A reference that
 * no order can satisfy (a table referring to itself, or two tables to each other) waits: its
 * columns are written empty and filled in once every row is in; such columns must allow null.
 */
function copyOrder(tables: TableInfo[]): { order: TableInfo[]; deferred: Map<string, string[]> } {
  const deferred = new Map<string, string[]>();
  const known = new Set(tables.map((table) => table.name));
  const waitsFor = new Map(tables.map((table) => [table.name, table.references.filter((key) => key.table !== table.name && known.has(key.table))]));
  const defer = (table: TableInfo, key: ForeignKey) => {
    deferred.set(table.name, [...new Set([...(deferred.get(table.name) ?? []), ...key.columns])]);
    waitsFor.set(
      table.name,
      waitsFor.get(table.name)!.filter((other) => other !== key),
    );
  };
  const canWait = (table: TableInfo, key: ForeignKey) => key.columns.every((column) => table.nullable.has(column));
  for (const table of tables) {
    for (const key of table.references.filter((key) => key.table === table.name)) {
      if (!canWait(table, key))
        throw new Error(`${table.name}.${key.columns.join(", ")} refers to its own table and cannot be empty: db:copy has no order for it.`);
      defer(table, key);
    }
  }
  const order: TableInfo[] = [];
  const placed = new Set<string>();
  while (order.length < tables.length) {
    const left = tables.filter((table) => !placed.has(table.name));
    const ready = left.filter((table) => waitsFor.get(table.name)!.every((key) => placed.has(key.table)));
    if (ready.length > 0) {
      for (const table of ready) placed.add(table.name);
      order.push(...ready);
      continue;
    }
    const breakable = left.flatMap((table) =>
      waitsFor
        .get(table.name)!
        .filter((key) => canWait(table, key))
        .map((key) => ({ table, key })),
    )[0];
    if (!breakable)
      throw new Error(
        `These tables refer to each other through columns that cannot be empty, so no order of copying suits them: ${left.map((table) => table.name).join(", ")}.`,
      );
    defer(breakable.table, breakable.key);
  }
  return { order, deferred };
}

function sameDatabase(from: string, to: string): boolean {
  if (isPostgresUrl(from) !== isPostgresUrl(to)) return false;
  if (!isPostgresUrl(from)) return path.resolve(from) === path.resolve(to);
  const place = (target: string) => {
    const url = new URL(target);
    return `${url.hostname}:${url.port || 5432}${url.pathname}`;
  };
  return place(from) === place(to);
}

/** The source is only read: a SQLite file is opened read-only, so even a backup's journal mode stays as it was. */
function openSource(from: string): Kysely<any> {
  if (isPostgresUrl(from)) return createDb(from, { poolSize: 2 });
  if (!fs.existsSync(from)) throw new CopyRefused(`There is no database at ${from}.`);
  return new Kysely<any>({ dialect: new SqliteDialect({ database: new SQLite(from, { readonly: true, fileMustExist: true }) }) });
}
