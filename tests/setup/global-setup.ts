import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createDb } from "../../db/connection";
import { migrateToLatest } from "../../db/migrate";
import { ensureStartingThemes } from "../../db/seed/themes";
import { tmpDir } from "./paths";

declare module "vitest" {
  export interface ProvidedContext {
    baseDatabase: string;
  }
}

/**
 * Builds one migrated database (with the starting themes); each test file works on a copy. It is
 * named for this run, so two runs at once (two people, or a watch and a full run) never share it.
 */
export default async function setup(project: TestProject) {
  fs.mkdirSync(tmpDir, { recursive: true });
  const baseDatabase = path.join(tmpDir, `base-${process.pid}.sqlite`);
  const remove = () => {
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(baseDatabase + suffix, { force: true });
  };
  remove();
  const db = createDb(baseDatabase);
  await migrateToLatest(db, () => {});
  await ensureStartingThemes(db);
  await db.destroy();
  project.provide("baseDatabase", baseDatabase);
  return remove;
}
