import type { DB } from "../../db/connection";
import type { Audience, HelpedBy, ResponseStatus, SupportKind } from "../../db/schema";

/** Which responses an export holds. Days are inclusive, YYYY-MM-DD, compared in UTC as the figures are. */
export interface ExportScope {
  surveyId: number;
  from: string | null;
  to: string | null;
  /** Responses held for safeguarding (`flagged = 1`) too: only a lead or administrator who asked. */
  includeHeld: boolean;
}

/** One question's answer in one response: the options chosen, or the words written and their translation. */
export interface ExportedAnswer {
  choices: string[];
  text: string | null;
  translation: string | null;
}

export interface ExportedResponse {
  id: number;
  reference: string;
  submittedAt: string;
  surveyVersion: number;
  lang: string;
  audience: Audience;
  status: ResponseStatus;
  helpedBy: HelpedBy | null;
  /** How a supporter helped, and for interpreting the language they named: for staff files only, never open data. */
  supportKind: SupportKind | null;
  supportLanguage: string | null;
  quoteConsent: boolean;
  held: boolean;
  /** By question id. */
  answers: Map<number, ExportedAnswer>;
  themeIds: number[];
}

/** Responses read per query: enough to keep the database busy, few enough to keep memory flat. */
export const BATCH_SIZE = 500;

const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

function inScope(db: DB, scope: ExportScope) {
  return db
    .selectFrom("responses as r")
    .where("r.survey_id", "=", scope.surveyId)
    .$if(!scope.includeHeld, (query) => query.where("r.flagged", "=", 0))
    .$if(scope.from !== null, (query) => query.where("r.submitted_at", ">=", scope.from as string))
    .$if(scope.to !== null, (query) => query.where("r.submitted_at", "<", dayAfter(scope.to as string)));
}

/** How many responses an export would hold now. */
export async function countInScope(db: DB, scope: ExportScope): Promise<number> {
  const row = await inScope(db, scope)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The responses in scope in the order they were sent, a batch at a time, each with its answers and
 * themes. Each batch is its own short query after the last one's key (submitted_at, id), so the one
 * SQLite connection is free between batches for everyone else, and the same SQL runs on PostgreSQL.
 */
type Key = { at: string; id: number };

/** The next batch after `key`, in the order responses were sent. */
function batchAfter(db: DB, scope: ExportScope, key: Key | null, size: number) {
  return inScope(db, scope)
    .select([
      "r.id",
      "r.reference",
      "r.submitted_at",
      "r.survey_version",
      "r.lang",
      "r.audience",
      "r.status",
      "r.helped_by",
      "r.support_kind",
      "r.support_language",
      "r.quote_consent",
      "r.flagged",
    ])
    .$if(key !== null, (query) => query.where(({ eb, refTuple, tuple }) => eb(refTuple("r.submitted_at", "r.id"), ">", tuple(key!.at, key!.id))))
    .orderBy("r.submitted_at")
    .orderBy("r.id")
    .limit(size)
    .execute();
}

/**
 * The responses in scope in the order they were sent, a batch at a time, each with its answers and
 * themes. Each batch is its own short query after the last one's key (submitted_at, id), so the one
 * SQLite connection is free between batches for everyone else, and the same SQL runs on PostgreSQL.
 */
export async function* responseBatches(db: DB, scope: ExportScope, size = BATCH_SIZE): AsyncGenerator<ExportedResponse[]> {
  let key: Key | null = null;
  for (;;) {
    const rows = await batchAfter(db, scope, key, size);
    if (rows.length === 0) return;
    const { answers, themes } = await answersOf(
      db,
      rows.map((row) => row.id),
    );
    yield rows.map((row) => ({
      id: row.id,
      reference: row.reference,
      submittedAt: row.submitted_at,
      surveyVersion: row.survey_version,
      lang: row.lang,
      audience: row.audience,
      status: row.status,
      helpedBy: row.helped_by,
      supportKind: row.support_kind,
      supportLanguage: row.support_language,
      quoteConsent: row.quote_consent === 1,
      held: row.flagged === 1,
      answers: answers.get(row.id) ?? new Map<number, ExportedAnswer>(),
      themeIds: themes.get(row.id) ?? [],
    }));
    if (rows.length < size) return;
    const last = rows[rows.length - 1];
    key = { at: last.submitted_at, id: last.id };
  }
}

async function answersOf(db: DB, ids: number[]) {
  const answerRows = await db
    .selectFrom("answers")
    .select(["response_id", "question_id", "choice", "text", "translation"])
    .where("response_id", "in", ids)
    .orderBy("response_id")
    .orderBy("id")
    .execute();
  const themeRows = await db.selectFrom("response_themes").select(["response_id", "theme_id"]).where("response_id", "in", ids).execute();
  const answers = new Map<number, Map<number, ExportedAnswer>>();
  for (const row of answerRows) {
    const byQuestion = answers.get(row.response_id) ?? new Map<number, ExportedAnswer>();
    answers.set(row.response_id, byQuestion);
    const answer = byQuestion.get(row.question_id) ?? { choices: [], text: null, translation: null };
    byQuestion.set(row.question_id, answer);
    if (row.choice !== null) answer.choices.push(row.choice);
    if (row.text !== null) {
      answer.text = row.text;
      answer.translation = row.translation;
    }
  }
  const themes = new Map<number, number[]>();
  for (const row of themeRows) themes.set(row.response_id, [...(themes.get(row.response_id) ?? []), row.theme_id]);
  return { answers, themes };
}
