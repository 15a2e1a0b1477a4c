// Everything `npm run bench` measures on one dataset size, against the production build started on a
// copy of that dataset: the figures are printed as they come and returned for the table and JSON line.
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { DB } from "../../db/connection";
import { tmpDir } from "../setup/paths";
import { startServer, type RunningServer } from "../support/server";
import type { BenchDatabases, RunDatabase, TimeSpent } from "./databases";
import { load, loadPage, row, SECONDS, THROUGHPUT_CONNECTIONS, type Load, type PageLoad } from "./load";
import { eventLoopProbe, processTree, sampleMemory, type EventLoop } from "./server-probe";
import { csrfFrom, postForm, signIn } from "./staff";
import { SURVEY, submissions, type Submissions } from "./submissions";

const QUESTION = `/surveys/${SURVEY}/questions/contact-reply`;
const PERIOD = "2025-26";
const THEME = "communication";

export interface ExportFigures {
  rows: number;
  megabytes: number;
  seconds: number;
  rowsPerSecond: number;
  beforeMb: number;
  peakMb: number;
}

export interface SizeFigures {
  responses: number;
  questionPage: Load;
  bare: Load;
  /** The question page's rate as a share of the bare server's. */
  ratio: number;
  submissions: Submissions;
  /** PostgreSQL only: the same submissions shared between two instances of the portal on one database. */
  twoInstances: (Submissions & { processesEach: number }) | null;
  pages: Record<string, PageLoad>;
  export: ExportFigures;
  /** `finished` is false when the bench stopped waiting (BENCH_MERGE_SECONDS): `moved` and `doneMs` are then how far it got. */
  merge: { ms: number; status: number; moved: number; doneMs: number; finished: boolean; during: { pages: number; p50: number; max: number } };
  eventLoop: EventLoop | null;
  /** What a phone downloads for one question page (gzip). */
  download: { html: number; css: number; js: number };
  /** PostgreSQL only, when it keeps count: where its time went, by phase. */
  statements: Record<string, TimeSpent> | null;
}

/** How long the bench waits for a theme merge to move every tag; by default as long as it takes. */
const MERGE_SECONDS = Number(process.env.BENCH_MERGE_SECONDS ?? Infinity);

/** Server processes, as production runs them: one per core (WEB_CONCURRENCY to choose). */
export const PROCESSES = Number(process.env.WEB_CONCURRENCY ?? os.availableParallelism());

/** The production build on `database`, `processes` server processes in one instance. */
function startPortal(database: RunDatabase, processes: number, env: Record<string, string> = {}) {
  return startServer({
    ...(database.engine === "postgres" ? { databaseUrl: database.target } : { databasePath: database.target }),
    env: { SUBMISSIONS_PER_HOUR_PER_ADDRESS: "100000000", WEB_CONCURRENCY: String(processes), ...env },
  });
}

/** The production build on a copy of the dataset, reporting its event loop. */
export async function serverOn(databases: BenchDatabases, responses: number) {
  const database = await databases.fresh(responses);
  try {
    const report = path.join(tmpDir, `event-loop-${process.pid}-${responses}.json`);
    const server = await startPortal(database, PROCESSES, { EVENT_LOOP_REPORT: report });
    // A cluster's primary reports too, beside its workers.
    const eventLoop = await eventLoopProbe(server.process.pid!, report, PROCESSES > 1 ? PROCESSES + 1 : 1);
    if (eventLoop.reporting) await eventLoop.start();
    else console.log("  (this build does not report its event loop: rebuild with npm run build)");
    return { database, server, eventLoop };
  } catch (error) {
    await database.remove();
    throw error;
  }
}

export async function startDraft(server: RunningServer) {
  const started = await fetch(`${server.url}/surveys/${SURVEY}`, { method: "POST", body: new URLSearchParams({ intent: "start" }), redirect: "manual" });
  return started.headers.getSetCookie()[0].split(";")[0];
}

/** The question page against a bare node:http server sending its bytes, and what it weighs on a phone. */
async function questionPage(server: RunningServer) {
  const cookie = await startDraft(server);
  const html = Buffer.from(await (await fetch(`${server.url}${QUESTION}`, { headers: { Cookie: cookie } })).arrayBuffer());
  const bareServer = http.createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": html.length });
    res.end(html);
  });
  await new Promise<void>((resolve) => bareServer.listen(0, "127.0.0.1", resolve));
  const barePort = (bareServer.address() as { port: number }).port;
  const portal = await load({ url: `${server.url}${QUESTION}`, headers: { Cookie: cookie }, connections: THROUGHPUT_CONNECTIONS });
  const bare = await load({ url: `http://127.0.0.1:${barePort}${QUESTION}`, connections: THROUGHPUT_CONNECTIONS });
  bareServer.close();
  console.log(row("question page (portal)", portal));
  console.log(row("same bytes (bare node:http)", bare));
  const download = await downloadSize(server, html, cookie);
  const total = download.html + download.css + download.js;
  console.log(
    `  a question page downloads ${total} B gzipped: HTML ${download.html} B, CSS ${download.css} B, JS ${download.js} B (${((download.js / total) * 100).toFixed(1)}% JavaScript)`,
  );
  return { questionPage: portal, bare, ratio: portal.rps / bare.rps, download };
}

async function downloadSize(server: RunningServer, html: Buffer, cookie: string) {
  const body = await (await fetch(`${server.url}${QUESTION}`, { headers: { Cookie: cookie } })).text();
  const sizes = { html: gzipSync(html).length, css: 0, js: 0 };
  for (const [, file, kind] of body.matchAll(/(?:href|src)="(\/(?:build\/[^"]+|listen)\.(css|js))"/g)) {
    const bytes = gzipSync(Buffer.from(await (await fetch(`${server.url}${file}`)).arrayBuffer())).length;
    if (kind === "css") sizes.css += bytes;
    else sizes.js += bytes;
  }
  return sizes;
}

/** What the pages show: a common theme, and a response from the middle of the dataset that was reviewed and has words. */
async function chooseSubjects(db: DB) {
  const theme = await db.selectFrom("themes").select("id").where("slug", "=", THEME).executeTakeFirstOrThrow();
  const { last } = await db
    .selectFrom("responses")
    .select((eb) => eb.fn.max("id").as("last"))
    .executeTakeFirstOrThrow();
  const response = await db
    .selectFrom("responses")
    .select("id")
    .where("flagged", "=", 0)
    .where("status", "=", "done")
    .where("id", ">=", Math.floor(last / 2))
    .where(({ exists, selectFrom }) =>
      exists(selectFrom("answers as a").select("a.id").whereRef("a.response_id", "=", "responses.id").where("a.text", "is not", null)),
    )
    .orderBy("id")
    .limit(1)
    .executeTakeFirstOrThrow();
  return { theme, response };
}

/** Every page staff and the public read, each first viewed, then loaded. */
async function pages(
  server: RunningServer,
  moderator: string,
  subjects: Awaited<ReturnType<typeof chooseSubjects>>,
  endPhase: (name: string) => Promise<void>,
) {
  const { theme, response } = subjects;
  const staff: Record<string, string> = {
    queue: "/moderate",
    queueByTheme: `/moderate?theme=${theme.id}`,
    queueByLanguage: "/moderate?lang=pl",
    queueUntagged: "/moderate?untagged=1",
    response: `/moderate/responses/${response.id}`,
    dashboard: "/moderate/insight",
  };
  const open: Record<string, string> = {
    public: `/you-said-we-did?period=${PERIOD}`,
    publicTheme: `/you-said-we-did/themes/${THEME}?period=${PERIOD}`,
    report: `/you-said-we-did/report?period=${PERIOD}`,
    json: `/you-said-we-did.json?period=${PERIOD}`,
  };
  const figures: Record<string, PageLoad> = {};
  const all = [
    ...Object.entries(staff).map(([name, url]) => ({ name, url, cookie: moderator })),
    ...Object.entries(open).map(([name, url]) => ({ name, url, cookie: undefined })),
  ];
  for (const { name, url, cookie } of all) {
    figures[name] = await loadPage(`${server.url}${url}`, cookie);
    const status = figures[name].status === 200 ? "" : `   status ${figures[name].status}`;
    console.log(`${row(`${name} ${url}`, figures[name])}   first view ${figures[name].firstMs} ms${status}`);
    await endPhase(name);
  }
  return figures;
}

/** Every survey's responses as CSV, read to the end, with the server's memory sampled as it makes them. */
async function exportAll(server: RunningServer, db: DB, moderator: string): Promise<ExportFigures> {
  const csrf = await csrfFrom(`${server.url}/moderate/exports`, moderator);
  const memory = sampleMemory(server.process.pid!);
  const started = performance.now();
  let bytes = 0;
  let rows = 0;
  for (const { slug } of await db.selectFrom("surveys").select("slug").orderBy("id").execute()) {
    const response = await postForm(`${server.url}/moderate/exports/download`, moderator, { csrf, survey: slug, format: "csv" });
    if (response.status !== 200) throw new Error(`The ${slug} export answered ${response.status}`);
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.byteLength;
    const audited = await db.selectFrom("audit_log").select("after").where("action", "=", "responses.export").orderBy("id", "desc").executeTakeFirst();
    rows += Number((JSON.parse(audited?.after ?? "{}") as { rows?: number }).rows ?? 0);
  }
  const seconds = (performance.now() - started) / 1000;
  const { beforeMb, peakMb } = memory.stop();
  const figures = {
    rows,
    megabytes: Math.round(bytes / 1024 / 1024),
    seconds: Math.round(seconds * 10) / 10,
    rowsPerSecond: Math.round(rows / seconds),
    beforeMb,
    peakMb,
  };
  console.log(
    `full CSV export: ${rows.toLocaleString("en-GB")} rows (${figures.megabytes} MB) in ${figures.seconds} s = ${figures.rowsPerSecond.toLocaleString("en-GB")} rows/s; server RSS ${beforeMb} → peak ${peakMb} MB (the process that grew most)`,
  );
  return figures;
}

/**
 * The commonest theme merged into the next commonest: the most tags a merge can move. The answer
 * comes at once and the tags move after it, batch by batch; meanwhile the public page is fetched
 * again and again, to show that people still get their pages while a merge runs.
 */
async function merge(server: RunningServer, db: DB, admin: string) {
  const [from, into] = await db
    .selectFrom("response_themes")
    .select("theme_id")
    .groupBy("theme_id")
    .orderBy((eb) => eb.fn.countAll(), "desc")
    .orderBy("theme_id")
    .limit(2)
    .execute();
  const page = `${server.url}/admin/themes/${from.theme_id}`;
  const csrf = await csrfFrom(page, admin);
  const started = performance.now();
  const response = await postForm(page, admin, { csrf, intent: "merge", into: String(into.theme_id) });
  const ms = Math.round(performance.now() - started);
  const waits: number[] = [];
  const running = () => db.selectFrom("theme_merges").select("tags_moved").where("theme_id", "=", from.theme_id).executeTakeFirst();
  const giveUp = started + MERGE_SECONDS * 1000;
  while ((await running()) && performance.now() < giveUp) {
    const asked = performance.now();
    await (await fetch(`${server.url}/you-said-we-did?period=${PERIOD}`)).arrayBuffer();
    waits.push(performance.now() - asked);
  }
  const doneMs = Math.round(performance.now() - started);
  const unfinished = await running();
  const moved = unfinished ? unfinished.tags_moved : await tagsMoved(db, from.theme_id);
  waits.sort((a, b) => a - b);
  const during = { pages: waits.length, p50: Math.round(waits[Math.floor(waits.length / 2)] ?? 0), max: Math.round(waits[waits.length - 1] ?? 0) };
  const outcome = unfinished
    ? `not finished after ${doneMs} ms (BENCH_MERGE_SECONDS): ${moved.toLocaleString("en-GB")} tags moved by then`
    : `${moved.toLocaleString("en-GB")} tags moved in ${doneMs} ms`;
  console.log(
    `theme merge: answered in ${ms} ms (status ${response.status}); ${outcome}; ` +
      `the public page meanwhile ${during.pages} times, p50 ${during.p50} ms, longest ${during.max} ms`,
  );
  return { ms, status: response.status, moved, doneMs, finished: !unfinished, during };
}

async function tagsMoved(db: DB, themeId: number): Promise<number> {
  const done = await db
    .selectFrom("audit_log")
    .select("after")
    .where("action", "=", "theme.merge.done")
    .where("entity_id", "=", String(themeId))
    .orderBy("id", "desc")
    .executeTakeFirst();
  return done?.after ? Number((JSON.parse(done.after) as { tagsMoved: number }).tagsMoved) : 0;
}

/**
 * Stops the server. One that is still merging finishes the merge before it exits, which at a
 * million responses on PostgreSQL takes the best part of an hour: after a minute it is killed.
 */
async function stopServer(server: RunningServer) {
  const killing = setTimeout(() => {
    console.log("  (the server had not stopped a minute after SIGTERM, still moving tags: killed)");
    for (const pid of processTree(server.process.pid!).reverse()) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // it ended meanwhile
      }
    }
  }, 60_000);
  try {
    await server.stop();
  } finally {
    clearTimeout(killing);
  }
}

/**
 * PostgreSQL only: the submissions again, shared between two instances of the portal (two
 * `node build/server.js` on two ports) on one fresh copy of the dataset, the server processes
 * split between them, so that both runs use as many processes on the same cores.
 */
async function twoInstances(databases: BenchDatabases, responses: number) {
  const database = await databases.fresh(responses);
  const processesEach = Math.max(1, Math.floor(PROCESSES / 2));
  const servers: RunningServer[] = [];
  try {
    servers.push(...(await Promise.all([startPortal(database, processesEach), startPortal(database, processesEach)])));
    console.log(
      `two instances of ${processesEach} server process${processesEach === 1 ? "" : "es"} each, on ports ${servers.map((server) => server.port).join(" and ")}, on a fresh copy of the dataset`,
    );
    await databases.resetStatements(database.db);
    const label = `complete submission, two instances (:${servers[0].port}, :${servers[1].port})`;
    const figures = { ...(await submissions(servers, database.db, label)), processesEach };
    return { figures, spent: await databases.statements(database.db, "the submissions to two instances") };
  } finally {
    await Promise.all(servers.map(stopServer));
    await database.remove();
  }
}

function printStalls(stalls: EventLoop | null) {
  if (!stalls) return console.log("event-loop delay: not reported");
  const worst = Object.entries(stalls.phases)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3);
  console.log(
    `longest event-loop delay in the server: ${stalls.maxMs} ms (p99 ${stalls.p99Ms} ms); longest in ${worst.map(([name, ms]) => `${name} ${ms} ms`).join(", ")}`,
  );
}

export async function measureSize(databases: BenchDatabases, responses: number): Promise<SizeFigures> {
  const { database, server, eventLoop } = await serverOn(databases, responses);
  const { db, engine } = database;
  /** Runs one step of the run, then notes the longest event-loop delay the server saw during it. */
  const step = async <T>(name: string, work: () => Promise<T>) => {
    const result = await work();
    await eventLoop.endPhase(name);
    return result;
  };
  const statements: Record<string, TimeSpent> = {};
  /** Where PostgreSQL spent its time in the phase just ended, when it keeps count. */
  const spent = async (phase: string) => {
    const top = await databases.statements(db, phase);
    if (top) statements[phase] = top;
  };
  try {
    const on = engine === "postgres" ? " on PostgreSQL, one instance of" : ":";
    console.log(
      `\n== ${responses.toLocaleString("en-GB")} responses${on} ${PROCESSES} server processes, ${SECONDS} s per figure (load average ${os.loadavg()[0].toFixed(1)}) ==`,
    );
    const subjects = await chooseSubjects(db);
    const moderator = await step("sign-in", () => signIn(server.url, "moderator"));
    const admin = await step("sign-in", () => signIn(server.url, "administrator"));
    const question = await step("question page", () => questionPage(server));
    await databases.resetStatements(db);
    const label = engine === "postgres" ? "complete submission, one instance (POST, 303)" : "complete submission (POST, 303)";
    const submitted = await step("submissions", () => submissions([server], db, label));
    await spent("the submissions");
    const read = await pages(server, moderator, subjects, eventLoop.endPhase);
    await spent("the pages");
    const exported = await step("export", () => exportAll(server, db, moderator));
    const merged = await step("merge", () => merge(server, db, admin));
    await spent("the export and the theme merge");
    await stopServer(server);
    const stalls = eventLoop.finish();
    printStalls(stalls);
    const two = engine === "postgres" ? await twoInstances(databases, responses) : null;
    if (two?.spent) statements["the submissions to two instances"] = two.spent;
    return {
      responses,
      ...question,
      submissions: submitted,
      twoInstances: two?.figures ?? null,
      pages: read,
      export: exported,
      merge: merged,
      eventLoop: stalls,
      statements: Object.keys(statements).length > 0 ? statements : null,
    };
  } finally {
    await stopServer(server);
    eventLoop.remove();
    await database.remove();
  }
}
