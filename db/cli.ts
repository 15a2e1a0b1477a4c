// npm run db:migrate | npm run demo:reset | npm run user:create -- --email … --name … [--role …] [--organisation …]
// npm run survey:export -- SLUG > file.json | npm run survey:import -- file.json (or an XLSForm workbook, file.xlsx)
// npm run suggestions:rebuild (theme suggestions learn from every tag given so far)
// npm run backup [-- FILE] (a checked copy, while the portal runs) | npm run restore -- FILE (the portal stopped)
// npm run db:copy -- --from FILE_OR_POSTGRES_URL --to NEW_FILE_OR_EMPTY_POSTGRES_URL (moving an area between SQLite and PostgreSQL)
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { passwordProblem } from "../app/accounts/password.server";
import { NewUserForm } from "../app/accounts/user-form";
import { createUser, findUserByEmail } from "../app/accounts/users.server";
import { databaseTarget, parseEnv, type Env } from "../app/env.server";
import { closeDb, createDb, type DB } from "./connection";
import { migrateToLatest } from "./migrate";
import { migrations } from "./migrations";
import { resetDemo } from "./seed/demo";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { importSurvey } from "../app/surveys/create.server";
import { exportSurvey } from "../app/surveys/export.server";
import { readSurveyUpload } from "../app/surveys/survey-file.server";
import { rebuildAggregates } from "../app/aggregates/rebuild.server";
import { rebuildSuggestionModel } from "../app/moderation/suggestions.server";
import { audit } from "../app/accounts/audit.server";
import { backupDatabase, fileStamp, type CheckedCopy } from "../app/data-protection/backup.server";
import { restoreDatabase } from "../app/data-protection/restore.server";
import { dbCopyCommand } from "./copy-command";
import { backupPostgres, restorePostgres } from "./postgres-backup";

async function surveyExport(db: DB, slug: string | undefined) {
  const survey = slug ? await exportSurvey(db, slug, { history: true }) : undefined;
  if (!survey) throw new Error(`There is no survey "${slug ?? ""}".`);
  process.stdout.write(`${JSON.stringify(survey, null, 2)}\n`);
}

/** Every problem with its exact place, so the person fixing the file knows where to look. */
async function surveyImport(db: DB, file: string | undefined) {
  if (!file) throw new Error("Name the survey file: npm run survey:import -- file.json (or an XLSForm workbook, file.xlsx)");
  const read = await readSurveyUpload(file, await readFile(file));
  if (read.status === "refused") throw new Error(`${file}:\n${read.problems.join("\n")}`);
  const data = read.data;
  // An imported survey starts as a draft: someone opens it when it is ready.
  const result = await importSurvey(db, data);
  if (result.status === "refused") throw new Error(result.problems.join("\n"));
  console.error(`survey "${result.slug}" imported as a draft`);
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    let input = "";
    for await (const chunk of process.stdin) input += chunk;
    return input.replace(/\r?\n$/, "");
  }
  const prompt = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const answer = await prompt.question("Password (at least 12 characters): ");
  prompt.close();
  return answer;
}

async function userCreate(db: DB, args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: "string" },
      name: { type: "string" },
      role: { type: "string", default: "administrator" },
      organisation: { type: "string", default: "council" },
    },
  });
  const password = await readPassword();
  const parsed = NewUserForm.safeParse({ ...values, password });
  if (!parsed.success) throw new Error(`Check --${parsed.error.issues.map((issue) => String(issue.path[0])).join(", --")}`);
  const problem = passwordProblem(password, parsed.data.email);
  if (problem) throw new Error(`That password will not do (${problem}). Use at least 12 characters that are not a common password.`);
  if (await findUserByEmail(db, parsed.data.email)) throw new Error(`There is already a user with the email ${parsed.data.email}.`);
  await createUser(db, parsed.data, null);
  console.log(`${parsed.data.name} (${parsed.data.role}) can now sign in as ${parsed.data.email}.`);
}

const whatItHolds = (copy: CheckedCopy) =>
  `integrity check ok; ${(copy.bytes / 1_048_576).toFixed(1)} MB, ${copy.responses ?? 0} responses${copy.newestResponse ? `, the newest sent at ${copy.newestResponse}` : ""}`;

/** A checked copy of the database, taken while the portal keeps running; by default a new file in BACKUP_DIR. */
async function backup(env: Env, file: string | undefined) {
  if (env.DATABASE_URL) return backupPostgres(env.DATABASE_URL, file ?? path.join(env.BACKUP_DIR, `portal-${fileStamp(new Date())}.dump`));
  const target = file ?? path.join(env.BACKUP_DIR, `portal-${fileStamp(new Date())}.sqlite`);
  const copy = await backupDatabase(env.DATABASE_PATH, target);
  console.log(`Backed up ${env.DATABASE_PATH} to ${target}: ${whatItHolds(copy)}.`);
}

/** Puts a backup in place of DATABASE_PATH, keeping the old file beside it; refused while the portal has the file open. */
async function restore(env: Env, file: string | undefined) {
  if (!file) throw new Error("Name the backup to restore: npm run restore -- FILE");
  if (env.DATABASE_URL) return restorePostgres(env.DATABASE_URL, file);
  const report = await restoreDatabase(env.DATABASE_PATH, file, Object.keys(migrations));
  console.log(`Checked ${file}: ${whatItHolds(report.backup)}.`);
  if (report.keptAs) console.log(`The database that was at ${env.DATABASE_PATH} (${report.replacedResponses ?? 0} responses) is kept as ${report.keptAs}.`);
  console.log(`Restored ${env.DATABASE_PATH} from ${file}. Start the portal: it brings the database up to date as it starts.`);
  // The restored database records where it came from; the restore stands even if this cannot be written.
  const db = createDb(env.DATABASE_PATH);
  try {
    await audit(db, {
      userId: null,
      action: "backup.restored",
      entity: "backup",
      entityId: path.basename(file),
      after: { keptAs: report.keptAs ? path.basename(report.keptAs) : null, responses: report.backup.responses },
    });
  } catch (error) {
    console.error(`The restore is done, but its audit entry could not be written: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await closeDb(db);
  }
}

const [command, ...rest] = process.argv.slice(2);
const env = parseEnv();
// Backup and restore work on the file itself: they never migrate it, and restore must not open it.
const fileCommands: Record<string, (env: Env, file: string | undefined) => Promise<void>> = { backup, restore };
if (command === "db-copy") {
  // It opens the two databases it is given, never the one in the environment.
  process.exitCode = await dbCopyCommand(rest);
} else if (command in fileCommands) {
  try {
    await fileCommands[command](env, rest[0]);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)} Nothing was changed.`);
    process.exitCode = 1;
  }
} else {
  const db = createDb(databaseTarget(env));
  try {
    await migrateToLatest(db);
    if (command === "demo-reset") {
      await resetDemo(db);
      console.log(`demo data reset in ${env.DATABASE_URL ? "the PostgreSQL database" : env.DATABASE_PATH}`);
    } else if (command === "user-create") {
      await userCreate(db, rest);
    } else if (command === "survey-export") {
      await surveyExport(db, rest[0]);
    } else if (command === "survey-import") {
      await surveyImport(db, rest[0]);
    } else if (command === "suggestions-rebuild") {
      await rebuildSuggestionModel(db);
      console.log("theme suggestions now learn from every tag given so far");
    } else if (command === "counts-rebuild") {
      await rebuildAggregates(db);
      console.log("every figure counted again from the responses, tags and answers");
    } else if (command !== "migrate") {
      throw new Error(
        `Unknown command "${command}". Use "migrate", "demo-reset", "user-create", "survey-export", "survey-import", "suggestions-rebuild", "counts-rebuild", "backup", "restore" or "db-copy".`,
      );
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  } finally {
    await db.destroy();
  }
}
