import path from "node:path";
import { audit } from "../app/accounts/audit.server";
import { dumpDatabase, restoreDump, type CheckedDump } from "../app/data-protection/postgres-backup.server";
import { createDb } from "./connection";
import { migrations } from "./migrations";
import { describeDatabase } from "./where";

// npm run backup and npm run restore when DATABASE_URL names PostgreSQL (db/cli.ts sends them here).

const whatItHolds = (dump: CheckedDump) =>
  `${(dump.bytes / 1_048_576).toFixed(1)} MB, ${dump.tables} tables, ${dump.responses ?? 0} responses${dump.newestResponse ? `, the newest sent at ${dump.newestResponse}` : ""}`;

/** A checked pg_dump of the database, taken while the portal keeps running. */
export async function backupPostgres(url: string, file: string): Promise<void> {
  const dump = await dumpDatabase(url, file);
  console.log(`Backed up ${describeDatabase(url)} to ${file} (pg_dump, custom format; pg_restore read all of it back): ${whatItHolds(dump)}.`);
}

/** Restores a pg_dump into the empty database DATABASE_URL names, and records it in the restored audit log. */
export async function restorePostgres(url: string, file: string): Promise<void> {
  const restored = await restoreDump(url, file, Object.keys(migrations));
  console.log(`Restored ${describeDatabase(url)} from ${file}: ${whatItHolds(restored)}.`);
  if (restored.migrations.length < Object.keys(migrations).length) {
    console.log(`The backup is from an older version of the portal: run "npm run db:migrate" with the same DATABASE_URL, then start the portal.`);
  } else {
    console.log("Start the portal.");
  }
  const db = createDb(url, { poolSize: 1 });
  try {
    await audit(db, {
      userId: null,
      action: "backup.restored",
      entity: "backup",
      entityId: path.basename(file),
      after: { keptAs: null, responses: restored.responses },
    });
  } catch (error) {
    console.error(`The restore is done, but its audit entry could not be written: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await db.destroy();
  }
}
