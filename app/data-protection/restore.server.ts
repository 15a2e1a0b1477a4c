import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { backupDatabase, fileStamp, removeDatabaseFile, type CheckedCopy } from "./backup.server";

export interface RestoreReport {
  backup: CheckedCopy;
  /** Where the database that was in place is kept, or null when there was none. */
  keptAs: string | null;
  replacedResponses: number | null;
}

export class DatabaseInUse extends Error {}

/**
 * Takes the file for ourselves, or throws DatabaseInUse. Every connection to a database in WAL mode
 * holds a shared lock on the file for as long as it is open, so an exclusive lock that cannot be had
 * at once means a running portal (or another command) has it open. Leaving WAL mode folds the WAL
 * into the file, so the file alone is the whole database; the lock is held until we close it.
 */
function claim(databasePath: string): { db: SQLite.Database; responses: number | null } {
  const db = new SQLite(databasePath, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma("locking_mode = EXCLUSIVE");
    db.pragma("journal_mode = DELETE");
    db.exec("begin exclusive; commit");
    let responses: number | null = null;
    try {
      responses = (db.prepare("select count(*) as n from responses").get() as { n: number }).n;
    } catch {
      responses = null;
    }
    return { db, responses };
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code === "SQLITE_BUSY")
      throw new DatabaseInUse(`${databasePath} is open in another process: the portal is running, or a command is using it.`);
    throw error;
  }
}

/**
 * Puts a backup in place of the database at `databasePath`. The backup is copied and checked
 * first (integrity, a portal database, no migration this code does not know); only then is the
 * database in place claimed, kept beside it as `.before-restore-<time>`, and replaced in one
 * rename, so the path never names a missing or half-written file. Nothing changes when any step
 * before the rename fails.
 */
export async function restoreDatabase(databasePath: string, backupFile: string, knownMigrations: string[], now = new Date()): Promise<RestoreReport> {
  if (!fs.existsSync(backupFile)) throw new Error(`There is no file at ${backupFile}.`);
  const incoming = `${databasePath}.restoring-${fileStamp(now)}`;
  removeDatabaseFile(incoming);
  try {
    const backup = await backupDatabase(backupFile, incoming);
    if (backup.responses === null || backup.migrations.length === 0) throw new Error(`${backupFile} is not a database of this portal.`);
    const unknown = backup.migrations.filter((name) => !knownMigrations.includes(name));
    if (unknown.length > 0) throw new Error(`${backupFile} was made by a newer version of the portal (it has ${unknown.join(", ")}): update the portal first.`);
    if (!fs.existsSync(databasePath)) {
      fs.mkdirSync(path.dirname(path.resolve(databasePath)), { recursive: true });
      fs.renameSync(incoming, databasePath);
      return { backup, keptAs: null, replacedResponses: null };
    }
    const claimed = claim(databasePath);
    const keptAs = `${databasePath}.before-restore-${fileStamp(now)}`;
    try {
      try {
        fs.linkSync(databasePath, keptAs);
      } catch {
        fs.copyFileSync(databasePath, keptAs);
      }
      fs.renameSync(incoming, databasePath);
    } finally {
      claimed.db.close();
    }
    return { backup, keptAs, replacedResponses: claimed.responses };
  } finally {
    removeDatabaseFile(incoming);
  }
}
