// The database each server run of the bench works on: a fresh copy of the dataset, as a SQLite file
// (the default) or as a PostgreSQL database (`--db postgres`). On PostgreSQL the SQLite dataset is
// copied in once per size with db:copy (db/copy.ts), vacuumed and analysed, and kept as a template
// that every run clones, so each run starts from the same data, as each SQLite run starts from a copy.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { createDb, type DB, type Engine } from "../../db/connection";
import { copyDatabase } from "../../db/copy";
import { tmpDir } from "../setup/paths";
import { adminQuery, databaseUrl, dropDatabase, startTestPostgres, type TestPostgres } from "../support/postgres";
import { removeDatabase } from "../support/server";
import { ensureDataset, sourceHash } from "./dataset";

/** One run's database: what the server is pointed at, and the bench's own connection to it. */
export interface RunDatabase {
  engine: Engine;
  /** DATABASE_PATH or DATABASE_URL for the server. */
  target: string;
  /** For the bench's own reads, and the drafts it writes before the submissions. */
  db: DB;
  remove(): Promise<void>;
}

export interface BenchDatabases {
  engine: Engine;
  /** What the runs are on, for the output and the JSON line. */
  describe: { engine: Engine; version: string | null; server: "bench" | "given" | null; settings: Record<string, string> | null };
  /** A fresh copy of the dataset of this size. */
  fresh(responses: number): Promise<RunDatabase>;
  /** Where PostgreSQL spent its time since the counts last started (pg_stat_statements), printed; the counts then start again. Null when it keeps none. */
  statements(db: DB, during: string): Promise<TimeSpent | null>;
  /** Starts the counts again. */
  resetStatements(db: DB): Promise<void>;
  close(): Promise<void>;
}

export interface Statement {
  query: string;
  calls: number;
  totalMs: number;
  meanMs: number;
}

export interface TimeSpent {
  /** What PostgreSQL itself did: every statement but the waits for the write lock. */
  workMs: number;
  statements: number;
  /** How long writers waited, all together, for the one write lock (db/connection.ts, WRITE_LOCK). */
  lockWaitMs: number;
  /** The statements that took longest, all calls together. */
  top: Statement[];
}

/** `--db sqlite` (the default) or `--db postgres`, from the bench's command line. */
export function engineFromArgs(args = process.argv.slice(2)): Engine {
  const { values } = parseArgs({ args, options: { db: { type: "string", default: "sqlite" } } });
  if (values.db === "sqlite" || values.db === "postgres") return values.db;
  throw new Error(`--db must be sqlite or postgres, not "${values.db}"`);
}

export function openDatabases(engine: Engine): Promise<BenchDatabases> {
  return engine === "postgres" ? postgresDatabases() : Promise.resolve(sqliteDatabases());
}

function sqliteDatabases(): BenchDatabases {
  return {
    engine: "sqlite",
    describe: { engine: "sqlite", version: null, server: null, settings: null },
    async fresh(responses) {
      const dataset = await ensureDataset({ responses });
      fs.mkdirSync(tmpDir, { recursive: true });
      const copy = path.join(tmpDir, `bench-${process.pid}-${responses}.sqlite`);
      fs.copyFileSync(dataset, copy);
      const db = createDb(copy);
      return {
        engine: "sqlite",
        target: copy,
        db,
        async remove() {
          await db.destroy();
          removeDatabase(copy);
        },
      };
    },
    statements: async () => null,
    resetStatements: async () => {},
    close: async () => {},
  };
}

/**
 * What the bench's own PostgreSQL is started with, on top of the test server's settings: writes as
 * durable as in production (the tests' server skips fsync, which would flatter every write), the
 * shared buffers of a small production server, and pg_stat_statements to say where the time goes.
 */
const PRODUCTION_SETTINGS: Record<string, string> = {
  fsync: "on",
  full_page_writes: "on",
  shared_buffers: "512MB",
  shared_preload_libraries: "pg_stat_statements",
};

function installedPostgresBin(): string {
  if (process.env.POSTGRES_BIN) return process.env.POSTGRES_BIN;
  const root = "/usr/lib/postgresql";
  const newest = (fs.existsSync(root) ? fs.readdirSync(root) : []).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a))[0];
  return path.join(root, newest ?? "none", "bin");
}

/**
 * startTestPostgres with PRODUCTION_SETTINGS: it runs `postgres` from POSTGRES_BIN, so that folder
 * holds initdb as installed and a `postgres` that adds the settings after the test server's own
 * (on PostgreSQL's command line the last setting wins). Nothing else changes.
 */
export async function startBenchPostgres(): Promise<TestPostgres> {
  const installed = installedPostgresBin();
  const bin = path.join(tmpDir, `bench-postgres-bin-${process.pid}`);
  fs.rmSync(bin, { recursive: true, force: true });
  fs.mkdirSync(bin, { recursive: true, mode: 0o755 });
  fs.symlinkSync(path.join(installed, "initdb"), path.join(bin, "initdb"));
  const settings = Object.entries(PRODUCTION_SETTINGS).map(([name, value]) => `-c ${name}=${value}`);
  fs.writeFileSync(path.join(bin, "postgres"), `#!/bin/sh\nexec "${path.join(installed, "postgres")}" "$@" ${settings.join(" ")}\n`, { mode: 0o755 });
  const before = process.env.POSTGRES_BIN;
  process.env.POSTGRES_BIN = bin;
  try {
    const server = await startTestPostgres(path.join(tmpDir, `bench-postgres-${process.pid}`));
    return {
      ...server,
      async stop() {
        await server.stop();
        fs.rmSync(bin, { recursive: true, force: true });
      },
    };
  } finally {
    if (before === undefined) delete process.env.POSTGRES_BIN;
    else process.env.POSTGRES_BIN = before;
  }
}

/** The given server (BENCH_POSTGRES_URL, an admin URL that may create databases), or one of the bench's own. */
async function postgresDatabases(): Promise<BenchDatabases> {
  const given = process.env.BENCH_POSTGRES_URL;
  const server = given ? null : await startBenchPostgres();
  const adminUrl = given ?? server!.adminUrl;
  const admin = createDb(adminUrl, { poolSize: 1 });
  let runs = 0;
  try {
    const shown = await sql<{ name: string; setting: string }>`
      select name, setting from pg_settings
      where name in ('server_version', 'fsync', 'full_page_writes', 'synchronous_commit', 'shared_buffers', 'shared_preload_libraries', 'max_connections')
    `.execute(admin);
    const settings = Object.fromEntries(shown.rows.map((row) => [row.name, row.setting]));
    const { server_version: version, ...rest } = settings;
    const counting = /pg_stat_statements/.test(settings.shared_preload_libraries ?? "");
    console.log(
      `PostgreSQL ${version} (${given ? "BENCH_POSTGRES_URL" : "the bench's own server"}): fsync ${settings.fsync}, full_page_writes ${settings.full_page_writes}, shared_buffers ${Number(settings.shared_buffers) / 128} MB${counting ? ", pg_stat_statements on" : ""}`,
    );
    return {
      engine: "postgres",
      describe: { engine: "postgres", version, server: given ? "given" : "bench", settings: rest },
      async fresh(responses) {
        const template = await ensureTemplate(adminUrl, responses);
        const name = `bench_run_${process.pid}_${++runs}`;
        await adminQuery(adminUrl, `create database "${name}" template "${template}"`);
        const url = databaseUrl(adminUrl, name);
        const db = createDb(url, { poolSize: 2 });
        if (counting) await sql`create extension if not exists pg_stat_statements`.execute(db);
        return {
          engine: "postgres",
          target: url,
          db,
          async remove() {
            await db.destroy();
            await dropDatabase(adminUrl, name);
          },
        };
      },
      async statements(db, during) {
        if (!counting) return null;
        const { rows } = await sql<{ query: string; calls: number; total: number }>`
          select query, calls, total_exec_time as total from pg_stat_statements
          where dbid = (select oid from pg_database where datname = current_database())
          order by total_exec_time desc
        `.execute(db);
        await sql`select pg_stat_statements_reset()`.execute(db);
        const waits = rows.filter((row) => /pg_advisory_xact_lock/.test(row.query));
        const work = rows.filter((row) => !waits.includes(row));
        const sum = (list: typeof rows, pick: (row: (typeof rows)[number]) => number) => Math.round(list.reduce((total, row) => total + pick(row), 0));
        const spent: TimeSpent = {
          workMs: sum(work, (row) => row.total),
          statements: sum(work, (row) => row.calls),
          lockWaitMs: sum(waits, (row) => row.total),
          top: work.slice(0, 6).map((row) => ({
            query: row.query.replaceAll(/\s+/g, " "),
            calls: row.calls,
            totalMs: Math.round(row.total),
            meanMs: Math.round((row.total / row.calls) * 100) / 100,
          })),
        };
        console.log(
          `  PostgreSQL during ${during}: ${spent.statements.toLocaleString("en-GB")} statements took ${spent.workMs.toLocaleString("en-GB")} ms in all; ` +
            `writers waited ${spent.lockWaitMs.toLocaleString("en-GB")} ms in all for the write lock. The longest (pg_stat_statements):`,
        );
        for (const { totalMs, calls, meanMs, query } of spent.top)
          console.log(
            `    ${String(totalMs).padStart(7)} ms ${String(calls).padStart(8)} calls ${meanMs.toFixed(2).padStart(8)} ms each   ${query.slice(0, 110)}`,
          );
        return spent;
      },
      async resetStatements(db) {
        if (counting) await sql`select pg_stat_statements_reset()`.execute(db);
      },
      async close() {
        await admin.destroy();
        await server?.stop();
      },
    };
  } catch (error) {
    await admin.destroy();
    await server?.stop();
    throw error;
  }
}

/**
 * The dataset of this size as a PostgreSQL database to clone, named by the size and the dataset's
 * hash: made with db:copy from the SQLite dataset, then vacuumed and analysed so that the planner
 * and the visibility map are as on a database autovacuum has been through. Made under another name
 * and renamed at the end, so a copy cut short is never taken for a finished one.
 */
export async function ensureTemplate(adminUrl: string, responses: number, log: (line: string) => void = console.log): Promise<string> {
  const name = `bench_${responses}_${sourceHash()}`;
  const admin = createDb(adminUrl, { poolSize: 1 });
  try {
    const { rows } = await sql<{ datname: string }>`select datname from pg_database where datname like ${`bench\\_${responses}\\_%`}`.execute(admin);
    if (rows.some((row) => row.datname === name)) return name;
    // Another schema or generator, or a copy cut short: gigabytes at a million, so they go.
    for (const { datname } of rows) await dropDatabase(adminUrl, datname);
  } finally {
    await admin.destroy();
  }
  const dataset = await ensureDataset({ responses, log });
  const partial = `${name}_partial`;
  await adminQuery(adminUrl, `create database "${partial}"`);
  const started = performance.now();
  const seconds = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
  log(`bench data: copying ${path.basename(dataset)} into PostgreSQL with db:copy`);
  const report = await copyDatabase({ from: dataset, to: databaseUrl(adminUrl, partial), log: (line) => log(`  ${line.trim()}`) });
  if (!report.ok) throw new Error(`db:copy did not copy ${dataset} faithfully: ${report.tables.filter((table) => !table.ok).map((table) => table.table)}`);
  const db = createDb(databaseUrl(adminUrl, partial), { poolSize: 1 });
  try {
    await sql`vacuum (analyze)`.execute(db);
  } finally {
    await db.destroy();
  }
  await adminQuery(adminUrl, `alter database "${partial}" rename to "${name}"`);
  log(`bench data in PostgreSQL ready in ${seconds()} (copied, checked, vacuumed and analysed): database ${name}`);
  return name;
}
