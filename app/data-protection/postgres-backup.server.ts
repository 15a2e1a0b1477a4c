import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { describeDatabase, withoutPasswords } from "../../db/where";

/**
 * Backups on PostgreSQL (docs/decisions/027-moving-an-area.md): PostgreSQL's own `pg_dump`, in its
 * custom format, checked by reading it back with `pg_restore`; a restore goes into an empty database
 * only. The password reaches the tools through their environment (PGPASSWORD), never their command
 * line, where any user of the machine could read it.
 */
export interface CheckedDump {
  bytes: number;
  /** What the dump holds, read in the same snapshot pg_dump copied. */
  responses: number | null;
  newestResponse: string | null;
  migrations: string[];
  tables: number;
}

const execFileAsync = promisify(execFile);

/** pg_dump or pg_restore: the one on PATH, else the newest under /usr/lib/postgresql (Debian's layout). */
export function postgresTool(name: "pg_dump" | "pg_restore"): string {
  const onPath = (process.env.PATH ?? "")
    .split(path.delimiter)
    .filter(Boolean)
    .map((folder) => path.join(folder, name));
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((version) => /^\d+$/.test(version)) : [];
  const installed = versions.sort((a, b) => Number(b) - Number(a)).map((version) => path.join(root, version, "bin", name));
  const found = [...onPath, ...installed].find((file) => {
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  if (!found) throw new Error(`${name} is not installed: backups on PostgreSQL need PostgreSQL's client tools (Debian: apt-get install postgresql-client).`);
  return found;
}

/** The query parameters of a PostgreSQL address that libpq's tools read from their environment instead. */
const LIBPQ_VARIABLES: Record<string, string> = {
  host: "PGHOST",
  sslmode: "PGSSLMODE",
  sslrootcert: "PGSSLROOTCERT",
  sslcert: "PGSSLCERT",
  sslkey: "PGSSLKEY",
  connect_timeout: "PGCONNECT_TIMEOUT",
  options: "PGOPTIONS",
};

/** The environment that points libpq's tools at `url`, the password included. */
export function libpqEnvironment(url: string): NodeJS.ProcessEnv {
  const address = new URL(url);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PGHOST: address.hostname.replace(/^\[(.*)\]$/, "$1"),
    PGPORT: address.port || "5432",
    PGDATABASE: decodeURIComponent(address.pathname.slice(1)),
  };
  if (address.username) env.PGUSER = decodeURIComponent(address.username);
  if (address.password) env.PGPASSWORD = decodeURIComponent(address.password);
  for (const [parameter, variable] of Object.entries(LIBPQ_VARIABLES)) {
    const value = address.searchParams.get(parameter);
    if (value) env[variable] = value;
  }
  return env;
}

async function run(tool: "pg_dump" | "pg_restore", args: string[], url: string): Promise<string> {
  try {
    const { stdout } = await execFileAsync(postgresTool(tool), args, { env: libpqEnvironment(url), encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`${tool} failed: ${withoutPasswords(stderr || (error instanceof Error ? error.message : String(error)), url)}`);
  }
}

/** The tables whose rows a dump holds, from its table of contents: pg_restore can read the dump, or this throws. */
async function tablesInDump(file: string, url: string): Promise<Set<string>> {
  const contents = await run("pg_restore", ["--list", file], url);
  const tables = contents.split("\n").map((line) => /^\d+; \d+ \d+ TABLE DATA \S+ (\S+) /.exec(line)?.[1]);
  return new Set(tables.filter((table): table is string => table !== undefined));
}

type Holdings = Omit<CheckedDump, "bytes">;

/** What the database holds, as the client's transaction sees it. */
async function holdingsOf(client: pg.Client): Promise<{ holdings: Holdings; tableNames: string[] }> {
  const { rows } = await client.query<{ name: string }>(
    "select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1",
  );
  const tableNames = rows.map((row) => row.name);
  const responses = tableNames.includes("responses")
    ? (await client.query<{ n: number; newest: string | null }>("select count(*)::int as n, max(submitted_at) as newest from responses")).rows[0]
    : null;
  const migrations = tableNames.includes("kysely_migration")
    ? (await client.query<{ name: string }>("select name from kysely_migration order by name")).rows
    : [];
  return {
    tableNames,
    holdings: {
      tables: tableNames.length,
      responses: responses?.n ?? null,
      newestResponse: responses?.newest ?? null,
      migrations: migrations.map((row) => row.name),
    },
  };
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw new Error(`Cannot reach ${describeDatabase(url)}: ${withoutPasswords(error instanceof Error ? error.message : String(error), url)}.`);
  }
  return client;
}

/**
 * Dumps the database at `url` into `target`, a new file, and checks the dump: its table of contents
 * lists every table, and pg_restore reads every block of it. pg_dump copies the snapshot of a
 * transaction held open here, so the figures reported (responses, the newest) are the dump's own.
 * The dump is written under a temporary name and renamed once checked, so a file with the target's
 * name is always a whole, checked backup.
 */
export async function dumpDatabase(url: string, target: string): Promise<CheckedDump> {
  if (fs.existsSync(target)) throw new Error(`${target} exists already: name a new file.`);
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const partial = `${target}.partial`;
  fs.rmSync(partial, { force: true });
  const client = await connect(url);
  try {
    await client.query("start transaction isolation level repeatable read read only");
    const { rows } = await client.query<{ snapshot: string }>("select pg_export_snapshot() as snapshot");
    const { tableNames, holdings } = await holdingsOf(client);
    await run("pg_dump", ["--format=custom", `--snapshot=${rows[0].snapshot}`, `--file=${partial}`, "--no-password"], url);
    await client.query("commit");
    const dumped = await tablesInDump(partial, url);
    const missing = tableNames.filter((table) => !dumped.has(table));
    if (missing.length > 0) throw new Error(`The dump lacks the rows of ${missing.join(", ")}.`);
    await run("pg_restore", [`--file=${os.devNull}`, partial], url);
    fs.renameSync(partial, target);
    return { ...holdings, bytes: fs.statSync(target).size };
  } finally {
    await client.end().catch(() => {});
    fs.rmSync(partial, { force: true });
  }
}

/** The migrations a dump records, read from its kysely_migration rows without restoring anything. */
async function migrationsInDump(file: string, url: string): Promise<string[]> {
  const data = await run("pg_restore", ["--data-only", "--table=kysely_migration", "--file=-", file], url);
  const lines = data.split("\n");
  const start = lines.findIndex((line) => line.startsWith("COPY ") && line.includes("kysely_migration"));
  if (start < 0) return [];
  const end = lines.indexOf("\\.", start);
  return lines.slice(start + 1, end < 0 ? undefined : end).map((line) => line.split("\t")[0]);
}

/** Refuses a database with any table, view, sequence or function in its schema: a restore never overwrites. */
async function refuseUnlessEmpty(url: string): Promise<void> {
  const client = await connect(url);
  try {
    const { rows } = await client.query<{ name: string }>(
      `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = current_schema() and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
       union all
       select p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = current_schema()
       order by 1 limit 6`,
    );
    if (rows.length > 0) {
      const some = rows.slice(0, 5).map((row) => row.name);
      throw new Error(
        `${describeDatabase(url)} is not empty (it has ${some.join(", ")}${rows.length > 5 ? " and more" : ""}): a restore goes into an empty database only. ` +
          "Create a new database (createdb, or your provider's console), set DATABASE_URL to it, and run the restore again.",
      );
    }
  } finally {
    await client.end().catch(() => {});
  }
}

/** A libpq connection string naming only the database: host, user and password come from the environment. */
const databaseOnly = (url: string) => `dbname='${decodeURIComponent(new URL(url).pathname.slice(1)).replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;

/**
 * Restores a dump into the empty database at `url`. The dump is checked first (pg_restore reads
 * it, it is this portal's, no migration this version does not know), then restored in one
 * transaction, so a failure leaves the database empty, as it was.
 */
export async function restoreDump(url: string, file: string, knownMigrations: string[]): Promise<CheckedDump> {
  if (!fs.existsSync(file)) throw new Error(`There is no file at ${file}.`);
  let tables: Set<string>;
  try {
    tables = await tablesInDump(file, url);
  } catch (error) {
    throw new Error(`${file} is not a dump pg_restore can read (pg_dump --format=custom makes one): ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!tables.has("kysely_migration") || !tables.has("responses")) throw new Error(`${file} is not a backup of this portal.`);
  const unknown = (await migrationsInDump(file, url)).filter((name) => !knownMigrations.includes(name));
  if (unknown.length > 0) throw new Error(`${file} was made by a newer version of the portal (it has ${unknown.join(", ")}): update the portal first.`);
  await refuseUnlessEmpty(url);
  await run(
    "pg_restore",
    [`--dbname=${databaseOnly(url)}`, "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", "--no-password", file],
    url,
  );
  const client = await connect(url);
  try {
    const { holdings } = await holdingsOf(client);
    return { ...holdings, bytes: fs.statSync(file).size };
  } finally {
    await client.end().catch(() => {});
  }
}
