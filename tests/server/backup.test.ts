import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import SQLite from "better-sqlite3";
import { repoRoot, tmpDir } from "../setup/paths";
import { removeDatabase, startServer, type RunningServer } from "../support/server";

/**
 * `npm run backup` while people are sending their answers, then `npm run restore`, run as an
 * operator would run them against the built server's database.
 */
const SURVEY = "young-people";
const LANES = 6;
const folder = path.join(tmpDir, `backup-${randomUUID()}`);
let server: RunningServer | undefined;

afterAll(async () => {
  await server?.stop();
  if (server) removeDatabase(server.databasePath);
  fs.rmSync(folder, { recursive: true, force: true });
});

function npm(script: "backup" | "restore", file: string, databasePath: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("npm", ["run", "--silent", script, "--", file], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_PATH: databasePath },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

async function startDraft(url: string): Promise<string> {
  const response = await fetch(`${url}/surveys/${SURVEY}`, { method: "POST", body: new URLSearchParams({ intent: "start" }), redirect: "manual" });
  const cookie = response.headers.getSetCookie().find((header) => header.startsWith("draft="));
  if (!cookie) throw new Error(`no draft cookie (status ${response.status})`);
  return cookie.split(";")[0];
}

async function send(url: string, cookie: string): Promise<boolean> {
  const response = await fetch(`${url}/surveys/${SURVEY}/consent`, {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: "quote=yes&website=",
    redirect: "manual",
  });
  return response.status === 303 && response.headers.get("Location") === `/surveys/${SURVEY}/confirmation`;
}

async function referenceOf(url: string, cookie: string): Promise<string> {
  const page = await fetch(`${url}/surveys/${SURVEY}/confirmation`, { headers: { Cookie: cookie }, redirect: "manual" });
  const reference = (await page.text()).match(/class="app-reference">([2-9A-Z-]{14})</)?.[1]?.replaceAll("-", "");
  if (!reference) throw new Error("no reference on the confirmation page");
  return reference;
}

const read = <T>(file: string, query: string, ...params: unknown[]) => {
  const sqlite = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    return sqlite.prepare(query).all(...params) as T[];
  } finally {
    sqlite.close();
  }
};

describe("backup and restore", () => {
  it("backs up during submissions, refuses to restore under a running server, and restores every answer acknowledged before the backup began", async () => {
    server = await startServer();
    const { url, databasePath } = server;
    fs.mkdirSync(folder, { recursive: true });
    const backupFile = path.join(folder, "during-submissions.sqlite");

    // Every draft holds a complete set of answers, as if each person had reached the last page.
    const writer = new SQLite(databasePath);
    writer.pragma("busy_timeout = 10000");
    const ids = Object.fromEntries(
      (
        writer.prepare("select q.key, q.id from questions q join surveys s on s.id = q.survey_id where s.slug = ?").all(SURVEY) as { key: string; id: number }[]
      ).map((row) => [row.key, row.id]),
    );
    const fill = writer.prepare("update drafts set answers = ? where response_id is null and answers = '{}'");
    const answers = JSON.stringify({ [ids["school-feel"]]: "good", [ids["adults-listen"]]: "okay", [ids["best-thing"]]: "My mentor." });

    const acknowledged: string[] = [];
    let beforeBackup: string[] | undefined;
    let backup: Promise<{ code: number | null; output: string }> | undefined;
    let backupDone = false;
    let sentAfterBackup = 0;
    // People keep sending until the backup has finished and a few more have been acknowledged.
    const lane = async () => {
      while (!backupDone || sentAfterBackup < LANES) {
        const cookie = await startDraft(url);
        fill.run(answers);
        if (!(await send(url, cookie))) throw new Error("a submission was not acknowledged");
        acknowledged.push(cookie);
        if (backupDone) sentAfterBackup++;
        if (!backup && acknowledged.length >= 30) {
          beforeBackup = [...acknowledged];
          backup = npm("backup", backupFile, databasePath).finally(() => (backupDone = true));
        }
      }
    };
    await Promise.all(Array.from({ length: LANES }, lane));
    writer.close();
    const backedUp = await backup!;
    expect(backedUp.code, backedUp.output).toBe(0);
    expect(backedUp.output).toMatch(/^Backed up .* to .*during-submissions\.sqlite: integrity check ok; [\d.]+ MB, \d+ responses/m);
    expect(acknowledged.length).toBeGreaterThan(beforeBackup!.length);

    const references = await Promise.all(beforeBackup!.map((cookie) => referenceOf(url, cookie)));

    // The portal still has the file open: the restore changes nothing.
    const refused = await npm("restore", backupFile, databasePath);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain(`${databasePath} is open in another process: the portal is running, or a command is using it. Nothing was changed.`);
    expect(fs.readdirSync(path.dirname(databasePath)).filter((name) => name.startsWith(`${path.basename(databasePath)}.before-restore`))).toEqual([]);

    await server.stop();
    const live = read<{ n: number }>(databasePath, "select count(*) as n from responses")[0].n;
    const restored = await npm("restore", backupFile, databasePath);
    expect(restored.code, restored.output).toBe(0);
    expect(restored.output).toContain(`Restored ${databasePath} from ${backupFile}.`);
    const keptAs = restored.output.match(/is kept as (\S+)\.$/m)?.[1];
    expect(keptAs && fs.existsSync(keptAs)).toBe(true);
    expect(read<{ n: number }>(keptAs!, "select count(*) as n from responses")[0].n).toBe(live);

    expect(read<{ integrity_check: string }>(databasePath, "pragma integrity_check")).toEqual([{ integrity_check: "ok" }]);
    const missing = references.filter((reference) => read(databasePath, "select id from responses where reference = ?", reference).length !== 1);
    expect(missing).toEqual([]);
    expect(read<{ n: number }>(databasePath, "select count(*) as n from responses")[0].n).toBeLessThan(live);
    expect(read<{ action: string }>(databasePath, "select action from audit_log where action = 'backup.restored'")).toHaveLength(1);

    // The portal starts on the restored file.
    server = await startServer({ databasePath });
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    if (keptAs) removeDatabase(keptAs);
  });
});
