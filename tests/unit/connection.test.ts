import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { closeDb, createDb, refreshStatistics, type DB } from "../../db/connection";
import { repoRoot, tmpDir } from "../setup/paths";

const files: string[] = [];
const opened: DB[] = [];
afterAll(async () => {
  for (const db of opened) await db.destroy().catch(() => undefined);
  for (const file of files) for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
});

async function counterDatabase(): Promise<{ file: string; db: DB }> {
  fs.mkdirSync(tmpDir, { recursive: true });
  const file = path.join(tmpDir, `connection-${randomUUID()}.sqlite`);
  files.push(file);
  const db = createDb(file);
  opened.push(db);
  await sql`create table counter (id integer primary key, n integer not null)`.execute(db);
  await sql`insert into counter (id, n) values (1, 0)`.execute(db);
  return { file, db };
}

const readCounter = async (db: DB) => (await sql<{ n: number }>`select n from counter where id = 1`.execute(db)).rows[0].n;

/** Another connection that gives up at once when the write lock is taken. */
function impatient(file: string) {
  const other = new SQLite(file, { timeout: 0 });
  return {
    tryToWrite: () => other.exec("begin immediate; update counter set n = n + 100 where id = 1; commit"),
    close: () => other.close(),
  };
}

/** Another process takes the write lock, adds 100, and commits a moment later on its own. */
function otherProcessWriting(file: string): Promise<{ done: Promise<number | null> }> {
  const script = `
    const db = new (require("better-sqlite3"))(process.argv[1]);
    db.exec("begin immediate");
    process.stdout.write("locked\\n");
    setTimeout(() => { db.exec("update counter set n = n + 100 where id = 1; commit"); db.close(); }, 300);`;
  const child = spawn(process.execPath, ["-e", script, file], { cwd: repoRoot, stdio: ["ignore", "pipe", "inherit"] });
  const done = new Promise<number | null>((resolve) => child.once("exit", resolve));
  return new Promise((resolve, reject) => {
    child.stdout.once("data", () => resolve({ done }));
    child.once("error", reject);
  });
}

describe("the database connection", () => {
  it("makes a transaction that reads and then writes wait for another process's writer, not fail", async () => {
    const { file, db } = await counterDatabase();
    const other = await otherProcessWriting(file);
    // A deferred BEGIN would read 0 and then fail with SQLITE_BUSY at the update, without waiting.
    await db.transaction().execute(async (trx) => {
      const n = await readCounter(trx);
      await sql`update counter set n = ${n + 1} where id = 1`.execute(trx);
    });
    expect(await other.done).toBe(0);
    expect(await readCounter(db)).toBe(101);
  });

  it("takes the write lock when a transaction begins, so no other writer slips in between its read and its write", async () => {
    const { file, db } = await counterDatabase();
    const other = impatient(file);
    await db.transaction().execute(async (trx) => {
      await readCounter(trx);
      expect(other.tryToWrite).toThrow(/locked|busy/i);
    });
    other.tryToWrite();
    other.close();
    expect(await readCounter(db)).toBe(100);
  });

  it("leaves writers free during a transaction that only reads", async () => {
    const { file, db } = await counterDatabase();
    const other = impatient(file);
    const seen = await db
      .transaction()
      .setAccessMode("read only")
      .execute(async (trx) => {
        const before = await readCounter(trx);
        other.tryToWrite();
        return [before, await readCounter(trx)];
      });
    other.close();
    // One snapshot for the whole transaction; the other writer's change is there afterwards.
    expect(seen).toEqual([0, 0]);
    expect(await readCounter(db)).toBe(100);
  });

  it("keeps the query planner's statistics and folds the WAL into the file when the last connection closes", async () => {
    const { file, db } = await counterDatabase();
    await sql`create table answers (id integer primary key, question text not null)`.execute(db);
    await sql`create index answers_question on answers (question)`.execute(db);
    for (let i = 0; i < 500; i++) await sql`insert into answers (question) values (${`q${i % 20}`})`.execute(db);
    await refreshStatistics(db, "opened");
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);

    await closeDb(db);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    const reopened = new SQLite(file, { readonly: true });
    try {
      expect(reopened.prepare("select stat from sqlite_stat1 where idx = 'answers_question'").get()).toEqual({ stat: "500 25" });
      expect(reopened.pragma("integrity_check", { simple: true })).toBe("ok");
    } finally {
      reopened.close();
    }
  });
});

describe("the PostgreSQL the portal accepts", () => {
  it("refuses a server older than 14, naming its version, and takes 14 and newer", async () => {
    const { postgresVersionProblem } = await import("../../db/migrate");
    expect(postgresVersionProblem(130_012)).toBe("PostgreSQL 13 is too old: the portal needs PostgreSQL 14 or newer.");
    expect(postgresVersionProblem(140_000)).toBeUndefined();
    expect(postgresVersionProblem(170_002)).toBeUndefined();
  });
});
