import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { inject } from "vitest";
import { closeDb, createDb, isPostgresUrl } from "../../db/connection";
import { copyDatabase, tableChecksums } from "../../db/copy";
import { migrateToLatest } from "../../db/migrate";
import { seedDemo } from "../../db/seed/demo";
import { tmpDir } from "../setup/paths";
import { ensureDataset } from "../bench/dataset";
import { runCli } from "../support/cli";
import { adminQuery, createTestDatabase, databaseUrl, dropDatabase } from "../support/postgres";

/**
 * `npm run db:copy`: an area moved from SQLite to PostgreSQL and back again, every table equal,
 * and a target that holds anything refused untouched. Runs on the PostgreSQL server the e2e
 * project starts (tests/setup/postgres-global-setup.ts).
 */
const folder = path.join(tmpDir, `db-copy-${randomUUID()}`);
const made: string[] = [];
/** The test server trusts every connection, so this password is never checked: it is here to be kept out of every message. */
const PASSWORD = "never-print-me-7f3a";

beforeAll(() => fs.mkdirSync(folder, { recursive: true }));
afterAll(async () => {
  for (const name of made) await dropDatabase(inject("postgresAdminUrl"), name);
  fs.rmSync(folder, { recursive: true, force: true });
});

/** A new, empty PostgreSQL database, addressed with a password. */
async function emptyPostgres(): Promise<string> {
  const name = `copy_${randomUUID().replaceAll("-", "")}`;
  await adminQuery(inject("postgresAdminUrl"), `create database "${name}"`);
  made.push(name);
  const url = new URL(databaseUrl(inject("postgresAdminUrl"), name));
  url.password = PASSWORD;
  return url.toString();
}

/** Opens a database to read: a SQLite file read-only, so that reading it changes nothing. */
function openToRead(target: string): Kysely<any> {
  if (isPostgresUrl(target)) return createDb(target, { poolSize: 2 });
  return new Kysely<any>({ dialect: new SqliteDialect({ database: new SQLite(target, { readonly: true, fileMustExist: true }) }) });
}

async function checksums(target: string) {
  const db = openToRead(target);
  try {
    return await tableChecksums(db);
  } finally {
    await db.destroy();
  }
}

async function read<T>(target: string, query: string): Promise<T[]> {
  const db = openToRead(target);
  try {
    return (await sql<T>`${sql.raw(query)}`.execute(db)).rows;
  } finally {
    await db.destroy();
  }
}

/**
 * The demo area, with two things a naive copy gets wrong: a theme merged into a newer theme (a row
 * that refers to one written after it) and an id sequence ahead of the largest id (a message was
 * queued and then deleted: its id must never be handed out again).
 */
async function demoFile(file: string): Promise<void> {
  const db = createDb(file);
  try {
    await migrateToLatest(db, () => {});
    await seedDemo(db);
    const themes = await db.selectFrom("themes").select("id").orderBy("id").execute();
    await db
      .updateTable("themes")
      .set({ merged_into: themes.at(-1)!.id })
      .where("id", "=", themes[0].id)
      .execute();
    const at = new Date().toISOString();
    for (const recipient of ["a@example.org", "b@example.org"]) {
      await db.insertInto("outbox").values({ kind: "test", recipient, payload: "{}", created_at: at, next_attempt_at: at }).execute();
    }
    await db.deleteFrom("outbox").execute();
  } finally {
    await closeDb(db);
  }
}

const fileHash = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");

describe("npm run db:copy", () => {
  it("moves the demo area SQLite → PostgreSQL → SQLite through the command, every table equal and no password printed", async () => {
    const original = path.join(folder, "demo.sqlite");
    await demoFile(original);
    const postgres = await emptyPostgres();
    const back = path.join(folder, "demo-back.sqlite");

    const there = await runCli(["db-copy", "--from", original, "--to", postgres]);
    expect(there.stderr).toBe("");
    expect(there.code).toBe(0);
    expect(there.stdout).toMatch(/^table +\| +rows \| checksum ok$/m);
    expect(there.stdout).toMatch(/^responses +\| +\d+ \| yes$/m);
    expect(there.stdout).toContain("every table's rows and checksum match");
    expect(there.stdout).not.toMatch(/ \| NO$/m);

    const home = await runCli(["db-copy", "--from", postgres, "--to", back]);
    expect(home.stderr).toBe("");
    expect(home.code).toBe(0);
    for (const output of [there.stdout, home.stdout]) expect(output).not.toContain(PASSWORD);

    const [a, b, c] = [await checksums(original), await checksums(postgres), await checksums(back)];
    expect([...a.keys()].length).toBeGreaterThan(50);
    expect(a.get("responses")!.rows).toBeGreaterThan(0);
    expect(b).toEqual(a);
    expect(c).toEqual(a);

    // The merged theme points at its newer theme on both engines.
    const merged = await read<{ n: number }>(postgres, "select count(*) as n from themes where merged_into > id");
    expect(Number(merged[0].n)).toBe(1);
    // The deleted messages' ids stay used: the next message gets the third id, on PostgreSQL and back on SQLite.
    const onPostgres = await read<{ n: number }>(postgres, "select pg_sequence_last_value(pg_get_serial_sequence('outbox', 'id')) as n");
    const onSqlite = await read<{ seq: number }>(back, "select seq from sqlite_sequence where name = 'outbox'");
    expect(Number(onPostgres[0].n)).toBe(2);
    expect(onSqlite[0].seq).toBe(2);
    // The new file is one self-contained file, to open anywhere.
    expect(fs.existsSync(`${back}-wal`)).toBe(false);
    expect((await read<{ journal_mode: string }>(back, "pragma journal_mode"))[0].journal_mode).toBe("delete");
  });

  it("moves the 1,000-response bench data to PostgreSQL and back with equal rows in every table", async () => {
    const bench = await ensureDataset({ responses: 1000, out: path.join(folder, "bench-1000.sqlite"), log: () => {} });
    const postgres = await emptyPostgres();
    const back = path.join(folder, "bench-back.sqlite");
    // Small batches, so that every table of any size is read in several and the keyset paging is exercised.
    const there = await copyDatabase({ from: bench, to: postgres, batchRows: 700 });
    expect(there.tables.filter((table) => !table.ok)).toEqual([]);
    expect(there.tables.find((table) => table.table === "answers")!.rows).toBeGreaterThan(5_000);
    const home = await copyDatabase({ from: postgres, to: back });
    expect(home.ok).toBe(true);

    const original = await checksums(bench);
    expect(await checksums(postgres)).toEqual(original);
    expect(await checksums(back)).toEqual(original);
  });

  it("refuses a target that holds data, and changes nothing", async () => {
    const source = path.join(folder, "refusal.sqlite");
    await demoFile(source);

    // A PostgreSQL database a portal has started on holds its starting themes.
    const used = await createTestDatabase();
    made.push(used.name);
    const before = await checksums(used.url);
    expect(before.get("themes")!.rows).toBeGreaterThan(0);
    const refused = await runCli(["db-copy", "--from", source, "--to", used.url]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/already holds data \(.*themes: \d+ rows.*\): db:copy writes only into a new, empty database\. Nothing was copied\./);
    expect(await checksums(used.url)).toEqual(before);

    // A SQLite target is always a new file.
    const existing = path.join(folder, "existing.sqlite");
    fs.copyFileSync(source, existing);
    const hash = fileHash(existing);
    const exists = await runCli(["db-copy", "--from", source, "--to", existing]);
    expect(exists.code).toBe(1);
    expect(exists.stderr).toContain("exists already");
    expect(fileHash(existing)).toBe(hash);
    expect(fs.existsSync(`${existing}.partial`)).toBe(false);
  });

  it("takes a database that holds only what the migrations wrote, but not one whose settings were changed", async () => {
    const source = path.join(folder, "seeds.sqlite");
    await demoFile(source);

    const migrated = await emptyPostgres();
    const db = createDb(migrated);
    await migrateToLatest(db, () => {});
    await db.destroy();
    const report = await copyDatabase({ from: source, to: migrated });
    expect(report.ok).toBe(true);
    // The source's settings replace the ones the migrations wrote.
    expect(await read(migrated, "select key, value from settings order by key")).toEqual(await read(source, "select key, value from settings order by key"));

    const changed = await emptyPostgres();
    const other = createDb(changed);
    await migrateToLatest(other, () => {});
    await other.updateTable("settings").set({ value: "Another area" }).where("key", "=", "organisation_name").execute();
    await other.destroy();
    const before = await checksums(changed);
    await expect(copyDatabase({ from: source, to: changed })).rejects.toThrow(/already holds data \(settings: \d+ rows\)/);
    expect(await checksums(changed)).toEqual(before);
  });

  it("finds a table whose rows changed on the way, says which, and does not keep the copy", async () => {
    const source = path.join(folder, "changed-on-the-way.sqlite");
    await demoFile(source);
    // A trigger on the target alters every theme as it is written: the row count stays, the rows do not.
    const target = await emptyPostgres();
    const db = createDb(target);
    await migrateToLatest(db, () => {});
    await sql`create function mangle_theme() returns trigger language plpgsql as $$ begin new.slug := new.slug || '-changed'; return new; end $$`.execute(db);
    await sql`create trigger mangle_theme before insert on themes for each row execute function mangle_theme()`.execute(db);
    await db.destroy();

    const copied = await runCli(["db-copy", "--from", source, "--to", target]);
    expect(copied.code).toBe(1);
    expect(copied.stdout).toMatch(/^themes +\| +\d+ \| NO$/m);
    expect(copied.stdout).toMatch(/^responses +\| +\d+ \| yes$/m);
    expect(copied.stderr).toMatch(/^themes: the same \d+ rows, but the checksums differ/m);
    expect(copied.stderr).toContain("The copy does not match the source, so it was not kept");
    const sums = await checksums(target);
    expect([...sums].filter(([, sum]) => sum.rows > 0).map(([table]) => table)).toEqual(["settings"]);
  });

  it("puts the target back as it was when a row cannot be written part way through", async () => {
    const source = path.join(folder, "broken.sqlite");
    await demoFile(source);
    // PostgreSQL text cannot hold a NUL character; SQLite's can. The notes come late in the copy.
    const writer = new SQLite(source);
    const response = writer.prepare("select id from responses order by id limit 1").get() as { id: number };
    const user = writer.prepare("select id from users order by id limit 1").get() as { id: number };
    writer
      .prepare("insert into response_notes (response_id, user_id, body, created_at) values (?, ?, ?, ?)")
      .run(response.id, user.id, "a\u0000b", new Date().toISOString());
    writer.close();

    const target = await emptyPostgres();
    const failed = await runCli(["db-copy", "--from", source, "--to", target]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^The copy failed: .*The target is as it was before the copy\.$/m);
    expect(failed.stderr).not.toContain(PASSWORD);

    // Only the migrations' own rows are left, so the next attempt (once the note is mended) is welcome.
    const sums = await checksums(target);
    expect([...sums].filter(([, sum]) => sum.rows > 0).map(([table]) => table)).toEqual(["settings"]);
    const fresh = createDb(":memory:");
    await migrateToLatest(fresh, () => {});
    expect(sums.get("settings")).toEqual((await tableChecksums(fresh)).get("settings"));
    await fresh.destroy();

    const mended = new SQLite(source);
    mended.prepare("update response_notes set body = 'ab' where body = ?").run("a\u0000b");
    mended.close();
    expect((await copyDatabase({ from: source, to: target })).ok).toBe(true);

    // Nor does a failed copy into SQLite leave a file behind.
    fs.rmSync(source);
    const missing = await runCli(["db-copy", "--from", source, "--to", path.join(folder, "never.sqlite")]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`There is no database at ${source}.`);
    expect(fs.readdirSync(folder).filter((name) => name.startsWith("never"))).toEqual([]);
  });
});
