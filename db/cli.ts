// npm run db:migrate | npm run demo:reset | npm run user:create -- --email … --name … [--role …] [--organisation …]
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { passwordProblem } from "../app/accounts/password.server";
import { NewUserForm } from "../app/accounts/user-form";
import { createUser, findUserByEmail } from "../app/accounts/users.server";
import { parseEnv } from "../app/env.server";
import { createDb, type DB } from "./connection";
import { migrateToLatest } from "./migrate";
import { resetDemo } from "./seed/demo";

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

const [command, ...rest] = process.argv.slice(2);
const env = parseEnv();
const db = createDb(env.DATABASE_PATH);
try {
  await migrateToLatest(db);
  if (command === "demo-reset") {
    await resetDemo(db);
    console.log(`demo data reset in ${env.DATABASE_PATH}`);
  } else if (command === "user-create") {
    await userCreate(db, rest);
  } else if (command !== "migrate") {
    throw new Error(`Unknown command "${command}". Use "migrate", "demo-reset" or "user-create".`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
