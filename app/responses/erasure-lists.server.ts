import type { DB } from "../../db/connection";
import { formatCode } from "../surveys/codes";
import { underOpenConcern } from "./erasure.server";

// What the staff pages about erasure read: the waiting requests, and what a deletion would take.

/**
 * The day a request must be answered by: one calendar month after it was made, as the ICO counts
 * it (the last day of the next month when that month has no such day).
 */
export function dueBy(requestedAt: string): string {
  const asked = new Date(requestedAt);
  const due = new Date(Date.UTC(asked.getUTCFullYear(), asked.getUTCMonth() + 1, asked.getUTCDate()));
  if (due.getUTCDate() !== asked.getUTCDate()) due.setUTCDate(0);
  return due.toISOString().slice(0, 10);
}

/**
 * Requests waiting, oldest first. Those for a response held for safeguarding are listed only to
 * staff who may see such responses; everyone else is told how many there are.
 */
export async function waitingRequests(db: DB, seesHeld: boolean) {
  const rows = await db
    .selectFrom("erasure_requests as e")
    .innerJoin("responses as r", "r.id", "e.response_id")
    .select((eb) => [
      "e.id",
      "e.requested_at",
      "e.verified",
      "r.id as response_id",
      "r.reference",
      "r.flagged",
      eb.exists(eb.selectFrom("safeguarding_concerns as c").select("c.id").whereRef("c.response_id", "=", "r.id").where("c.state", "!=", "closed")).as("held"),
    ])
    .where("e.state", "=", "waiting")
    .orderBy("e.requested_at")
    .orderBy("e.id")
    .limit(500)
    .execute();
  const requests = rows.map((row) => ({
    id: row.id,
    requestedAt: row.requested_at,
    dueBy: dueBy(row.requested_at),
    verified: row.verified === 1,
    responseId: row.response_id,
    reference: formatCode(row.reference),
    flagged: row.flagged === 1,
    held: Boolean(Number(row.held)),
  }));
  const shown = seesHeld ? requests : requests.filter((request) => !request.flagged);
  return { requests: shown, notShown: requests.length - shown.length };
}

/** What deleting a response would take with it, for the moderator's confirmation page. */
export async function erasurePreview(db: DB, responseId: number, lang: string) {
  const response = await db
    .selectFrom("responses")
    .select(["id", "reference", "submitted_at", "flagged", "survey_id"])
    .where("id", "=", responseId)
    .executeTakeFirst();
  if (!response) return undefined;
  const count = (rows: { n: number | string | bigint }[]) => Number(rows[0]?.n ?? 0);
  const [titles, answers, tags, notes, quotes, published, held, request] = await Promise.all([
    db.selectFrom("survey_translations").select(["lang", "title"]).where("survey_id", "=", response.survey_id).where("lang", "in", [lang, "en"]).execute(),
    db
      .selectFrom("answers")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("response_id", "=", responseId)
      .execute(),
    db
      .selectFrom("response_themes")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("response_id", "=", responseId)
      .execute(),
    db
      .selectFrom("response_notes")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("response_id", "=", responseId)
      .execute(),
    db
      .selectFrom("quotes")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("response_id", "=", responseId)
      .execute(),
    db
      .selectFrom("quotes as q")
      .innerJoin("statement_quotes as sq", "sq.quote_id", "q.id")
      .innerJoin("publications as p", (join) => join.onRef("p.entity_id", "=", "sq.statement_id").on("p.entity", "=", "statement"))
      .select((eb) => eb.fn.count("q.id").distinct().as("n"))
      .where("q.response_id", "=", responseId)
      .where("p.published_at", "is not", null)
      .execute(),
    underOpenConcern(db, responseId),
    db
      .selectFrom("erasure_requests")
      .select(["id", "requested_at"])
      .where("response_id", "=", responseId)
      .where("state", "=", "waiting")
      .orderBy("id")
      .executeTakeFirst(),
  ]);
  return {
    id: response.id,
    reference: formatCode(response.reference),
    submittedAt: response.submitted_at,
    flagged: response.flagged === 1,
    held,
    surveyTitle: (titles.find((row) => row.lang === lang) ?? titles[0])?.title ?? "",
    counts: { answers: count(answers), tags: count(tags), notes: count(notes), quotes: count(quotes), publishedQuotes: count(published) },
    request: request ? { id: request.id, requestedAt: request.requested_at } : null,
  };
}
