import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { isPostgresUrl, type DB } from "../../db/connection";
import { audit } from "../accounts/audit.server";
import { env } from "../env.server";
import { getSettings } from "../settings.server";
import { BACKUPS_KEPT } from "./limits";
import { lastRun, nightWindowStart } from "./nightly.server";
import { dumpDatabase } from "./postgres-backup.server";

/**
 * Backups (docs/decisions/022-retention-and-backups.md): SQLite's online backup API copies the live
 * file while the portal keeps writing, then `PRAGMA integrity_check` checks the copy, which is made
 * one self-contained file (rollback journal, no WAL beside it). Both run in a worker thread with its
 * own short-lived connection, so a server process keeps answering requests however big the file
 * is: the copy reads every page in one step, one read transaction, a snapshot of the moment it
 * began, which in WAL mode never holds up a writer.
 */
export interface CheckedCopy {
  /** Lines from `PRAGMA integrity_check` other than "ok": empty when the copy is sound. */
  problems: string[];
  bytes: number;
  /** What the copy holds, when it is a portal database. */
  responses: number | null;
  newestResponse: string | null;
  migrations: string[];
}

type Job = { kind: "backup"; source: string; target: string } | { kind: "check"; file: string };

// Runs in the worker thread as plain JavaScript (CommonJS, like `node -e`): it may use only Node and better-sqlite3.
const threadSource = `
const { workerData, parentPort } = require("node:worker_threads");
const fs = require("node:fs");
const SQLite = require(workerData.library);
const job = workerData.job;

function check(file) {
  const db = new SQLite(file, { fileMustExist: true });
  try {
    const problems = db.pragma("integrity_check").map((row) => row.integrity_check).filter((line) => line !== "ok");
    if (problems.length === 0) db.pragma("journal_mode = DELETE");
    const has = (table) => db.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(table) !== undefined;
    const responses = problems.length === 0 && has("responses") ? db.prepare("select count(*) as n, max(submitted_at) as newest from responses").get() : null;
    const migrations = problems.length === 0 && has("kysely_migration") ? db.prepare("select name from kysely_migration order by name").all().map((row) => row.name) : [];
    return { problems, responses: responses ? responses.n : null, newestResponse: responses ? responses.newest : null, migrations };
  } finally {
    db.close();
  }
}

async function run() {
  if (job.kind === "backup") {
    const source = new SQLite(job.source, { fileMustExist: true });
    try {
      // After the first step, which only measures, the rest in one: no restarts when another process writes.
      await source.backup(job.target, { progress: () => 0x7fffffff });
    } finally {
      source.close();
    }
  }
  const file = job.kind === "backup" ? job.target : job.file;
  return { ...check(file), bytes: fs.statSync(file).size };
}

run().then(
  (result) => parentPort.postMessage({ ok: true, result }),
  (error) => parentPort.postMessage({ ok: false, message: error && error.message ? error.message : String(error) }),
);
`;

function inThread(job: Job): Promise<CheckedCopy> {
  const library = createRequire(import.meta.url).resolve("better-sqlite3");
  return new Promise((resolve, reject) => {
    const worker = new Worker(threadSource, { eval: true, workerData: { library, job } });
    worker.once("message", (message: { ok: true; result: CheckedCopy } | { ok: false; message: string }) => {
      if (message.ok) resolve(message.result);
      else reject(new Error(message.message));
    });
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the backup thread stopped (exit code ${code})`)));
  });
}

const sidecars = ["", "-wal", "-shm", "-journal"];
export const removeDatabaseFile = (file: string) => sidecars.forEach((suffix) => fs.rmSync(file + suffix, { force: true }));

/** "2026-12-05T02-00-00Z": a moment as part of a file name, sorting in time order. */
export const fileStamp = (now: Date) => `${now.toISOString().slice(0, 19).replaceAll(":", "-")}Z`;

/** Checks a database file where it lies, leaving it one self-contained file when it is sound. */
export function checkDatabaseFile(file: string): Promise<CheckedCopy> {
  return inThread({ kind: "check", file });
}

/**
 * Copies the database at `source` to `target`, a new file, and checks the copy. The copy is made
 * under a temporary name and renamed only once it has passed, so a file with the target's name is
 * always a whole, checked backup. Throws, leaving nothing behind, when the copy fails its check.
 */
export async function backupDatabase(source: string, target: string): Promise<CheckedCopy> {
  if (!fs.existsSync(source)) throw new Error(`There is no database at ${source}.`);
  if (fs.existsSync(target)) throw new Error(`${target} exists already: name a new file.`);
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const partial = `${target}.partial`;
  removeDatabaseFile(partial);
  try {
    const copy = await inThread({ kind: "backup", source, target: partial });
    if (copy.problems.length > 0) throw new Error(`The copy failed its integrity check: ${copy.problems.slice(0, 5).join("; ")}`);
    fs.renameSync(partial, target);
    return copy;
  } finally {
    removeDatabaseFile(partial);
  }
}

const nightlyName = /^nightly-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.(sqlite|dump)$/;
/** Nightly backups start at 2am London time; the purge follows at 3. */
export const BACKUP_HOUR = 2;

/** Where nightly backups go, as a full path for the administrator to find it. */
export const backupFolder = () => path.resolve(env().BACKUP_DIR);

/** The nightly backups in the folder, newest first; other files there (manual backups) are never touched. */
export function nightlyBackups(folder: string): string[] {
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder)
    .filter((name) => nightlyName.test(name))
    .sort()
    .reverse();
}

interface NightlyOptions {
  now?: Date;
  /** Where a failure is reported, besides the audit log. */
  log?: (message: string) => void;
}

/**
 * Takes tonight's backup of `database` (the SQLite file, or the PostgreSQL address: a checked
 * pg_dump, postgres-backup.server.ts) into `folder`, keeps the newest seven, and logs it (or its
 * failure) in the audit log.
 */
export async function takeNightlyBackup(db: DB, database: string, folder: string, { now = new Date(), log = console.error }: NightlyOptions = {}) {
  const onPostgres = isPostgresUrl(database);
  const name = `nightly-${fileStamp(now)}.${onPostgres ? "dump" : "sqlite"}`;
  try {
    const file = path.join(folder, name);
    const copy = onPostgres ? await dumpDatabase(database, file) : await backupDatabase(database, file);
    const removed = nightlyBackups(folder).slice(BACKUPS_KEPT);
    for (const old of removed) removeDatabaseFile(path.join(folder, old));
    await audit(
      db,
      { userId: null, action: "backup.nightly", entity: "backup", entityId: name, after: { bytes: copy.bytes, responses: copy.responses, removed } },
      now,
    );
  } catch (error) {
    const problem = error instanceof Error ? error.message : String(error);
    log(`nightly backup: ${problem}`);
    await audit(db, { userId: null, action: "backup.nightly_failed", entity: "backup", entityId: name, after: { problem } }, now);
  }
}

/** Once a night from 2am London time, when an administrator has switched it on: one try a night, whatever the outcome. */
export async function backupIfDue(db: DB, database: string, folder: string, options: NightlyOptions = {}): Promise<void> {
  const now = options.now ?? new Date();
  const since = nightWindowStart(now, BACKUP_HOUR);
  if (!since || (await getSettings(db)).backup_nightly !== "on") return;
  const last = await lastRun(db, ["backup.nightly", "backup.nightly_failed"]);
  if (last && last.at >= since.toISOString()) return;
  await takeNightlyBackup(db, database, folder, { ...options, now });
}

export interface LastBackup {
  at: string;
  file: string;
  ok: boolean;
  bytes: number | null;
  problem: string | null;
}

/** The last nightly backup, for the settings page. */
export async function lastNightlyBackup(db: DB): Promise<LastBackup | undefined> {
  const last = await lastRun(db, ["backup.nightly", "backup.nightly_failed"]);
  if (!last) return undefined;
  const after = JSON.parse(last.after ?? "{}") as { bytes?: number; problem?: string };
  return { at: last.at, file: last.entity_id ?? "", ok: last.action === "backup.nightly", bytes: after.bytes ?? null, problem: after.problem ?? null };
}
