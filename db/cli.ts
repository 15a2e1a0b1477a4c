// npm run db:migrate | npm run demo:reset
import { parseEnv } from "../app/env.server";
import { createDb } from "./connection";
import { migrateToLatest } from "./migrate";
import { resetDemo } from "./seed/demo";

const command = process.argv[2];
const env = parseEnv();
const db = createDb(env.DATABASE_PATH);
try {
  await migrateToLatest(db);
  if (command === "demo-reset") {
    await resetDemo(db);
    console.log(`demo data reset in ${env.DATABASE_PATH}`);
  } else if (command !== "migrate") {
    throw new Error(`Unknown command "${command}". Use "migrate" or "demo-reset".`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
