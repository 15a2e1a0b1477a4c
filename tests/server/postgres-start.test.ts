import { Migrator } from "kysely";
import { inject } from "vitest";
import { createDb } from "../../db/connection";
import { migrations } from "../../db/migrations";
import { adminQuery, databaseUrl } from "../support/postgres";
import { startServer } from "../support/server";

/**
 * An instance on PostgreSQL never migrates as it starts (docs/deploy.md): it refuses to start, with
 * one line that names the problem and the way out, when the database cannot serve this build.
 */
const names = Object.keys(migrations);

async function emptyDatabase(): Promise<string> {
  const name = `start_${Math.random().toString(36).slice(2)}`;
  await adminQuery(inject("postgresAdminUrl"), `create database "${name}"`);
  return databaseUrl(inject("postgresAdminUrl"), name);
}

async function refusal(databaseUrl: string): Promise<string> {
  const error = await startServer({ databaseUrl }).then(
    async (server) => {
      await server.stop();
      return undefined;
    },
    (failure: unknown) => failure as Error,
  );
  expect(error, "the server started").toBeDefined();
  expect(error!.message).toContain("server exited early");
  // The one line the server wrote before it stopped (pino's JSON, level 60 = fatal).
  const fatal = error!.message
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as { level: number; msg: string })
    .find((line) => line.level === 60);
  expect(fatal?.msg).toMatch(/^The portal did not start\. /);
  return fatal!.msg;
}

describe("an instance on PostgreSQL refuses to start on a database it cannot serve", () => {
  it("names the server, without the password, when it cannot connect", async () => {
    const url = new URL(databaseUrl(inject("postgresAdminUrl"), "portal"));
    url.port = "1"; // nothing listens there
    url.password = "s3cret-in-the-url";
    const message = await refusal(url.toString());
    expect(message).toContain('Cannot use the PostgreSQL database "portal" on 127.0.0.1:1 as portal');
    expect(message).toContain("Check DATABASE_URL");
    expect(message).not.toContain("s3cret-in-the-url");
  });

  it("asks for the migrations on an empty database, and names those missing on an older one", async () => {
    const url = await emptyDatabase();
    expect(await refusal(url)).toContain('The database is empty: run "npm run db:migrate"');

    const db = createDb(url);
    try {
      const { error } = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateTo(names.at(-2)!);
      expect(error).toBeUndefined();
    } finally {
      await db.destroy();
    }
    const message = await refusal(url);
    expect(message).toContain(`The database is on an older schema: 1 migration is not applied (${names.at(-1)})`);
    expect(message).toContain('Run "npm run db:migrate" with the same DATABASE_URL');
  });

  it("refuses a database a newer version of the portal has migrated", async () => {
    const url = await emptyDatabase();
    const db = createDb(url);
    try {
      await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateToLatest();
      await db
        .insertInto("kysely_migration" as never)
        .values({ name: "2099-01-01-01-future", timestamp: new Date().toISOString() } as never)
        .execute();
    } finally {
      await db.destroy();
    }
    expect(await refusal(url)).toContain("migrations this version of the portal does not know (2099-01-01-01-future)");
  });
});
