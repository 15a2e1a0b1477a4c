import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { inject } from "vitest";
import { backupIfDue, nightlyBackups } from "../../app/data-protection/backup.server";
import { saveSettings } from "../../app/settings.server";
import { createDb } from "../../db/connection";
import { copyDatabase, tableChecksums } from "../../db/copy";
import { seedDemo } from "../../db/seed/demo";
import { tmpDir } from "../setup/paths";
import { runCli } from "../support/cli";
import { adminQuery, createTestDatabase, databaseUrl, dropDatabase } from "../support/postgres";

/**
 * `npm run backup` and `npm run restore` when DATABASE_URL names PostgreSQL: a pg_dump checked by
 * pg_restore, restored into an empty database only; and the nightly backup through the same code.
 */
const folder = path.join(tmpDir, `postgres-backup-${randomUUID()}`);
const made: string[] = [];
/** The test server trusts every connection, so this password is never checked: it is here to be kept out of every message. */
const PASSWORD = "never-print-me-91c2";

beforeAll(() => fs.mkdirSync(folder, { recursive: true }));
afterAll(async () => {
  for (const name of made) await dropDatabase(inject("postgresAdminUrl"), name);
  fs.rmSync(folder, { recursive: true, force: true });
});

const withPassword = (url: string) => {
  const address = new URL(url);
  address.password = PASSWORD;
  return address.toString();
};

async function emptyPostgres(): Promise<string> {
  const name = `restore_${randomUUID().replaceAll("-", "")}`;
  await adminQuery(inject("postgresAdminUrl"), `create database "${name}"`);
  made.push(name);
  return withPassword(databaseUrl(inject("postgresAdminUrl"), name));
}

/** A PostgreSQL database holding the demo area. */
async function demoPostgres(): Promise<string> {
  const { url, name } = await createTestDatabase();
  made.push(name);
  const db = createDb(url);
  await seedDemo(db);
  await db.destroy();
  return withPassword(url);
}

async function checksums(url: string) {
  const db = createDb(url, { poolSize: 2 });
  try {
    return await tableChecksums(db);
  } finally {
    await db.destroy();
  }
}

async function lastAudit(url: string) {
  const db = createDb(url, { poolSize: 1 });
  try {
    return await db.selectFrom("audit_log").select(["action", "entity_id", "after"]).orderBy("id", "desc").executeTakeFirstOrThrow();
  } finally {
    await db.destroy();
  }
}

describe("backups on PostgreSQL", () => {
  it("backs up with pg_dump, refuses to restore over a database with tables, and restores into an empty one with the same rows", async () => {
    const source = await demoPostgres();
    const file = path.join(folder, "portal.dump");

    const backup = await runCli(["backup", file], { DATABASE_URL: source });
    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(
      /^Backed up PostgreSQL database "test_\w+" on 127\.0\.0\.1:\d+ as portal to .*portal\.dump \(pg_dump, custom format; .*\d+ responses/,
    );
    expect(backup.stdout).not.toContain(PASSWORD);
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe("PGDMP");
    expect(fs.existsSync(`${file}.partial`)).toBe(false);
    const again = await runCli(["backup", file], { DATABASE_URL: source });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("exists already: name a new file.");

    const before = await checksums(source);
    const refused = await runCli(["restore", file], { DATABASE_URL: source });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/is not empty \(it has .*\): a restore goes into an empty database only\. .*Nothing was changed\./);
    expect(refused.stderr).not.toContain(PASSWORD);
    expect(await checksums(source)).toEqual(before);

    const empty = await emptyPostgres();
    const restored = await runCli(["restore", file], { DATABASE_URL: empty });
    expect(restored.stderr).toBe("");
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain("Start the portal.");
    const after = await checksums(empty);
    // Every table as it was in the backup, but the audit log, which records the restore itself.
    const auditLog = (sums: typeof before) => new Map([...sums].filter(([table]) => table !== "audit_log"));
    expect(auditLog(after)).toEqual(auditLog(before));
    expect(after.get("audit_log")!.rows).toBe(before.get("audit_log")!.rows + 1);
    expect(await lastAudit(empty)).toMatchObject({ action: "backup.restored", entity_id: "portal.dump" });
    // The ids go on from where they were: a new response on the restored database does not take an old one's id.
    const db = createDb(empty, { poolSize: 1 });
    const newest = await db
      .selectFrom("responses")
      .select((eb) => eb.fn.max("id").as("id"))
      .executeTakeFirstOrThrow();
    const { rows } = await sql<{ n: number }>`select nextval(pg_get_serial_sequence('responses', 'id')) as n`.execute(db);
    await db.destroy();
    expect(rows[0].n).toBe(Number(newest.id) + 1);
  });

  it("refuses a file that is not a portal's dump, and one made by a newer version", async () => {
    const empty = await emptyPostgres();
    const junk = path.join(folder, "junk.dump");
    fs.writeFileSync(junk, "not a dump");
    const notADump = await runCli(["restore", junk], { DATABASE_URL: empty });
    expect(notADump.code).toBe(1);
    expect(notADump.stderr).toContain("is not a dump pg_restore can read");

    const newer = await demoPostgres();
    const db = createDb(newer, { poolSize: 1 });
    await sql`insert into kysely_migration (name, timestamp) values ('2099-01-01-01-future', ${new Date().toISOString()})`.execute(db);
    await db.destroy();
    const file = path.join(folder, "newer.dump");
    expect((await runCli(["backup", file], { DATABASE_URL: newer })).code).toBe(0);
    const refused = await runCli(["restore", file], { DATABASE_URL: empty });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("newer version of the portal (it has 2099-01-01-01-future)");
    expect((await checksums(empty)).size).toBe(0);
  });

  it("takes the nightly backup through the same job as on SQLite, and logs a failure without the password", async () => {
    const url = await demoPostgres();
    const nightly = path.join(folder, "nightly");
    const db = createDb(url, { poolSize: 2 });
    try {
      await saveSettings(db, { backup_nightly: "on" });
      await backupIfDue(db, url, nightly, { now: new Date("2028-03-01T02:30:00.000Z") });
      expect(nightlyBackups(nightly)).toEqual(["nightly-2028-03-01T02-30-00Z.dump"]);
      const taken = await lastAudit(url);
      expect(taken).toMatchObject({ action: "backup.nightly", entity_id: "nightly-2028-03-01T02-30-00Z.dump" });
      const responses = await db
        .selectFrom("responses")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow();
      expect(JSON.parse(taken.after ?? "{}")).toMatchObject({ responses: Number(responses.n) });

      // The dump is a whole database: it restores, and db:copy finds it equal to a copy of the source.
      const restored = await emptyPostgres();
      expect((await runCli(["restore", path.join(nightly, "nightly-2028-03-01T02-30-00Z.dump")], { DATABASE_URL: restored })).code).toBe(0);
      expect((await checksums(restored)).get("answers")).toEqual((await checksums(url)).get("answers"));
      const copy = path.join(folder, "from-the-nightly.sqlite");
      expect((await copyDatabase({ from: restored, to: copy })).ok).toBe(true);

      const missing = withPassword(databaseUrl(inject("postgresAdminUrl"), "no_such_database"));
      const logged: string[] = [];
      await backupIfDue(db, missing, nightly, { now: new Date("2028-03-02T02:10:00.000Z"), log: (line) => logged.push(line) });
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatch(/^nightly backup: Cannot reach PostgreSQL database "no_such_database" on 127\.0\.0\.1:\d+ as portal: /);
      expect(logged[0]).not.toContain(PASSWORD);
      const failed = await lastAudit(url);
      expect(failed.action).toBe("backup.nightly_failed");
      expect(failed.after).not.toContain(PASSWORD);
      expect(nightlyBackups(nightly)).toEqual(["nightly-2028-03-01T02-30-00Z.dump"]);
    } finally {
      await db.destroy();
    }
  });
});
