import { Migrator, type Kysely } from "kysely";
import { migrations } from "./migrations";

type Log = (message: string) => void;

/** Brings the database to the latest migration; throws (after logging each step) on failure. */
export async function migrateToLatest(db: Kysely<any>, log: Log = console.log): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  for (const result of results ?? []) {
    if (result.status === "Success") log(`migration "${result.migrationName}" applied`);
    else if (result.status === "Error") log(`migration "${result.migrationName}" failed`);
  }
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
