import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { removeDatabase, startServer, type RunningServer } from "../support/server";

/**
 * The server as production runs it: how many processes, how many database connections each holds,
 * and what is left on disk after SIGTERM. Everything is read from /proc, as an operator would.
 */

const SURVEY = "young-people";
let server: RunningServer | undefined;
afterEach(async () => {
  await server?.stop("SIGKILL");
  if (server) removeDatabase(server.databasePath);
  server = undefined;
});

function openFiles(pid: number): string[] {
  const dir = `/proc/${pid}/fd`;
  return fs.readdirSync(dir).flatMap((fd) => {
    try {
      return [fs.readlinkSync(path.join(dir, fd))];
    } catch {
      return []; // closed while we looked
    }
  });
}

/** How many times the process has the database file, its WAL and its shared memory open. */
function databaseHandles(pid: number, databasePath: string) {
  const file = fs.realpathSync(databasePath);
  const links = openFiles(pid);
  const count = (name: string) => links.filter((link) => link === name).length;
  return { database: count(file), wal: count(`${file}-wal`), shm: count(`${file}-shm`) };
}

function childrenOf(pid: number): number[] {
  return fs.readdirSync("/proc").flatMap((entry) => {
    if (!/^\d+$/.test(entry)) return [];
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // After "pid (name)": state, then the parent's pid. The name may hold spaces and brackets.
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      return parent === pid ? [Number(entry)] : [];
    } catch {
      return [];
    }
  });
}

const isRunning = (pid: number) => fs.existsSync(`/proc/${pid}`) && !/\) Z /.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8"));

/** The process (of `candidates`) holding the server's end of the TCP connection from `clientPort`. */
function processServing(serverPort: number, clientPort: number, candidates: number[]): number | undefined {
  const hex = (port: number) => port.toString(16).toUpperCase().padStart(4, "0");
  let inode: string | undefined;
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of fs.readFileSync(table, "utf8").split("\n").slice(1)) {
      const columns = line.trim().split(/\s+/);
      if (columns[1]?.endsWith(`:${hex(serverPort)}`) && columns[2]?.endsWith(`:${hex(clientPort)}`)) inode = columns[9];
    }
  }
  return inode === undefined ? undefined : candidates.find((pid) => openFiles(pid).includes(`socket:[${inode}]`));
}

async function waitFor<T>(what: string, read: () => T, done: (value: T) => boolean, output: () => string): Promise<T> {
  for (let attempt = 0; attempt < 300; attempt++) {
    const value = read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`gave up waiting for ${what}:\n${output()}`);
}

interface Reply {
  status: number;
  location?: string;
  body: string;
  /** The client's port of the connection that carried it, still open (keep-alive) when this resolves. */
  clientPort: number;
}

/** One person with their own cookies and their own kept-alive connection. */
class Person {
  private cookies = new Map<string, string>();
  private agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  constructor(private port: number) {}

  request(method: "GET" | "POST", url: string, form?: Record<string, string>): Promise<Reply> {
    const body = form && new URLSearchParams(form).toString();
    const headers: http.OutgoingHttpHeaders = { Cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ") };
    if (body !== undefined) Object.assign(headers, { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body) });
    return new Promise((resolve, reject) => {
      const request = http.request({ host: "127.0.0.1", port: this.port, method, path: url, agent: this.agent, headers }, (response) => {
        const clientPort = response.socket.localPort ?? 0;
        for (const cookie of response.headers["set-cookie"] ?? []) {
          const [name, ...value] = cookie.split(";")[0].split("=");
          this.cookies.set(name, value.join("="));
        }
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, location: response.headers.location, body: text, clientPort }));
      });
      request.on("error", reject);
      request.end(body);
    });
  }

  /** Answers the youth survey and sends it; resolves with the reply to "Send" and the reference shown. */
  async answerSurvey(words: string): Promise<{ sent: Reply; reference?: string }> {
    expect((await this.request("POST", `/surveys/${SURVEY}`, { intent: "start" })).status).toBe(303);
    for (const [key, answer] of [
      ["school-feel", "good"],
      ["adults-listen", "okay"],
      ["best-thing", words],
    ]) {
      expect((await this.request("POST", `/surveys/${SURVEY}/questions/${key}`, { intent: "continue", answer })).status, key).toBe(303);
    }
    const sent = await this.request("POST", `/surveys/${SURVEY}/consent`, { quote: "yes", website: "" });
    if (sent.status !== 303 || sent.location !== `/surveys/${SURVEY}/confirmation`) return { sent };
    const confirmation = await this.request("GET", `/surveys/${SURVEY}/confirmation`);
    return { sent, reference: /class="app-reference">([2-9A-Z-]{14})</.exec(confirmation.body)?.[1]?.replaceAll("-", "") };
  }

  close() {
    this.agent.destroy();
  }
}

function storedOnce(running: RunningServer, references: (string | undefined)[]) {
  return references.every((reference) => reference !== undefined && running.query("select id from responses where reference = ?", reference).length === 1);
}

/** After a clean stop no WAL is left to replay, and the file is whole. */
function expectCleanFile(databasePath: string) {
  const wal = `${databasePath}-wal`;
  expect(fs.existsSync(wal) ? fs.statSync(wal).size : 0).toBe(0);
  expect(server!.query<{ integrity_check: string }>("pragma integrity_check")).toEqual([{ integrity_check: "ok" }]);
}

describe("the server process", () => {
  it("holds exactly one database connection however it is used, and leaves no WAL after SIGTERM", async () => {
    server = await startServer({ env: { WEB_CONCURRENCY: "1" } });
    const pid = server.process.pid!;
    expect(childrenOf(pid)).toEqual([]);

    const visitor = new Person(server.port);
    for (const page of ["/", "/surveys", `/surveys/${SURVEY}`, "/you-said-we-did", "/you-said-we-did.json", "/privacy"]) {
      expect((await visitor.request("GET", page)).status, page).toBe(200);
    }
    const { reference } = await visitor.answerSurvey("Being listened to.");
    const moderator = new Person(server.port);
    expect((await moderator.request("POST", "/sign-in", { email: "moderator@example.org", password: "demo moderator password" })).status).toBe(303);
    for (const page of ["/moderate", "/moderate/insight", "/moderate/quotes"]) {
      expect((await moderator.request("GET", page)).status, page).toBe(200);
    }
    visitor.close();
    moderator.close();

    expect(databaseHandles(pid, server.databasePath)).toEqual({ database: 1, wal: 1, shm: 1 });

    await server.stop("SIGTERM");
    expect(server.process.exitCode, server.output()).toBe(0);
    expectCleanFile(server.databasePath);
    expect(storedOnce(server, [reference])).toBe(true);
  });

  it("serves one port from two workers, keeps every acknowledged answer sent through both, and stops them all on SIGTERM", async () => {
    server = await startServer({ env: { WEB_CONCURRENCY: "2" } });
    const running = server;
    const primary = running.process.pid!;
    const workers = await waitFor(
      "two workers, each with its connection",
      () => childrenOf(primary).filter((pid) => databaseHandles(pid, running.databasePath).database === 1),
      (found) => found.length === 2,
      running.output,
    );
    expect(childrenOf(primary)).toHaveLength(2);
    // The primary migrated and closed its connection before forking.
    expect(databaseHandles(primary, running.databasePath).database).toBe(0);
    const migrations = running.output().match(/migration "[^"]+" applied/g) ?? [];
    expect(migrations.length).toBeGreaterThan(0);
    expect(new Set(migrations).size).toBe(migrations.length);
    expect(running.output().match(/demo data loaded/g)).toHaveLength(1);
    const scheduler = () => [...running.output().matchAll(/scheduled work .* runs in process (\d+)/g)].map((match) => Number(match[1]));
    expect(scheduler()).toHaveLength(1);
    expect(workers).toContain(scheduler()[0]);

    const baseline = running.query<{ n: number }>("select count(*) as n from responses")[0].n;
    const people = Array.from({ length: 24 }, () => new Person(running.port));
    const results = await Promise.all(people.map((person, i) => person.answerSurvey(`Answer number ${i}.`)));
    const servedBy = new Set(results.map(({ sent }) => processServing(running.port, sent.clientPort, workers)));
    for (const person of people) person.close();

    expect(results.map(({ sent }) => sent.status)).toEqual(people.map(() => 303));
    expect([...servedBy].sort()).toEqual([...workers].sort());
    expect(
      storedOnce(
        running,
        results.map(({ reference }) => reference),
      ),
    ).toBe(true);
    expect(running.query<{ n: number }>("select count(*) as n from responses")[0].n - baseline).toBe(people.length);

    // A worker that dies is replaced; the scheduled work moves to its replacement.
    const dead = scheduler()[0];
    process.kill(dead, "SIGKILL");
    const replaced = await waitFor(
      "a replacement worker",
      () => childrenOf(primary).filter((pid) => pid !== dead && databaseHandles(pid, running.databasePath).database === 1),
      (found) => found.length === 2,
      running.output,
    );
    const newScheduler = await waitFor(
      "the scheduled work to move",
      () => scheduler().at(-1),
      (pid) => pid !== dead,
      running.output,
    );
    expect(replaced).toContain(newScheduler);
    expect(scheduler()).toHaveLength(2);
    const after = new Person(running.port);
    expect((await after.request("GET", "/healthz")).status).toBe(200);
    after.close();

    await running.stop("SIGTERM");
    expect(running.process.exitCode, running.output()).toBe(0);
    expect(replaced.filter(isRunning)).toEqual([]);
    expectCleanFile(running.databasePath);
  });
});
