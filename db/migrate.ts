import { Migrator, sql, type Kysely } from "kysely";
import { engineOf } from "./connection";
import { migrations } from "./migrations";

type Log = (message: string) => void;

function migrator(db: Kysely<any>) {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

/** Brings the database to the latest migration; throws (after logging each step) on failure. */
export async function migrateToLatest(db: Kysely<any>, log: Log = console.log): Promise<void> {
  const { error, results } = await migrator(db).migrateToLatest();
  for (const result of results ?? []) {
    if (result.status === "Success") log(`migration "${result.migrationName}" applied`);
    else if (result.status === "Error") log(`migration "${result.migrationName}" failed`);
  }
  if (error) throw error instanceof Error ? error : new Error(String(error));
}

/** The oldest PostgreSQL the portal runs on: 14 has every statement the migrations and queries use, and is the oldest still supported by managed services. */
export const OLDEST_POSTGRES = 14;

/** Why a PostgreSQL of this `server_version_num` (150018 is 15.18) cannot serve the portal, or undefined. */
export function postgresVersionProblem(versionNum: number): string | undefined {
  const major = Math.floor(versionNum / 10_000);
  return major < OLDEST_POSTGRES ? `PostgreSQL ${major} is too old: the portal needs PostgreSQL ${OLDEST_POSTGRES} or newer.` : undefined;
}

/**
 * Why this database cannot serve this build, or undefined when it can: a PostgreSQL older than 14,
 * migrations not yet applied (an older schema: run `npm run db:migrate` first), or migrations this
 * build does not know (a newer build migrated it). Instances sharing PostgreSQL never migrate as
 * they start: the upgrade runs the migrations once, then starts the new instances (docs/deploy.md).
 */
export async function schemaProblem(db: Kysely<any>): Promise<string | undefined> {
  if (engineOf(db) === "postgres") {
    const { rows } = await sql<{ server_version_num: string }>`show server_version_num`.execute(db);
    const problem = postgresVersionProblem(Number(rows[0]?.server_version_num ?? 0));
    if (problem) return problem;
  }
  const known = await migrator(db).getMigrations();
  const pending = known.filter((migration) => !migration.executedAt).map((migration) => migration.name);
  if (pending.length === known.length) {
    return `The database is empty: run "npm run db:migrate" with the same DATABASE_URL to create its tables, then start the portal.`;
  }
  if (pending.length > 0) {
    return `The database is on an older schema: ${pending.length} migration${pending.length === 1 ? " is" : "s are"} not applied (${pending.join(", ")}). Run "npm run db:migrate" with the same DATABASE_URL, then start the portal.`;
  }
  const names = new Set(known.map((migration) => migration.name));
  const applied = await db.selectFrom("kysely_migration").select("name").execute();
  const unknown = applied.map((row: { name: string }) => row.name).filter((name) => !names.has(name));
  if (unknown.length > 0) {
    return `The database has migrations this version of the portal does not know (${unknown.join(", ")}): it was upgraded by a newer version. Run that version, or restore a backup taken before the upgrade.`;
  }
  return undefined;
}
