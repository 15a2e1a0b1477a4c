import { sql, type Kysely } from "kysely";
import type {
  AnswerCountTable,
  Database,
  OutreachCountTable,
  QueueCountTable,
  QueueThemeCountTable,
  ResponseCountTable,
  ThemeCountTable,
} from "../../db/schema";
import { DONT_KNOW, PREFER_NOT_TO_SAY } from "../surveys/model";
import { monthOf } from "./spans";

/**
 * The count tables (response_counts, theme_counts, answer_counts) hold what every figure people
 * read is made of. They change in the same transaction as what they count, through one mechanism:
 * work out what the responses added to the counts before a change, make the change, work out what
 * they add after it, and apply the difference. A response held for safeguarding adds nothing.
 * See docs/decisions/020-counts.md.
 */

type Trx = Kysely<Database>;
type Counted<T> = Omit<T, "n">;

/** A structured answer that raises its question's theme: anything but "Don't know" and "Prefer not to say". */
export const notRaising = [DONT_KNOW, PREFER_NOT_TO_SAY];
export const raisesTheme = (choice: string | null) => choice !== null && !notRaising.includes(choice);

/** The calendar day of an ISO 8601 time: its first ten characters, in SQLite and PostgreSQL alike. */
export const dayOf = (iso: string) => iso.slice(0, 10);

interface Contribution {
  response_counts: Counted<ResponseCountTable>[];
  queue_counts: Counted<QueueCountTable>[];
  theme_counts: Counted<ThemeCountTable>[];
  queue_theme_counts: Counted<QueueThemeCountTable>[];
  answer_counts: Counted<AnswerCountTable>[];
  outreach_counts: Counted<OutreachCountTable>[];
}

/** Each count table's key columns, in primary key order. */
export const countKeys = {
  response_counts: ["day", "survey_id", "audience", "lang"],
  queue_counts: ["survey_id", "audience", "lang", "status", "tagged"],
  theme_counts: ["span", "theme_id", "survey_id", "audience", "lang"],
  queue_theme_counts: ["theme_id", "survey_id", "audience", "lang", "status", "tagged"],
  answer_counts: ["question_id", "span", "question_version", "choice", "audience", "lang"],
  outreach_counts: ["outreach_link_id", "day", "audience", "lang"],
} as const;
type CountTable = keyof typeof countKeys;
const tables = Object.keys(countKeys) as CountTable[];

const BATCH = 400;
const nothing = (): Contribution => ({
  response_counts: [],
  queue_counts: [],
  theme_counts: [],
  queue_theme_counts: [],
  answer_counts: [],
  outreach_counts: [],
});

/** Rows grouped by the response they belong to. */
function byResponse<T extends { response_id: number }>(rows: T[]) {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const group = groups.get(row.response_id);
    if (group) group.push(row);
    else groups.set(row.response_id, [row]);
  }
  return groups;
}

type Merges = { theme_id: number; into_id: number; through_response_id: number }[];

/**
 * The theme a response counts for when it raises `themeId`: the kept theme instead, once a merge
 * under way has moved that response (app/moderation/merges.server.ts).
 */
const raisedAs = (merges: Merges, themeId: number, responseId: number) =>
  merges.find((merge) => merge.theme_id === themeId && responseId <= merge.through_response_id)?.into_id ?? themeId;

/**
 * What these responses add to each count table, read from the responses, their tags and their
 * answers; or, with `themesOnly`, to the two theme tables alone, reading only the answers that
 * raise a theme.
 */
async function contributionOf(trx: Trx, responseIds: number[], themesOnly = false): Promise<Contribution> {
  const adds = nothing();
  if (responseIds.length === 0) return adds;
  const [responses, tags, answers, merges] = await Promise.all([
    trx
      .selectFrom("responses")
      .select(["id", "survey_id", "audience", "lang", "status", "submitted_at", "outreach_link_id"])
      .where("id", "in", responseIds)
      .where("flagged", "=", 0)
      .execute(),
    trx.selectFrom("response_themes").select(["response_id", "theme_id"]).where("response_id", "in", responseIds).execute(),
    trx
      .selectFrom("answers as a")
      .innerJoin("questions as q", "q.id", "a.question_id")
      .select(["a.response_id", "a.question_id", "a.question_version", "a.choice", "q.theme_id"])
      .where("a.response_id", "in", responseIds)
      // The questions carrying a theme, named, so that their answers are found by index.
      .$if(themesOnly, (query) => query.where("a.question_id", "in", trx.selectFrom("questions").select("id").where("theme_id", "is not", null)))
      .execute(),
    trx.selectFrom("theme_merges").select(["theme_id", "into_id", "through_response_id"]).execute(),
  ]);
  const [tagsOf, answersOf] = [byResponse(tags), byResponse(answers)];
  for (const response of responses) {
    const own = tagsOf.get(response.id) ?? [];
    const given = answersOf.get(response.id) ?? [];
    const who = { survey_id: response.survey_id, audience: response.audience, lang: response.lang };
    const day = dayOf(response.submitted_at);
    const queue = { ...who, status: response.status, tagged: own.length > 0 ? 1 : 0 };
    if (!themesOnly) {
      adds.response_counts.push({ ...who, day });
      adds.queue_counts.push(queue);
      if (response.outreach_link_id !== null)
        adds.outreach_counts.push({ outreach_link_id: response.outreach_link_id, day, audience: response.audience, lang: response.lang });
    }
    const raised = new Set(own.map((tag) => tag.theme_id));
    for (const answer of given) if (answer.theme_id !== null && raisesTheme(answer.choice)) raised.add(answer.theme_id);
    const themes = new Set([...raised].map((themeId) => raisedAs(merges, themeId, response.id)));
    // Day and month alike: see spans.ts.
    for (const span of [day, monthOf(day)]) {
      for (const theme_id of themes) adds.theme_counts.push({ ...who, span, theme_id });
      for (const answer of themesOnly ? [] : given) {
        adds.answer_counts.push({
          span,
          audience: who.audience,
          lang: who.lang,
          question_id: answer.question_id,
          question_version: answer.question_version,
          choice: answer.choice ?? "",
        });
      }
    }
    for (const theme_id of themes) adds.queue_theme_counts.push({ ...queue, theme_id });
  }
  return adds;
}

/** Rows with a count each, added up by their key in one table: +n for what is counted now, -n for what was. */
function tally<T extends object>(into: Map<string, T & { n: number }>, rows: T[], table: CountTable, n: number) {
  for (const row of rows) {
    const key = countKeys[table].map((column) => String(row[column as keyof T])).join("\u0000");
    const entry = into.get(key) ?? { ...row, n: 0 };
    entry.n += "n" in row ? n * Number(row.n) : n;
    into.set(key, entry);
  }
}

/** Adds each row's n to its key's count (a new key starts from nothing): one upsert per batch of keys. */
async function addCounts<T extends object>(trx: Trx, table: CountTable, changes: Map<string, T & { n: number }>) {
  const rows = [...changes.values()].filter((change) => change.n !== 0);
  for (let start = 0; start < rows.length; start += BATCH) {
    await trx
      .insertInto(table)
      .values(rows.slice(start, start + BATCH) as never)
      .onConflict((oc) => oc.columns([...countKeys[table]]).doUpdateSet({ n: sql`${sql.ref(`${table}.n`)} + excluded.n` }))
      .execute();
  }
}

async function applyContributions(trx: Trx, before: Contribution, after: Contribution) {
  for (const table of tables) {
    const changes = new Map<string, object & { n: number }>();
    tally(changes, before[table] as object[], table, -1);
    tally(changes, after[table] as object[], table, 1);
    await addCounts(trx, table, changes);
  }
}

/**
 * Runs a change to these responses (their status, tags, flag) inside the caller's transaction and
 * brings the counts along with it. Responses it creates are counted with `countNewResponse`.
 */
export async function withCounts<T>(trx: Trx, responseIds: number[], change: () => Promise<T>): Promise<T> {
  const ids = [...new Set(responseIds)];
  const before = await contributionOf(trx, ids);
  const result = await change();
  await applyContributions(trx, before, await contributionOf(trx, ids));
  return result;
}

/**
 * As `withCounts`, for a change that can only move responses between themes (a merge moving tags):
 * their days, statuses, answers and whether they are tagged at all stay as they were, so only the
 * theme tables are worked out.
 */
export async function withThemeCounts<T>(trx: Trx, responseIds: number[], change: () => Promise<T>): Promise<T> {
  const ids = [...new Set(responseIds)];
  const before = await contributionOf(trx, ids, true);
  const result = await change();
  await applyContributions(trx, before, await contributionOf(trx, ids, true));
  return result;
}

/** Counts a response just written with its answers (and held, if it was: then it adds nothing). */
export async function countNewResponse(trx: Trx, responseId: number): Promise<void> {
  await applyContributions(trx, nothing(), await contributionOf(trx, [responseId]));
}

/** 1 when the response under alias `r` has a moderator's tag, else 0. */
export const isTagged = sql<number>`case when exists (select 1 from response_themes rt where rt.response_id = r.id) then 1 else 0 end`;

/** The questions carrying these themes, or any theme: a handful, read first so each query names them. */
async function carriers(trx: Trx, themeIds: number[] | null) {
  const rows = await trx
    .selectFrom("questions")
    .select("id")
    .$if(themeIds === null, (query) => query.where("theme_id", "is not", null))
    .$if(themeIds !== null, (query) => query.where("theme_id", "in", themeIds!.length ? themeIds! : [-1]))
    .execute();
  return rows.map((row) => row.id);
}

/**
 * (response_id, theme_id) for every response that raised one of these themes, or any theme when
 * `themeIds` is null: its tags, and its structured answers to the questions carrying them, both
 * found by index. Joined to responses with `cross join … where`, which SQLite reads in the order
 * written (these pairs first, each response by its key) and PostgreSQL plans as an inner join.
 */
async function raisedBy(trx: Trx, themeIds: number[] | null) {
  const questions = await carriers(trx, themeIds);
  const tags = sql`select rt.response_id, rt.theme_id from response_themes rt ${themeIds ? sql`where rt.theme_id in (${sql.join(themeIds)})` : sql``}`;
  if (questions.length === 0) return tags;
  return sql`${tags}
    union
    select a.response_id, q.theme_id from answers a join questions q on q.id = a.question_id
    where a.question_id in (${sql.join(questions)}) and a.choice not in (${sql.join(notRaising)})`;
}

/**
 * Counts these themes again from the tags and answers: after a question starts or stops carrying a
 * theme. It reads only these themes' tags and answers, by index, never all of them.
 */
export async function recountThemes(trx: Trx, themeIds: number[]): Promise<void> {
  const ids = [...new Set(themeIds)];
  if (ids.length === 0) return;
  await trx.deleteFrom("theme_counts").where("theme_id", "in", ids).execute();
  await trx.deleteFrom("queue_theme_counts").where("theme_id", "in", ids).execute();
  await countThemes(trx, ids);
}

/**
 * Counts the responses raising these themes (every theme when `themeIds` is null) from the tags and
 * answers, at the finest grain both theme tables need, and adds them to the tables. Merges under way
 * are finished first by the callers, so every tag and question already names the theme it counts for.
 */
export async function countThemes(trx: Trx, themeIds: number[] | null): Promise<void> {
  const { rows } = await sql<Counted<QueueThemeCountTable> & { day: string; n: number }>`
    select raised.theme_id, substr(r.submitted_at, 1, 10) as day, r.survey_id, r.audience, r.lang, r.status, ${isTagged} as tagged, count(*) as n
    from (${await raisedBy(trx, themeIds)}) raised cross join responses r
    where r.id = raised.response_id and r.flagged = 0
    group by raised.theme_id, substr(r.submitted_at, 1, 10), r.survey_id, r.audience, r.lang, r.status, ${isTagged}`.execute(trx);
  const themes = new Map<string, Counted<ThemeCountTable> & { n: number }>();
  const queue = new Map<string, Counted<QueueThemeCountTable> & { n: number }>();
  for (const { day, ...row } of rows) {
    const who = { theme_id: row.theme_id, survey_id: row.survey_id, audience: row.audience, lang: row.lang, n: Number(row.n) };
    tally(
      themes,
      [
        { ...who, span: day },
        { ...who, span: monthOf(day) },
      ],
      "theme_counts",
      1,
    );
    tally(queue, [{ ...who, status: row.status, tagged: Number(row.tagged) }], "queue_theme_counts", 1);
  }
  await addCounts(trx, "theme_counts", themes);
  await addCounts(trx, "queue_theme_counts", queue);
}
