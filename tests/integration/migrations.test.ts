import fs from "node:fs";
import path from "node:path";
import { Migrator, sql } from "kysely";
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

describe("the audience-per-response migration", () => {
  it("rebuilds surveys without losing or cascading a row, and gives every response and draft its survey's audience", async () => {
    const file = path.join(tmpDir, `migrations-audience-${process.pid}.sqlite`);
    fs.rmSync(file, { force: true });
    const db = createDb(file);
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo("2026-12-04-06-update-translations")).error).toBeUndefined();

    const survey = async (slug: string, audience: string) =>
      (
        await db
          .insertInto("surveys")
          .values({ slug, audience: audience as "parent_carer", status: "open", estimated_minutes: 5 })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    const young = await survey("young", "young_person");
    const parents = await survey("parents", "parent_carer");
    for (const id of [young, parents]) {
      await db.insertInto("survey_translations").values({ survey_id: id, lang: "en", title: "T", summary: "S", description: "D" }).execute();
      const response = await sql<{
        id: number;
      }>`insert into responses (survey_id, reference, lang, quote_consent, submitted_at) values (${id}, ${`REF${id}`}, 'en', 0, '2026-01-01T00:00:00.000Z') returning id`.execute(
        db,
      );
      await sql`insert into drafts (survey_id, token_hash, lang, updated_at, expires_at, response_id) values (${id}, ${`token${id}`}, 'en', 'x', '2099-01-01', ${response.rows[0].id})`.execute(
        db,
      );
    }
    const counts = async () => {
      const rows = await sql<{
        name: string;
        n: number;
      }>`select 'surveys' as name, count(*) as n from surveys union all select 'survey_translations', count(*) from survey_translations union all select 'responses', count(*) from responses union all select 'drafts', count(*) from drafts`.execute(
        db,
      );
      return Object.fromEntries(rows.rows.map((row) => [row.name, Number(row.n)]));
    };
    const before = await counts();

    expect((await migrator.migrateTo("2026-12-05-01-audience-per-response")).error).toBeUndefined();
    expect(await counts()).toEqual(before);
    const audiences = await sql<{
      slug: string;
      response: string;
      draft: string;
    }>`select s.slug, r.audience as response, d.audience as draft from surveys s join responses r on r.survey_id = s.id join drafts d on d.survey_id = s.id order by s.slug`.execute(
      db,
    );
    expect(audiences.rows).toEqual([
      { slug: "parents", response: "parent_carer", draft: "parent_carer" },
      { slug: "young", response: "young_person", draft: "young_person" },
    ]);

    // The new check allows "both" and nothing else; foreign keys are on again and still cascade.
    await db.updateTable("surveys").set({ audience: "both" }).where("id", "=", parents).execute();
    await expect(
      db
        .updateTable("surveys")
        .set({ audience: "teachers" as "both" })
        .where("id", "=", parents)
        .execute(),
    ).rejects.toThrow(/CHECK/);
    await expect(
      sql`insert into survey_translations (survey_id, lang, title, summary, description) values (999, 'en', 'T', 'S', 'D')`.execute(db),
    ).rejects.toThrow(/FOREIGN KEY/);
    await db.deleteFrom("drafts").where("survey_id", "=", young).execute();
    await db.deleteFrom("responses").where("survey_id", "=", young).execute();
    await db.deleteFrom("surveys").where("id", "=", young).execute();
    expect(await db.selectFrom("survey_translations").select("survey_id").execute()).toEqual([{ survey_id: parents }]);
    await db.destroy();
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  });
});
