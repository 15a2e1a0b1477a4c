import { sql, type Kysely } from "kysely";
import type { AnswerCountTable, Database, ResponseCountTable, ThemeCountTable } from "../../db/schema";
import { DONT_KNOW, PREFER_NOT_TO_SAY } from "../surveys/model";

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
export const raisesTheme = (choice: string | null) => choice !== null && choice !== DONT_KNOW && choice !== PREFER_NOT_TO_SAY;
export const notRaising = [DONT_KNOW, PREFER_NOT_TO_SAY];

/** The calendar day of an ISO 8601 time: its first ten characters, in SQLite and PostgreSQL alike. */
export const dayOf = (iso: string) => iso.slice(0, 10);

interface Contribution {
  responses: Counted<ResponseCountTable>[];
  themes: Counted<ThemeCountTable>[];
  answers: Counted<AnswerCountTable>[];
}

const keys = {
  response_counts: ["day", "survey_id", "audience", "lang", "status", "tagged"],
  theme_counts: ["day", "theme_id", "survey_id", "audience", "lang", "status", "tagged"],
  answer_counts: ["question_id", "day", "question_version", "choice", "audience", "lang"],
} as const;
type CountTable = keyof typeof keys;

const BATCH = 400;

/** What these responses add to each count table, read from the responses, their tags and their answers. */
async function contributionOf(trx: Trx, responseIds: number[]): Promise<Contribution> {
  const empty: Contribution = { responses: [], themes: [], answers: [] };
  if (responseIds.length === 0) return empty;
  const [responses, tags, answers] = await Promise.all([
    trx
      .selectFrom("responses")
      .select(["id", "survey_id", "audience", "lang", "status", "submitted_at"])
      .where("id", "in", responseIds)
      .where("flagged", "=", 0)
      .execute(),
    trx.selectFrom("response_themes").select(["response_id", "theme_id"]).where("response_id", "in", responseIds).execute(),
    trx
      .selectFrom("answers as a")
      .innerJoin("questions as q", "q.id", "a.question_id")
      .select(["a.response_id", "a.question_id", "a.question_version", "a.choice", "q.theme_id"])
      .where("a.response_id", "in", responseIds)
      .execute(),
  ]);
  for (const response of responses) {
    const common = { day: dayOf(response.submitted_at), audience: response.audience, lang: response.lang };
    const own = tags.filter((tag) => tag.response_id === response.id);
    const given = answers.filter((answer) => answer.response_id === response.id);
    const counted = { ...common, survey_id: response.survey_id, status: response.status, tagged: own.length > 0 ? 1 : 0 };
    empty.responses.push(counted);
    const raised = new Set(own.map((tag) => tag.theme_id));
    for (const answer of given) if (answer.theme_id !== null && raisesTheme(answer.choice)) raised.add(answer.theme_id);
    for (const theme_id of raised) empty.themes.push({ ...counted, theme_id });
    for (const answer of given) {
      empty.answers.push({ ...common, question_id: answer.question_id, question_version: answer.question_version, choice: answer.choice ?? "" });
    }
  }
  return empty;
}

/** Adds each row's key to the tally with a sign: +1 for what is counted now, -1 for what was. */
function tally<T extends object>(into: Map<string, { row: T; n: number }>, rows: T[], table: CountTable, sign: 1 | -1) {
  for (const row of rows) {
    const key = keys[table].map((column) => String(row[column as keyof T])).join("\u0000");
    const entry = into.get(key) ?? { row, n: 0 };
    entry.n += sign;
    into.set(key, entry);
  }
}

async function applyDifference<T extends object>(trx: Trx, table: CountTable, before: T[], after: T[]) {
  const changes = new Map<string, { row: T; n: number }>();
  tally(changes, before, table, -1);
  tally(changes, after, table, 1);
  const rows = [...changes.values()].filter((change) => change.n !== 0).map((change) => ({ ...change.row, n: change.n }));
  for (let start = 0; start < rows.length; start += BATCH) {
    await trx
      .insertInto(table)
      .values(rows.slice(start, start + BATCH) as never)
      .onConflict((oc) => oc.columns([...keys[table]]).doUpdateSet({ n: sql`${sql.ref(`${table}.n`)} + excluded.n` }))
      .execute();
  }
}

async function applyContributions(trx: Trx, before: Contribution, after: Contribution) {
  await applyDifference(trx, "response_counts", before.responses, after.responses);
  await applyDifference(trx, "theme_counts", before.themes, after.themes);
  await applyDifference(trx, "answer_counts", before.answers, after.answers);
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

/** Counts a response just written with its answers (and held, if it was: then it adds nothing). */
export async function countNewResponse(trx: Trx, responseId: number): Promise<void> {
  await applyContributions(trx, { responses: [], themes: [], answers: [] }, await contributionOf(trx, [responseId]));
}

/**
 * Counts these themes again from the tags and answers, in one statement each: after a merge moves
 * a theme's tags and questions, or a question starts or stops carrying a theme. The work grows with
 * the themes' own responses, never with all of them.
 */
export async function recountThemes(trx: Trx, themeIds: number[]): Promise<void> {
  const ids = [...new Set(themeIds)];
  if (ids.length === 0) return;
  await trx.deleteFrom("theme_counts").where("theme_id", "in", ids).execute();
  await sql`
    insert into theme_counts (day, theme_id, survey_id, audience, lang, status, tagged, n)
    select substr(r.submitted_at, 1, 10), raised.theme_id, r.survey_id, r.audience, r.lang, r.status, ${isTagged}, count(*)
    from (${raisedBy(ids)}) raised
    join responses r on r.id = raised.response_id
    where r.flagged = 0
    group by 1, 2, 3, 4, 5, 6, 7`.execute(trx);
}

/** 1 when the response under alias `r` has a moderator's tag, else 0. */
export const isTagged = sql<number>`case when exists (select 1 from response_themes rt where rt.response_id = r.id) then 1 else 0 end`;

/** (response_id, theme_id) for every response that raised one of these themes, or any theme when `ids` is null. */
export function raisedBy(ids: number[] | null) {
  const tagged = ids ? sql`where rt.theme_id in (${sql.join(ids)})` : sql``;
  const carried = ids ? sql`q.theme_id in (${sql.join(ids)})` : sql`q.theme_id is not null`;
  return sql`
    select rt.response_id, rt.theme_id from response_themes rt ${tagged}
    union
    select a.response_id, q.theme_id from answers a join questions q on q.id = a.question_id
    where ${carried} and a.choice is not null and a.choice not in (${sql.join(notRaising)})`;
}
