import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, inject } from "vitest";
import { tmpDir } from "./paths";

// A fresh copy of the migrated base database for every test file.
const file = path.join(tmpDir, `test-${randomUUID()}.sqlite`);
fs.copyFileSync(inject("baseDatabase"), file);
process.env.DATABASE_PATH = file;
process.env.NODE_ENV = "test";
globalThis.__portalDb = undefined;

afterAll(async () => {
  await globalThis.__portalDb?.destroy();
  globalThis.__portalDb = undefined;
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
});
