// Exports of many responses: rows per second and peak memory, printed, not asserted.
// BENCH_EXPORT_ROWS sets how many responses (default 1,000,000). Run on its own with
//   node --import tsx -e 'import("./tests/bench/exports-bench.ts").then((m) => m.exportsBench())'
import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import parentsAndCarers from "../../db/seed/surveys/parents-and-carers.survey.json";
import { rebuildAggregates } from "../../app/aggregates/rebuild.server";
import { createDb, type DB } from "../../db/connection";
import { migrateToLatest } from "../../db/migrate";
import { ensureStartingThemes } from "../../db/seed/themes";
import type { ExportFormat } from "../../app/exports/choice.server";
import { exportDownload } from "../../app/exports/download.server";
import { createSurvey } from "../../app/surveys/create.server";
import { getSurvey } from "../../app/surveys/surveys.server";
import { repoRoot } from "../setup/paths";
import { removeDatabase } from "../support/server";

const MB = 1024 * 1024;

/** N responses of the parent survey, about six answers each, made by the database itself (no row-by-row inserts), then counted. */
async function fill(db: DB, slug: string, n: number) {
  const survey = (await getSurvey(db, slug, "en"))!;
  const id = (key: string) => survey.questions.find((question) => question.key === key)!.id;
  await sql`
    with recursive seq(i) as (select 1 union all select i + 1 from seq where i < ${n})
    insert into responses (survey_id, survey_version, reference, lang, quote_consent, submitted_at, status, audience)
    select ${survey.id}, ${survey.version}, printf('B%011d', i), case i % 5 when 0 then 'pl' else 'en' end, i % 2,
      strftime('%Y-%m-%dT%H:%M:%fZ', '2025-04-01', '+' || (i * 30) || ' seconds'),
      case i % 3 when 0 then 'new' when 1 then 'in_review' else 'done' end, 'parent_carer'
    from seq`.execute(db);
  const choice = (key: string, values: string[], every = 1) => sql`
    insert into answers (response_id, question_id, choice, question_version)
    select r.id, ${id(key)}, case r.id % ${values.length} ${sql.join(
      values.map((value, index) => sql`when ${index} then ${value}`),
      sql` `,
    )} end, 1
    from responses r where r.survey_id = ${survey.id} and r.id % ${every} = 0`;
  await choice("support-type", ["ehc_plan", "sen_support", "no_extra_help", "not_sure", "prefer_not_to_say"]).execute(db);
  await choice("contact-reply", ["strongly_agree", "agree", "neither", "disagree", "strongly_disagree", "dont_know"]).execute(db);
  await choice("local-offer", ["very_easy", "easy", "hard", "very_hard", "not_used"]).execute(db);
  await choice("health-waits", ["camhs"], 2).execute(db);
  await choice("health-waits", ["autism_adhd"], 3).execute(db);
  await sql`
    insert into answers (response_id, question_id, text, translation, question_version)
    select r.id, ${id("one-change")}, '=Reply to emails within a week, please (' || r.id || ')',
      case r.lang when 'pl' then 'Reply faster (' || r.id || ')' end, 1
    from responses r where r.survey_id = ${survey.id}`.execute(db);
  await sql`
    insert into response_themes (response_id, theme_id, tagged_at)
    select r.id, 1 + r.id % 16, r.submitted_at from responses r where r.survey_id = ${survey.id} and r.id % 3 = 0`.execute(db);
  await rebuildAggregates(db);
  return survey.id;
}

/** Streams one export to nowhere, sampling memory as it goes. */
async function measure(db: DB, survey: { id: number; slug: string }, format: ExportFormat, userId: number) {
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const { rss, heapUsed } = process.memoryUsage();
    peakRss = Math.max(peakRss, rss);
    peakHeap = Math.max(peakHeap, heapUsed);
  };
  const before = process.memoryUsage();
  const timer = setInterval(sample, 50);
  const started = performance.now();
  const response = await exportDownload(db, { survey, period: null, from: null, to: null, format, includeHeld: false }, userId);
  let bytes = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.byteLength;
  const seconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  sample();
  const audited = await db.selectFrom("audit_log").select("after").where("action", "=", "responses.export").orderBy("id", "desc").executeTakeFirstOrThrow();
  const rows = Number((JSON.parse(audited.after ?? "{}") as { rows?: number }).rows);
  const figures = {
    format,
    rows,
    seconds: Math.round(seconds * 10) / 10,
    rowsPerSecond: Math.round(rows / seconds),
    megabytes: Math.round(bytes / MB),
    peakRssMb: Math.round(peakRss / MB),
    peakHeapMb: Math.round(peakHeap / MB),
  };
  console.log(
    `  ${format.padEnd(4)} ${rows.toLocaleString("en-GB")} rows in ${seconds.toFixed(1)} s = ${Math.round(rows / seconds).toLocaleString("en-GB")} rows/s, ` +
      `${(bytes / MB).toFixed(0)} MB; RSS ${(before.rss / MB).toFixed(0)} → peak ${(peakRss / MB).toFixed(0)} MB, heap ${(before.heapUsed / MB).toFixed(0)} → peak ${(peakHeap / MB).toFixed(0)} MB`,
  );
  return figures;
}

export async function exportsBench(rows = Number(process.env.BENCH_EXPORT_ROWS ?? 1_000_000)) {
  const file = path.join(repoRoot, "tests/.tmp", `exports-bench-${process.pid}.sqlite`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = createDb(file);
  try {
    await migrateToLatest(db, () => {});
    await ensureStartingThemes(db);
    await createSurvey(db, { ...(parentsAndCarers as Parameters<typeof createSurvey>[1]), slug: "bench-parents" });
    const user = await db
      .insertInto("users")
      .values({ email: "bench@example.org", name: "Bench", role: "moderator", password_hash: "not a hash" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const filling = performance.now();
    const surveyId = await fill(db, "bench-parents", rows);
    console.log(`\nexports: ${rows.toLocaleString("en-GB")} responses made in ${((performance.now() - filling) / 1000).toFixed(1)} s`);
    const figures = [];
    for (const format of ["csv", "xlsx"] as const) figures.push(await measure(db, { id: surveyId, slug: "bench-parents" }, format, user.id));
    return figures;
  } finally {
    await db.destroy();
    removeDatabase(file);
  }
}
