import path from "node:path";
import type { TestProject } from "vitest/node";
import { createDb } from "../../db/connection";
import { migrateToLatest } from "../../db/migrate";
import { ensureStartingThemes } from "../../db/seed/themes";
import { adminQuery, databaseUrl, startTestPostgres } from "../support/postgres";
import { tmpDir } from "./paths";

declare module "vitest" {
  export interface ProvidedContext {
    postgresAdminUrl: string;
    postgresTemplate: string;
  }
}

/**
 * The PostgreSQL half of the database tests: a server for this run, and one migrated database (with
 * the starting themes) that each test file copies, as the SQLite half copies its base file.
 */
export default async function setup(project: TestProject) {
  const server = await startTestPostgres(path.join(tmpDir, `postgres-${project.name}-${process.pid}`));
  const template = `portal_base_${process.pid}`;
  await adminQuery(server.adminUrl, `drop database if exists "${template}"`);
  await adminQuery(server.adminUrl, `create database "${template}"`);
  const db = createDb(databaseUrl(server.adminUrl, template));
  await migrateToLatest(db, () => {});
  await ensureStartingThemes(db);
  await db.destroy();
  project.provide("postgresAdminUrl", server.adminUrl);
  project.provide("postgresTemplate", template);
  return () => server.stop();
}
