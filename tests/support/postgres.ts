import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";

/**
 * A PostgreSQL server of the tests' own: a fresh cluster in a temporary folder, on a free port of
 * 127.0.0.1, with trust authentication for the one user `portal`. It uses the PostgreSQL that is
 * installed (Debian's `postgresql` package: `.ci/run` installs it). TEST_POSTGRES_URL names an
 * existing server instead, whose user may create databases.
 *
 * Durability settings are off (fsync, full-page writes): they protect against the machine losing
 * power, which no test does. A restart or a killed server still loses nothing that was committed.
 */
export interface TestPostgres {
  /** The server's `postgres` database, as a superuser: for creating and dropping databases. */
  adminUrl: string;
  /** Restarts the server (fast shutdown, then start): connections in use break, as in a real restart. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

function binDir(): string {
  const explicit = process.env.POSTGRES_BIN;
  if (explicit) return explicit;
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((name) => /^\d+$/.test(name)) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (newest && fs.existsSync(path.join(root, newest, "bin/initdb"))) return path.join(root, newest, "bin");
  throw new Error(
    "The database tests run on PostgreSQL as well as SQLite, and no PostgreSQL server is installed. " +
      "Install it (Debian: apt-get install postgresql), set POSTGRES_BIN to its bin folder or TEST_POSTGRES_URL to a server, " +
      "or run the SQLite half alone with TEST_ENGINES=sqlite (README, Tests).",
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** PostgreSQL will not run as root; a test run as root hands the cluster to `postgres` (or `nobody`). */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const user of ["postgres", "nobody"]) {
    try {
      const uid = Number(execFileSync("id", ["-u", user], { encoding: "utf8" }).trim());
      const gid = Number(execFileSync("id", ["-g", user], { encoding: "utf8" }).trim());
      return { uid, gid };
    } catch {
      // No such user: try the next.
    }
  }
  throw new Error("Running as root, and neither a postgres nor a nobody user exists to run PostgreSQL as.");
}

async function waitForServer(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`PostgreSQL stopped as it started:\n${log()}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => {});
      if (Date.now() > deadline) throw new Error(`PostgreSQL did not start in 30 s: ${String(error)}\n${log()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

export async function startTestPostgres(folder: string): Promise<TestPostgres> {
  if (process.env.TEST_POSTGRES_URL) {
    return {
      adminUrl: process.env.TEST_POSTGRES_URL,
      restart: () => Promise.reject(new Error("cannot restart a server the tests did not start")),
      stop: async () => {},
    };
  }
  const bin = binDir();
  const owner = runAs();
  fs.rmSync(folder, { recursive: true, force: true });
  fs.mkdirSync(folder, { recursive: true });
  const data = path.join(folder, "data");
  const logFile = path.join(folder, "server.log");
  if (owner) fs.chownSync(folder, owner.uid, owner.gid);
  execFileSync(path.join(bin, "initdb"), ["-D", data, "-U", "portal", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], {
    stdio: "pipe",
    ...owner,
  });
  const port = await freePort();
  const settings = [
    ["listen_addresses", "127.0.0.1"],
    ["port", String(port)],
    ["unix_socket_directories", folder],
    ["max_connections", "400"],
    ["fsync", "off"],
    ["full_page_writes", "off"],
    ["shared_buffers", "128MB"],
  ];
  const args = ["-D", data, ...settings.flatMap(([name, value]) => ["-c", `${name}=${value}`])];
  const adminUrl = `postgres://portal@127.0.0.1:${port}/postgres`;
  const log = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8").slice(-2000) : "");

  let child: ChildProcess;
  const launch = async () => {
    const out = fs.openSync(logFile, "a");
    if (owner) fs.fchownSync(out, owner.uid, owner.gid);
    child = spawn(path.join(bin, "postgres"), args, { stdio: ["ignore", out, out], ...owner });
    fs.closeSync(out);
    await waitForServer(adminUrl, child, log);
  };
  const halt = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGINT"); // fast shutdown: open connections are cut
    await exited;
  };
  await launch();
  return {
    adminUrl,
    async restart() {
      await halt();
      await launch();
    },
    async stop() {
      await halt();
      fs.rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** A database URL on the same server as `adminUrl`. */
export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function adminQuery(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A new database copied from a migrated template: what each test file works on. */
export async function createDatabaseFrom(adminUrl: string, template: string, name: string): Promise<string> {
  // Two files may copy the template at the same moment; PostgreSQL refuses the second while the first reads it.
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(adminUrl, `create database "${name}" template "${template}"`);
      return databaseUrl(adminUrl, name);
    } catch (error) {
      if (attempt >= 50 || !/being accessed by other users/.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 150));
    }
  }
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await adminQuery(adminUrl, `drop database if exists "${name}" with (force)`);
}

/**
 * A migrated database of its own for a test in the e2e project (inside a vitest worker: it reads
 * the server the global setup started), with a function that drops it.
 */
export async function createTestDatabase(): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const { inject } = await import("vitest");
  const adminUrl = inject("postgresAdminUrl");
  const name = `test_${Math.random().toString(36).slice(2)}_${Date.now()}`;
  const url = await createDatabaseFrom(adminUrl, inject("postgresTemplate"), name);
  return { url, name, drop: () => dropDatabase(adminUrl, name) };
}
