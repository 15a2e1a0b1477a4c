import fs from "node:fs";
import path from "node:path";
import { Migrator } from "kysely";
import { createDb } from "../../db/connection";
import { migrateToLatest } from "../../db/migrate";
import { migrations } from "../../db/migrations";
import { tmpDir } from "../setup/paths";

describe("migrations", () => {
  it("run up on an empty file with WAL and foreign keys on, and all the way down again", async () => {
    const file = path.join(tmpDir, `migrations-${process.pid}.sqlite`);
    fs.rmSync(file, { force: true });
    const db = createDb(file);
    const log: string[] = [];
    await migrateToLatest(db, (line) => log.push(line));
    expect(log).toEqual(Object.keys(migrations).map((name) => `migration "${name}" applied`));

    const tables = await db.introspection.getTables();
    expect(tables.map((table) => table.name)).toEqual(expect.arrayContaining(["surveys", "questions", "drafts", "responses", "answers"]));

    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    for (let i = 0; i < Object.keys(migrations).length; i++) {
      const { error } = await migrator.migrateDown();
      expect(error).toBeUndefined();
    }
    const left = (await db.introspection.getTables()).map((table) => table.name);
    expect(left.filter((name) => !name.startsWith("kysely_"))).toEqual([]);
    await db.destroy();

    const raw = new (await import("better-sqlite3")).default(file);
    expect(raw.pragma("journal_mode", { simple: true })).toBe("wal");
    raw.close();
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  });
});
