// Everything `npm run bench` measures on one dataset size, against the production build started on a
// copy of that dataset: the figures are printed as they come and returned for the table and JSON line.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { createCookie } from "@remix-run/node";
import SQLite from "better-sqlite3";
import { createDb } from "../../db/connection";
import { getSurvey } from "../../app/surveys/surveys.server";
import { tmpDir } from "../setup/paths";
import { removeDatabase, startServer, type RunningServer } from "../support/server";
import { ensureDataset } from "./dataset";
import { load, loadPage, row, SECONDS, THROUGHPUT_CONNECTIONS, type Load, type PageLoad } from "./load";
import { answerSurvey, seeded } from "./respondents";
import { eventLoopProbe, sampleMemory, type EventLoop } from "./server-probe";
import { csrfFrom, postForm, signIn } from "./staff";
import { wordBanks } from "./words";

const SURVEY = "parents-and-carers";
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
  submissions: Load & { stored: number; firstMs: number };
  pages: Record<string, PageLoad>;
  export: ExportFigures;
  merge: { ms: number; status: number; moved: number; doneMs: number; during: { pages: number; p50: number; max: number } };
  eventLoop: EventLoop | null;
  /** What a phone downloads for one question page (gzip). */
  download: { html: number; css: number; js: number };
}

/** Server processes, as production runs them: one per core (WEB_CONCURRENCY to choose). */
export const PROCESSES = Number(process.env.WEB_CONCURRENCY ?? os.availableParallelism());

/** The production build on a copy of the dataset, reporting its event loop. */
export async function serverOn(responses: number) {
  const dataset = await ensureDataset({ responses });
  fs.mkdirSync(tmpDir, { recursive: true });
  const copy = path.join(tmpDir, `bench-${process.pid}-${responses}.sqlite`);
  fs.copyFileSync(dataset, copy);
  const report = path.join(tmpDir, `event-loop-${process.pid}-${responses}.json`);
  const server = await startServer({
    databasePath: copy,
    env: { SUBMISSIONS_PER_HOUR_PER_ADDRESS: "100000000", EVENT_LOOP_REPORT: report, WEB_CONCURRENCY: String(PROCESSES) },
  });
  // A cluster's primary reports too, beside its workers.
  const eventLoop = await eventLoopProbe(server.process.pid!, report, PROCESSES > 1 ? PROCESSES + 1 : 1);
  if (eventLoop.reporting) await eventLoop.start();
  else console.log("  (this build does not report its event loop: rebuild with npm run build)");
  return { server, eventLoop };
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

/** Drafts with every answer in place, as respondents leave them, each sent once by a final POST. */
async function submissions(server: RunningServer) {
  const db = createDb(server.databasePath);
  const survey = (await getSurvey(db, SURVEY, "en"))!;
  await db.destroy();
  const next = seeded(42);
  const bank = wordBanks().get("en")!;
  const count = Math.max(2000, SECONDS * 1500);
  const sqlite = new SQLite(server.databasePath);
  sqlite.pragma("busy_timeout = 5000");
  const insert = sqlite.prepare(
    "insert into drafts (survey_id, token_hash, lang, answers, updated_at, expires_at, audience) values (?, ?, 'en', ?, ?, ?, 'parent_carer')",
  );
  const now = new Date().toISOString();
  const expires = new Date(Date.now() + 86_400_000).toISOString();
  const tokens = sqlite.transaction(() =>
    Array.from({ length: count }, () => {
      const token = randomBytes(32).toString("base64url");
      const { answers } = answerSurvey(next, survey.questions, { lang: "en", bank, young: false });
      insert.run(survey.id, createHash("sha256").update(token).digest("hex"), JSON.stringify(answers), now, expires);
      return token;
    }),
  )();
  sqlite.close();
  const draftCookie = createCookie("draft", { httpOnly: true, sameSite: "lax" });
  const cookies = await Promise.all(tokens.map(async (token) => (await draftCookie.serialize(token)).split(";")[0]));
  const before = server.query<{ n: number }>("select count(*) as n from responses")[0].n;
  // The first submission reads the safeguarding lists: timed on its own, like a page's first view.
  const started = performance.now();
  const first = await fetch(`${server.url}/surveys/${SURVEY}/consent`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookies[0] },
    body: "quote=yes&website=",
    redirect: "manual",
  });
  const firstMs = Math.round(performance.now() - started);
  let sent = 1;
  const figures = await load({
    url: server.url,
    connections: THROUGHPUT_CONNECTIONS,
    requests: [
      {
        method: "POST",
        path: `/surveys/${SURVEY}/consent`,
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: "quote=yes&website=",
        setupRequest: (request) => ({ ...request, headers: { ...request.headers, Cookie: cookies[sent++ % cookies.length] } }),
      },
    ],
  });
  const stored = server.query<{ n: number }>("select count(*) as n from responses")[0].n - before;
  console.log(row("complete submission (POST, 303)", figures));
  console.log(
    `  first submission ${firstMs} ms (status ${first.status}); ${stored} responses stored for ${figures.total + 1} answered requests (${count} drafts ready)`,
  );
  return { ...figures, stored, firstMs };
}

/** What the pages show: a common theme, and a response from the middle of the dataset that was reviewed and has words. */
function chooseSubjects(server: RunningServer) {
  const [theme] = server.query<{ id: number }>("select id from themes where slug = ?", THEME);
  const [response] = server.query<{ id: number }>(
    "select id from responses where flagged = 0 and status = 'done' and id >= (select max(id) / 2 from responses) and exists (select 1 from answers a where a.response_id = responses.id and a.text is not null) order by id limit 1",
  );
  return { theme, response };
}

/** Every page staff and the public read, each first viewed, then loaded. */
async function pages(server: RunningServer, moderator: string, subjects: ReturnType<typeof chooseSubjects>, endPhase: (name: string) => Promise<void>) {
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
async function exportAll(server: RunningServer, moderator: string): Promise<ExportFigures> {
  const csrf = await csrfFrom(`${server.url}/moderate/exports`, moderator);
  const memory = sampleMemory(server.process.pid!);
  const started = performance.now();
  let bytes = 0;
  let rows = 0;
  for (const { slug } of server.query<{ slug: string }>("select slug from surveys order by id")) {
    const response = await postForm(`${server.url}/moderate/exports/download`, moderator, { csrf, survey: slug, format: "csv" });
    if (response.status !== 200) throw new Error(`The ${slug} export answered ${response.status}`);
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.byteLength;
    const [audited] = server.query<{ after: string | null }>("select after from audit_log where action = 'responses.export' order by id desc limit 1");
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
async function merge(server: RunningServer, admin: string) {
  const [from, into] = server.query<{ theme_id: number }>("select theme_id from response_themes group by theme_id order by count(*) desc limit 2");
  const page = `${server.url}/admin/themes/${from.theme_id}`;
  const csrf = await csrfFrom(page, admin);
  const started = performance.now();
  const response = await postForm(page, admin, { csrf, intent: "merge", into: String(into.theme_id) });
  const ms = Math.round(performance.now() - started);
  const waits: number[] = [];
  while (server.query("select 1 from theme_merges where theme_id = ?", from.theme_id).length > 0) {
    const asked = performance.now();
    await (await fetch(`${server.url}/you-said-we-did?period=${PERIOD}`)).arrayBuffer();
    waits.push(performance.now() - asked);
  }
  const doneMs = Math.round(performance.now() - started);
  const [done] = server.query<{ after: string }>(
    "select after from audit_log where action = 'theme.merge.done' and entity_id = ? order by id desc limit 1",
    String(from.theme_id),
  );
  const moved = done ? Number((JSON.parse(done.after) as { tagsMoved: number }).tagsMoved) : 0;
  waits.sort((a, b) => a - b);
  const during = { pages: waits.length, p50: Math.round(waits[Math.floor(waits.length / 2)] ?? 0), max: Math.round(waits[waits.length - 1] ?? 0) };
  console.log(
    `theme merge: answered in ${ms} ms (status ${response.status}); ${moved.toLocaleString("en-GB")} tags moved in ${doneMs} ms; ` +
      `the public page meanwhile ${during.pages} times, p50 ${during.p50} ms, longest ${during.max} ms`,
  );
  return { ms, status: response.status, moved, doneMs, during };
}

export async function measureSize(responses: number): Promise<SizeFigures> {
  const { server, eventLoop } = await serverOn(responses);
  /** Runs one step of the run, then notes the longest event-loop delay the server saw during it. */
  const step = async <T>(name: string, work: () => Promise<T>) => {
    const result = await work();
    await eventLoop.endPhase(name);
    return result;
  };
  try {
    console.log(`\n== ${responses.toLocaleString("en-GB")} responses: ${PROCESSES} server processes, ${SECONDS} s per figure ==`);
    const subjects = chooseSubjects(server);
    const moderator = await step("sign-in", () => signIn(server.url, "moderator"));
    const admin = await step("sign-in", () => signIn(server.url, "administrator"));
    const question = await step("question page", () => questionPage(server));
    const submitted = await step("submissions", () => submissions(server));
    const read = await pages(server, moderator, subjects, eventLoop.endPhase);
    const exported = await step("export", () => exportAll(server, moderator));
    const merged = await step("merge", () => merge(server, admin));
    await server.stop();
    const stalls = eventLoop.finish();
    if (stalls) {
      const worst = Object.entries(stalls.phases)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3);
      console.log(
        `longest event-loop delay in the server: ${stalls.maxMs} ms (p99 ${stalls.p99Ms} ms); longest in ${worst.map(([name, ms]) => `${name} ${ms} ms`).join(", ")}`,
      );
    } else console.log("event-loop delay: not reported");
    return { responses, ...question, submissions: submitted, pages: read, export: exported, merge: merged, eventLoop: stalls };
  } finally {
    await server.stop();
    eventLoop.remove();
    removeDatabase(server.databasePath);
  }
}
