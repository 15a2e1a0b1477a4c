// The bench's dataset: the demo portal (surveys, themes, staff, periods, actions) grown to N responses
// as real respondents and a real moderation team would leave them. Built once per size and kept in
// .bench/, named by the size and a hash of the migrations and of this generator, so a schema or
// generator change builds it afresh.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import type SQLite from "better-sqlite3";
import { createDb, sqliteHandle, type DB } from "../../db/connection";
import { migrateToLatest } from "../../db/migrate";
import { seedDemo } from "../../db/seed/demo";
import { rebuildAggregates } from "../../app/aggregates/rebuild.server";
import { rebuildSuggestionModel } from "../../app/moderation/suggestions.server";
import { getDetector } from "../../app/safeguarding/phrases.server";
import { getSurvey } from "../../app/surveys/surveys.server";
import { repoRoot } from "../setup/paths";
import { removeDatabase } from "../support/server";
import { loadResponses, type BulkContext } from "./bulk";
import { addPublishing } from "./publishing-data";
import { learnSuggestions } from "./suggestion-model";
import { seeded } from "./respondents";
import { wordBanks } from "./words";

export const benchDir = path.join(repoRoot, ".bench");
/** Up to this size, the bench's fast suggestion counts are checked against the app's own rebuild. */
const CHECKED_UP_TO = 20_000;

/** What the data is made from: the migrations, this generator and the words it uses. */
export function sourceHash(): string {
  const hash = createHash("sha256");
  const files = [
    ...fs.readdirSync(path.join(repoRoot, "db/migrations")).map((file) => path.join(repoRoot, "db/migrations", file)),
    ...["dataset.ts", "bulk.ts", "respondents.ts", "words.ts", "publishing-data.ts", "suggestion-model.ts"].map((file) => path.join(import.meta.dirname, file)),
  ].sort();
  for (const file of files) hash.update(file.slice(repoRoot.length)).update(fs.readFileSync(file));
  return hash.digest("hex").slice(0, 10);
}

export function datasetFile(responses: number): string {
  return path.join(benchDir, `responses-${responses}-${sourceHash()}.sqlite`);
}

export interface DatasetOptions {
  responses: number;
  /** Where to put it; by default the cache in .bench/. */
  out?: string;
  log?: (line: string) => void;
}

/** The dataset's file: reused when it is there, built when it is not. */
export async function ensureDataset({ responses, out, log = console.log }: DatasetOptions): Promise<string> {
  const file = out ? path.resolve(out) : datasetFile(responses);
  if (fs.existsSync(file)) return file;
  if (!out) forgetOlderBuilds(responses);
  await buildDataset(file, responses, log);
  return file;
}

/** Earlier builds of the same size (another schema or generator) take gigabytes at a million: they go. */
function forgetOlderBuilds(responses: number) {
  if (!fs.existsSync(benchDir)) return;
  for (const file of fs.readdirSync(benchDir).filter((name) => name.startsWith(`responses-${responses}-`) && name.endsWith(".sqlite"))) {
    removeDatabase(path.join(benchDir, file));
  }
}

async function buildDataset(file: string, responses: number, log: (line: string) => void) {
  const started = performance.now();
  const seconds = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
  // Written beside the final name and renamed at the end: a build cut short never looks finished.
  const partial = `${file}.${process.pid}.partial`;
  removeDatabase(partial);
  const db = createDb(partial);
  const sqlite = sqliteHandle(db)!;
  try {
    await migrateToLatest(db, () => {});
    await seedDemo(db);
    const context = await readContext(db);
    const demo = Number(
      (
        await db
          .selectFrom("responses")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
    log(`bench data: ${responses.toLocaleString("en-GB")} responses (${demo} from the demo) into ${path.relative(repoRoot, file)}`);
    // Nothing here needs surviving a crash: a failed build starts again.
    sqlite.pragma("journal_mode = OFF");
    sqlite.pragma("synchronous = OFF");
    sqlite.pragma("foreign_keys = OFF");
    sqlite.pragma("cache_size = -524288");
    const next = seeded(responses);
    const figures = loadResponses(sqlite, context, Math.max(0, responses - demo), next, log);
    log(
      `  ${figures.responses.toLocaleString("en-GB")} responses, ${figures.answers.toLocaleString("en-GB")} answers, ${figures.tags.toLocaleString("en-GB")} tags, ${figures.held} held, ${figures.drafts.toLocaleString("en-GB")} drafts (${seconds()})`,
    );
    sqlite.pragma("foreign_keys = ON");
    const { statements } = await addPublishing(db, context.themes, next);
    log(`  periods, actions, quotes and ${statements} statements (${seconds()})`);
    await learnTags(db, responses);
    log(`  theme suggestions learned from the tags (${seconds()})`);
    await rebuildAggregates(db);
    log(`  counts rebuilt (${seconds()})`);
    await sql`analyze`.execute(db);
    sqlite.pragma("journal_mode = WAL");
    await summarise(db, log);
  } finally {
    await db.destroy();
  }
  fs.renameSync(partial, file);
  log(`bench data ready in ${seconds()}: ${(fs.statSync(file).size / 1024 / 1024).toFixed(0)} MB`);
}

/** The suggestion model's counts, as text to compare. */
function suggestionCounts(sqlite: SQLite.Database): string {
  return ["suggestion_terms", "suggestion_docs", "suggestion_languages"]
    .map((table) =>
      (sqlite.prepare(`select * from ${table}`).raw().all() as unknown[][])
        .map((row) => JSON.stringify(row))
        .sort()
        .join("\n"),
    )
    .join("\n");
}

/** The suggestions learn every tag in one pass; on a small dataset the app's own rebuild must agree. */
async function learnTags(db: DB, responses: number) {
  const sqlite = sqliteHandle(db)!;
  learnSuggestions(sqlite);
  if (responses > CHECKED_UP_TO) return;
  const ours = suggestionCounts(sqlite);
  await rebuildSuggestionModel(db);
  if (suggestionCounts(sqlite) !== ours) throw new Error("tests/bench/suggestion-model.ts counts differently from rebuildSuggestionModel: make them agree");
}

async function readContext(db: DB): Promise<BulkContext> {
  const parent = await getSurvey(db, "parents-and-carers", "en");
  const young = await getSurvey(db, "young-people", "en");
  if (!parent || !young) throw new Error("The demo surveys are missing: the bench data starts from the demo.");
  const staff = await db.selectFrom("users").select(["id", "role"]).execute();
  const idOf = (role: string) => staff.find((user) => user.role === role)!.id;
  return {
    surveys: { parent, young },
    themes: await db.selectFrom("themes").select(["id", "slug"]).orderBy("id").execute(),
    staff: { moderator: idOf("moderator"), admin: idOf("administrator"), lead: idOf("safeguarding_lead") },
    banks: wordBanks(),
    detector: await getDetector(db),
    now: new Date(),
  };
}

async function summarise(db: DB, log: (line: string) => void) {
  const count = async (table: "responses" | "answers" | "response_themes" | "drafts" | "safeguarding_concerns" | "quotes" | "statements" | "actions") =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const responses = await count("responses");
  const answers = await count("answers");
  log(
    `  in all: ${responses.toLocaleString("en-GB")} responses, ${answers.toLocaleString("en-GB")} answers (${(answers / responses).toFixed(2)} each), ` +
      `${(await count("response_themes")).toLocaleString("en-GB")} tags, ${await count("safeguarding_concerns")} concerns, ${(await count("drafts")).toLocaleString("en-GB")} drafts, ` +
      `${await count("quotes")} quotes, ${await count("statements")} statements, ${await count("actions")} actions`,
  );
}
