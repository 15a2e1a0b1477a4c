import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import SQLite from "better-sqlite3";
import { backupDatabase, backupIfDue, checkDatabaseFile, nightlyBackups, removeDatabaseFile } from "~/data-protection/backup.server";
import { DatabaseInUse, restoreDatabase } from "~/data-protection/restore.server";
import { getDb } from "~/db.server";
import { saveSettings } from "~/settings.server";
import { closeDb, createDb } from "../../db/connection";
import { migrations } from "../../db/migrations";
import { createParentSurvey, createResponse } from "../support/factories";
import { tmpDir } from "../setup/paths";

const db = () => getDb();
const live = () => process.env.DATABASE_PATH!;
const known = Object.keys(migrations);
const folder = path.join(tmpDir, `backups-${randomUUID()}`);
const file = (name: string) => path.join(folder, name);
const answers = { "support-type": "ehc_plan", "one-change": "More speech therapy." };

function read<T>(database: string, query: string): T {
  const sqlite = new SQLite(database, { readonly: true, fileMustExist: true });
  try {
    return sqlite.prepare(query).get() as T;
  } finally {
    sqlite.close();
  }
}
const responsesIn = (database: string) => read<{ n: number }>(database, "select count(*) as n from responses").n;

beforeAll(() => fs.mkdirSync(folder, { recursive: true }));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

describe("a backup", () => {
  it("copies the database while it is written to, checks the copy and leaves one self-contained file", async () => {
    const slug = await createParentSurvey(db());
    for (let i = 0; i < 5; i++) await createResponse(db(), slug, answers);
    const before = responsesIn(live());
    const writing = (async () => {
      for (let i = 0; i < 40; i++) await createResponse(db(), slug, answers);
    })();
    const copy = await backupDatabase(live(), file("during-writes.sqlite"));
    await writing;

    expect(copy.problems).toEqual([]);
    expect(copy.responses).toBeGreaterThanOrEqual(before);
    expect(copy.responses).toBeLessThanOrEqual(before + 40);
    expect(copy.migrations).toEqual(known);
    expect(fs.readdirSync(folder).filter((name) => name.startsWith("during-writes"))).toEqual(["during-writes.sqlite"]);
    expect(read<{ journal_mode: string }>(file("during-writes.sqlite"), "pragma journal_mode").journal_mode).toBe("delete");
    expect((await checkDatabaseFile(file("during-writes.sqlite"))).problems).toEqual([]);
  });

  it("never overwrites a file", async () => {
    await expect(backupDatabase(live(), file("during-writes.sqlite"))).rejects.toThrow(/exists already/);
  });
});

describe("a restore", () => {
  it("is refused while another connection has the database open, changing nothing", async () => {
    await backupDatabase(live(), file("for-refusal.sqlite"));
    const listing = fs.readdirSync(path.dirname(live())).filter((name) => name.startsWith(path.basename(live())));
    await expect(restoreDatabase(live(), file("for-refusal.sqlite"), known)).rejects.toThrow(DatabaseInUse);
    expect(fs.readdirSync(path.dirname(live())).filter((name) => name.startsWith(path.basename(live())))).toEqual(listing);
    expect(await db().selectFrom("surveys").select("id").execute()).not.toHaveLength(0);
  });

  it("puts a backup in place, keeping the database that was there beside it", async () => {
    const backup = file("to-restore.sqlite");
    await backupDatabase(live(), backup);
    const target = file("portal.sqlite");

    const first = await restoreDatabase(target, backup, known);
    expect(first.keptAs).toBeNull();
    expect(responsesIn(target)).toBe(first.backup.responses);

    // Something happens after the restore; a second restore keeps it in the file set aside.
    const restored = createDb(target);
    await restored.insertInto("settings").values({ key: "marker", value: "written after the first restore" }).execute();
    await closeDb(restored);
    const second = await restoreDatabase(target, backup, known, new Date("2027-01-02T03:04:05.000Z"));
    expect(second.keptAs).toBe(`${target}.before-restore-2027-01-02T03-04-05Z`);
    expect(read<{ value: string }>(second.keptAs!, "select value from settings where key = 'marker'").value).toBe("written after the first restore");
    expect(read<{ value: string } | undefined>(target, "select value from settings where key = 'marker'")).toBeUndefined();
    expect(read<{ integrity_check: string }>(target, "pragma integrity_check").integrity_check).toBe("ok");
    expect(fs.readdirSync(folder).filter((name) => name.includes("restoring"))).toEqual([]);
  });

  it("refuses a file that is not a sound portal database, or one from a newer version", async () => {
    const target = file("untouched.sqlite");
    fs.writeFileSync(file("junk.sqlite"), Buffer.alloc(8192, 7));
    await expect(restoreDatabase(target, file("junk.sqlite"), known)).rejects.toThrow();
    await expect(restoreDatabase(target, file("missing.sqlite"), known)).rejects.toThrow(/There is no file/);

    await backupDatabase(live(), file("newer.sqlite"));
    const newer = new SQLite(file("newer.sqlite"));
    newer.prepare("insert into kysely_migration (name, timestamp) values (?, ?)").run("2099-01-01-01-future", new Date().toISOString());
    newer.close();
    await expect(restoreDatabase(target, file("newer.sqlite"), known)).rejects.toThrow(/newer version of the portal \(it has 2099-01-01-01-future\)/);
    expect(fs.existsSync(target)).toBe(false);
    expect(fs.readdirSync(folder).filter((name) => name.startsWith("untouched"))).toEqual([]);
  });
});

describe("the nightly backup", () => {
  const nightly = path.join(folder, "nightly");
  const night = new Date("2028-03-01T02:30:00.000Z");

  it("runs only when switched on, once a night, keeps the newest seven and logs each in the audit log", async () => {
    fs.mkdirSync(nightly, { recursive: true });
    for (let day = 1; day <= 8; day++) fs.writeFileSync(path.join(nightly, `nightly-2028-02-${String(day).padStart(2, "0")}T02-00-00Z.sqlite`), "old");
    fs.writeFileSync(path.join(nightly, "portal-by-hand.sqlite"), "kept");

    await saveSettings(db(), { backup_nightly: "off" });
    await backupIfDue(db(), live(), nightly, { now: night });
    expect(nightlyBackups(nightly)).toHaveLength(8);

    await saveSettings(db(), { backup_nightly: "on" });
    await backupIfDue(db(), live(), nightly, { now: new Date("2028-03-01T01:59:00.000Z") });
    expect(nightlyBackups(nightly)).toHaveLength(8);
    await backupIfDue(db(), live(), nightly, { now: night });
    await backupIfDue(db(), live(), nightly, { now: new Date("2028-03-01T03:30:00.000Z") });

    expect(nightlyBackups(nightly)).toEqual([
      "nightly-2028-03-01T02-30-00Z.sqlite",
      ...[8, 7, 6, 5, 4, 3].map((day) => `nightly-2028-02-0${day}T02-00-00Z.sqlite`),
    ]);
    expect(fs.existsSync(path.join(nightly, "portal-by-hand.sqlite"))).toBe(true);
    expect((await checkDatabaseFile(path.join(nightly, "nightly-2028-03-01T02-30-00Z.sqlite"))).problems).toEqual([]);
    const entries = await db().selectFrom("audit_log").select(["entity_id", "after", "user_id"]).where("action", "=", "backup.nightly").execute();
    expect(entries).toHaveLength(1);
    expect(entries[0].entity_id).toBe("nightly-2028-03-01T02-30-00Z.sqlite");
    expect(JSON.parse(entries[0].after ?? "{}").removed).toEqual(["nightly-2028-02-02T02-00-00Z.sqlite", "nightly-2028-02-01T02-00-00Z.sqlite"]);
    await saveSettings(db(), { backup_nightly: "off" });
  });

  it("logs a failure and tries again the next night", async () => {
    await saveSettings(db(), { backup_nightly: "on" });
    const missing = path.join(folder, "no-such-database.sqlite");
    const logged: string[] = [];
    await backupIfDue(db(), missing, path.join(folder, "failing"), { now: new Date("2028-04-01T02:10:00.000Z"), log: (line) => logged.push(line) });
    expect(logged).toEqual([`nightly backup: There is no database at ${missing}.`]);
    const failed = await db().selectFrom("audit_log").select("after").where("action", "=", "backup.nightly_failed").executeTakeFirstOrThrow();
    expect(JSON.parse(failed.after ?? "{}").problem).toContain("There is no database");
    removeDatabaseFile(missing);
    await saveSettings(db(), { backup_nightly: "off" });
  });
});
