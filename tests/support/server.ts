import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import SQLite from "better-sqlite3";
import { repoRoot, tmpDir } from "../setup/paths";

export interface RunningServer {
  url: string;
  port: number;
  databasePath: string;
  process: ChildProcess;
  output: () => string;
  /** A read-only look at the server's database, as a moderator's report would read it. */
  query<T>(sql: string, ...params: unknown[]): T[];
  stop(signal?: NodeJS.Signals): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function waitUntilHealthy(url: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output()}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server did not become healthy:\n${output()}`);
}

export interface StartOptions {
  databasePath?: string;
  /** A PostgreSQL database instead of a SQLite file (migrated already: see `createTestDatabase` in ./postgres). */
  databaseUrl?: string;
  port?: number;
  env?: Record<string, string>;
}

/** Starts the production build (`npm run build` first) on a free port with its own demo database. */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const serverFile = path.join(repoRoot, "build/server.js");
  if (!fs.existsSync(serverFile)) throw new Error("No production build: run `npm run build` first (npm test does).");
  fs.mkdirSync(tmpDir, { recursive: true });
  const databasePath = options.databasePath ?? path.join(tmpDir, `server-${randomUUID()}.sqlite`);
  const port = options.port ?? (await freePort());
  let log = "";
  const child = spawn(process.execPath, [serverFile, "--demo"], {
    cwd: repoRoot,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_PATH: databasePath,
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
      PUBLIC_URL: `http://localhost:${port}`,
      SUBMISSIONS_PER_HOUR_PER_ADDRESS: "100000",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const url = `http://localhost:${port}`;
  await waitUntilHealthy(url, child, () => log);

  return {
    url,
    port,
    databasePath,
    process: child,
    output: () => log,
    query<T>(sql: string, ...params: unknown[]) {
      const db = new SQLite(databasePath, { readonly: true, fileMustExist: true });
      try {
        return db.prepare(sql).all(...params) as T[];
      } finally {
        db.close();
      }
    },
    async stop(signal: NodeJS.Signals = "SIGTERM") {
      if (child.exitCode !== null || child.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill(signal);
      });
    },
  };
}

export function removeDatabase(file: string) {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
}
