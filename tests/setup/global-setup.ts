import fs from "node:fs";
import { createDb } from "../../db/connection";
import { migrateToLatest } from "../../db/migrate";
import { ensureStartingThemes } from "../../db/seed/themes";
import { baseDatabase, tmpDir } from "./paths";

/** Builds one migrated database (with the starting themes); each test file works on a copy. */
export default async function setup() {
  fs.mkdirSync(tmpDir, { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(baseDatabase + suffix, { force: true });
  const db = createDb(baseDatabase);
  await migrateToLatest(db, () => {});
  await ensureStartingThemes(db);
  await db.destroy();
}
