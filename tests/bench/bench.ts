// npm run bench: figures are printed, not asserted. Runs against the production build on a fresh database.
import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import { gzipSync } from "node:zlib";
import { createCookie } from "@remix-run/node";
import autocannon from "autocannon";
import SQLite from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { createDetector } from "../../app/safeguarding/detect";
import { shippedLists } from "../../app/safeguarding/phrases.server";
import { removeDatabase, startServer } from "../support/server";

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 20;
const SURVEY = "parents-and-carers";
const QUESTION = `/surveys/${SURVEY}/questions/contact-reply`;

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  total: number;
}

async function load(options: autocannon.Options): Promise<Figures> {
  const result = await autocannon({ connections: CONNECTIONS, duration: DURATION, ...options });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    total: result.requests.total,
  };
}

const row = (name: string, f: Figures) =>
  `${name.padEnd(34)} ${f.rps.toFixed(0).padStart(7)} req/s   p50 ${String(f.p50).padStart(4)} ms   p99 ${String(f.p99).padStart(4)} ms`;

/**
 * The safeguarding detector runs inside the submit's transaction, while SQLite's write lock is held:
 * how long it takes for an answer is how long every other writer waits.
 */
function detectorFigures() {
  const lists = shippedLists;
  const compileStart = performance.now();
  const detector = createDetector(lists);
  const compileMs = performance.now() - compileStart;
  const corpusDir = path.join(import.meta.dirname, "../safeguarding/corpus");
  const texts = fs.readdirSync(corpusDir).flatMap((file) => {
    const corpus = JSON.parse(fs.readFileSync(path.join(corpusDir, file), "utf8")) as { disclosures: { text: string }[]; ordinary: { text: string }[] };
    return [...corpus.disclosures, ...corpus.ordinary].map((item) => item.text);
  });
  // The longest answer a survey takes (2,000 characters) as well as short ones.
  const long = texts.join(" ").slice(0, 2000);
  const timings: number[] = [];
  for (let round = 0; round < 20; round++) {
    for (const text of [...texts, long]) {
      const started = performance.now();
      detector.find(text);
      timings.push(performance.now() - started);
    }
  }
  timings.sort((a, b) => a - b);
  const at = (q: number) => timings[Math.floor(q * (timings.length - 1))];
  const longStart = performance.now();
  for (let i = 0; i < 20; i++) detector.find(long);
  const longMs = (performance.now() - longStart) / 20;
  const patterns = lists.reduce((sum, list) => sum + Object.values(list.phrases).reduce((n, group) => n + (group?.length ?? 0), 0), 0);
  console.log(`
safeguarding detector: ${patterns} patterns in ${lists.length} lists, compiled in ${compileMs.toFixed(0)} ms`);
  console.log(`  per answer: p50 ${at(0.5).toFixed(2)} ms, p99 ${at(0.99).toFixed(2)} ms; a 2,000-character answer ${longMs.toFixed(2)} ms`);
}
detectorFigures();

const server = await startServer({ env: { SUBMISSIONS_PER_HOUR_PER_ADDRESS: "100000000" } });
const draftCookie = createCookie("draft", { httpOnly: true, sameSite: "lax" });

try {
  // One person part-way through the parent survey.
  const started = await fetch(`${server.url}/surveys/${SURVEY}`, {
    method: "POST",
    body: new URLSearchParams({ intent: "start" }),
    redirect: "manual",
  });
  const cookie = started.headers.getSetCookie()[0].split(";")[0];
  const page = await fetch(`${server.url}${QUESTION}`, { headers: { Cookie: cookie } });
  const html = Buffer.from(await page.arrayBuffer());

  const bare = http.createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": html.length });
    res.end(html);
  });
  await new Promise<void>((resolve) => bare.listen(0, "127.0.0.1", resolve));
  const barePort = (bare.address() as { port: number }).port;

  console.log(`\nBenchmark: ${DURATION}s each, ${CONNECTIONS} connections, production build, fresh database\n`);
  const portal = await load({ url: `${server.url}${QUESTION}`, headers: { Cookie: cookie } });
  const baseline = await load({ url: `http://127.0.0.1:${barePort}${QUESTION}` });
  bare.close();
  console.log(row("question page (portal)", portal));
  console.log(row("same bytes (bare node:http)", baseline));
  console.log(`portal / bare: ${((portal.rps / baseline.rps) * 100).toFixed(1)}% of the bare server's throughput`);
  if (portal.non2xx) console.log(`  (${portal.non2xx} non-2xx answers from the portal)`);

  // Complete submissions: drafts with every answer in place, each sent once.
  const db = new SQLite(server.databasePath);
  db.pragma("busy_timeout = 5000");
  const questions = db
    .prepare("select q.key, q.id from questions q join surveys s on s.id = q.survey_id where s.slug = ?")
    .all(SURVEY) as { key: string; id: number }[];
  const id = (key: string) => questions.find((q) => q.key === key)!.id;
  const answers = JSON.stringify({
    [id("support-type")]: "sen_support",
    [id("contact-reply")]: "disagree",
    [id("setting-support")]: "agree",
    [id("views-listened-to")]: "neither",
    [id("one-change")]: "Reply to emails within a week, please.",
  });
  const surveyId = (db.prepare("select id from surveys where slug = ?").get(SURVEY) as { id: number }).id;
  const drafts = Math.max(5000, DURATION * 3000);
  const tokens: string[] = [];
  const insert = db.prepare(
    "insert into drafts (survey_id, token_hash, lang, answers, updated_at, expires_at) values (?, ?, 'en', ?, ?, ?)",
  );
  const now = new Date().toISOString();
  const expires = new Date(Date.now() + 86_400_000).toISOString();
  db.transaction(() => {
    for (let i = 0; i < drafts; i++) {
      const token = randomBytes(32).toString("base64url");
      tokens.push(token);
      insert.run(surveyId, createHash("sha256").update(token).digest("hex"), answers, now, expires);
    }
  })();
  db.close();
  const cookies = await Promise.all(tokens.map(async (token) => (await draftCookie.serialize(token)).split(";")[0]));

  const storedBefore = server.query<{ n: number }>("select count(*) as n from responses")[0].n;
  let next = 0;
  const submissions = await load({
    url: server.url,
    requests: [
      {
        method: "POST",
        path: `/surveys/${SURVEY}/consent`,
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: "quote=yes&website=",
        setupRequest: (request) => ({ ...request, headers: { ...request.headers, Cookie: cookies[next++ % cookies.length] } }),
      },
    ],
  });
  const stored = server.query<{ n: number }>("select count(*) as n from responses")[0].n - storedBefore;
  console.log(row("complete submission (POST → 303)", submissions));
  console.log(`  ${stored} responses stored for ${submissions.total} answered requests (requests still in flight when the run ended also count)`);

  // The moderation queue with 300,000 responses, a third of them tagged.
  const QUEUE_SIZE = Number(process.env.BENCH_QUEUE_SIZE ?? 300_000);
  const bulk = new SQLite(server.databasePath);
  bulk.pragma("busy_timeout = 5000");
  const insertResponse = bulk.prepare(
    "insert into responses (survey_id, reference, lang, quote_consent, submitted_at, status) values (?, ?, 'en', 1, ?, ?)",
  );
  const insertAnswer = bulk.prepare("insert into answers (response_id, question_id, text) values (?, ?, ?)");
  const insertTag = bulk.prepare("insert into response_themes (response_id, theme_id, tagged_at) values (?, ?, ?)");
  const statuses = ["new", "in_review", "done"];
  const freeText = id("one-change");
  const started2 = Date.now();
  bulk.transaction(() => {
    for (let i = 0; i < QUEUE_SIZE; i++) {
      const at = new Date(Date.now() - (i % 31_536_000) * 1000).toISOString();
      const responseId = insertResponse.run(surveyId, `Q${String(i).padStart(11, "0")}`, at, statuses[i % 3]).lastInsertRowid;
      insertAnswer.run(responseId, freeText, `Reply to emails within a week, please (${i}).`);
      if (i % 3 === 0) insertTag.run(responseId, 1 + (i % 16), at);
    }
  })();
  bulk.close();
  console.log(`\nqueue: ${QUEUE_SIZE.toLocaleString("en-GB")} more responses loaded in ${((Date.now() - started2) / 1000).toFixed(1)} s`);
  const signIn = await fetch(`${server.url}/sign-in`, {
    method: "POST",
    body: new URLSearchParams({ email: "moderator@example.org", password: "demo moderator password" }),
    redirect: "manual",
  });
  const staffCookie = signIn.headers.getSetCookie()[0].split(";")[0];
  for (const path of ["/moderate", "/moderate?theme=4", "/moderate?untagged=1", "/moderate?status=done"]) {
    const t0 = performance.now();
    await (await fetch(`${server.url}${path}`, { headers: { Cookie: staffCookie } })).text();
    const cold = performance.now() - t0;
    const warm = await load({ url: `${server.url}${path}`, headers: { Cookie: staffCookie }, duration: Math.min(DURATION, 5) });
    console.log(`${row(`queue ${path}`, warm)}   first view ${cold.toFixed(0)} ms`);
  }

  // The public page, its report and open data, on the demo data plus the large queue above.
  console.log("");
  for (const path of ["/you-said-we-did?period=2025-26", "/you-said-we-did?period=2025-26&status=done&q=email", "/you-said-we-did/report?period=2025-26", "/you-said-we-did.json?period=2025-26"]) {
    const t0 = performance.now();
    const first = await fetch(`${server.url}${path}`);
    await first.text();
    const cold = performance.now() - t0;
    const warm = await load({ url: `${server.url}${path}`, duration: Math.min(DURATION, 5) });
    console.log(`${row(`public ${path}`, warm)}   first view ${cold.toFixed(0)} ms`);
  }

  // What a phone downloads for one question page.
  const gz = await fetch(`${server.url}${QUESTION}`, { headers: { Cookie: cookie, "Accept-Encoding": "gzip" } });
  const htmlBytes = gzipSync(html).length;
  const body = await gz.text();
  const assets = [...body.matchAll(/(?:href|src)="(\/(?:build\/[^"]+|listen))\.(css|js)"/g)].map(([whole, stem, kind]) => [whole, `${stem}.${kind}`, kind]);
  let css = 0;
  let js = 0;
  for (const [, path, kind] of assets) {
    const bytes = gzipSync(Buffer.from(await (await fetch(`${server.url}${path}`)).arrayBuffer())).length;
    if (kind === "css") css += bytes;
    else js += bytes;
  }
  const total = htmlBytes + css + js;
  console.log(`\nquestion page download (gzip): HTML ${htmlBytes} B + CSS ${css} B + JS ${js} B = ${total} B; JavaScript ${((js / total) * 100).toFixed(1)}%`);
  console.log(`  (uncompressed HTML ${html.length} B)\n`);
  await (await import("./suggestions-bench")).suggestionsBenchmark();
} finally {
  await server.stop();
  removeDatabase(server.databasePath);
}

// Exports (CSV and Excel) of BENCH_EXPORT_ROWS responses, on a database of their own.
await (await import("./exports-bench")).exportsBench();
