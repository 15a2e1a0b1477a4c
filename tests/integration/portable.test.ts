import { sql } from "kysely";
import { getDb } from "~/db.server";
import { audit } from "~/accounts/audit.server";
import { consume } from "~/utils/rate-limit.server";
import { engineOf, isDatabaseUnavailable } from "../../db/connection";

/**
 * The named helpers where SQLite and PostgreSQL differ (db/migrations/portable.ts, db/connection.ts),
 * checked on whichever engine this project runs: the unit project on SQLite, the postgres project on
 * PostgreSQL. What the app reads must come out the same on both.
 */
const db = () => getDb();
const expectedEngine = process.env.TEST_ENGINE === "postgres" ? "postgres" : "sqlite";

describe(`the engine's twins (${expectedEngine})`, () => {
  it("runs on the engine the project names", () => {
    expect(engineOf(db())).toBe(expectedEngine);
  });

  it("gives new rows increasing ids, and writes the time as ISO 8601 text in UTC with milliseconds", async () => {
    const first = await db().insertInto("themes").values({ slug: "portable-one" }).returning(["id", "created_at"]).executeTakeFirstOrThrow();
    const second = await db().insertInto("themes").values({ slug: "portable-two" }).returning("id").executeTakeFirstOrThrow();
    expect(typeof first.id).toBe("number");
    expect(second.id).toBeGreaterThan(first.id);
    expect(first.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(Math.abs(Date.parse(first.created_at) - Date.now())).toBeLessThan(60_000);
  });

  it("reads counts and sums as numbers, not strings", async () => {
    const row = await db()
      .selectFrom("themes")
      .select((eb) => [eb.fn.countAll().as("n"), eb.fn.sum("id").as("total"), eb.fn.avg("id").as("mean")])
      .executeTakeFirstOrThrow();
    expect(typeof row.n).toBe("number");
    expect(typeof row.total).toBe("number");
    expect(typeof row.mean).toBe("number");
  });

  it("reads `in` an empty list as nothing and `not in` an empty list as everything, on both engines", async () => {
    const all = await db().selectFrom("themes").select("id").execute();
    expect(await db().selectFrom("themes").select("id").where("id", "in", []).execute()).toEqual([]);
    expect(await db().selectFrom("themes").select("id").where("id", "not in", []).execute()).toHaveLength(all.length);
    await db().updateTable("themes").set({ retired_at: "2026-01-01T00:00:00.000Z" }).where("id", "in", []).execute();
    expect(await db().selectFrom("themes").select("id").where("retired_at", "is not", null).execute()).toEqual([]);
  });

  it("keeps the audit log append-only: no change, and no deletion of an entry less than a year old", async () => {
    await audit(db(), { userId: null, action: "portable.recent", entity: "test" });
    await audit(db(), { userId: null, action: "portable.old", entity: "test" }, new Date(Date.now() - 400 * 86_400_000));
    await expect(db().updateTable("audit_log").set({ action: "changed" }).where("action", "=", "portable.recent").execute()).rejects.toThrow(/append-only/);
    await expect(db().deleteFrom("audit_log").where("action", "=", "portable.recent").execute()).rejects.toThrow(/append-only/);
    await db().deleteFrom("audit_log").where("action", "=", "portable.old").execute();
    const left = await db().selectFrom("audit_log").select("action").where("action", "like", "portable.%").execute();
    expect(left.map((row) => row.action)).toEqual(["portable.recent"]);
  });

  it("lets a survey be for both audiences, and nothing else", async () => {
    const base = { status: "draft", estimated_minutes: 5 } as const;
    await db()
      .insertInto("surveys")
      .values({ ...base, slug: "portable-both", audience: "both" })
      .execute();
    await expect(
      db()
        .insertInto("surveys")
        .values({ ...base, slug: "portable-nobody", audience: "nobody" as "both" })
        .execute(),
    ).rejects.toThrow(/check/i);
  });

  it("counts rate-limited attempts in the database, over the engine's own store", async () => {
    const key = `portable-${Date.now()}`;
    for (let attempt = 0; attempt < 10; attempt++) expect(await consume("resume", key)).toBe(0);
    expect(await consume("resume", key)).toBeGreaterThan(0);
    const stored = await db().selectFrom("rate_limits").select("points").where("key", "=", `resume:${key}`).executeTakeFirstOrThrow();
    expect(Number(stored.points)).toBe(11);
  });

  it("tells a database that cannot be reached from a query that is wrong", async () => {
    const wrong = await sql`select no_such_column from themes`.execute(db()).catch((error: unknown) => error);
    expect(isDatabaseUnavailable(wrong)).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
  });
});
