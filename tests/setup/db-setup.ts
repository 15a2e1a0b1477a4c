import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, inject } from "vitest";
import { createDatabaseFrom, dropDatabase } from "../support/postgres";
import { tmpDir } from "./paths";

// A fresh copy of the migrated base database for every test file: a SQLite file, or (in the
// postgres project) a PostgreSQL database made from the migrated template.
const onPostgres = process.env.TEST_ENGINE === "postgres";
const name = `test_${randomUUID().replaceAll("-", "")}`;
const file = path.join(tmpDir, `${name}.sqlite`);
if (onPostgres) {
  process.env.DATABASE_URL = await createDatabaseFrom(inject("postgresAdminUrl"), inject("postgresTemplate"), name);
} else {
  fs.copyFileSync(inject("baseDatabase"), file);
  process.env.DATABASE_PATH = file;
}
process.env.NODE_ENV = "test";
globalThis.__portalDb = undefined;

afterAll(async () => {
  await globalThis.__portalDb?.destroy();
  globalThis.__portalDb = undefined;
  if (onPostgres) await dropDatabase(inject("postgresAdminUrl"), name);
  else for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
});
