import { timingSafeEqual } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB } from "../../db/connection";
import type { Database, ErasureSource } from "../../db/schema";
import { audit } from "../accounts/audit.server";
import { withCounts } from "../aggregates/counts.server";
import { learnTags } from "../moderation/suggestions.server";
import { formatCode, hashSecret } from "../surveys/codes";

/**
 * Erasure (UK GDPR Article 17, docs/decisions/023-erasure.md): a response and everything made from
 * it are deleted in one transaction, with the kept counts adjusted through `withCounts`. A response
 * under an open safeguarding concern is never deleted: its request waits until the concern closes.
 * The audit log records who, when, which reference, the reason and how many of each thing went;
 * never the words.
 */

type Trx = Kysely<Database>;

export class ErasureError extends Error {
  constructor(readonly reason: "notFound" | "held") {
    super(reason);
  }
}

/** What a deletion took with it, counted. */
export interface Erased {
  answers: number;
  translations: number;
  tags: number;
  notes: number;
  quotes: number;
  publishedQuotes: number;
  drafts: number;
  concerns: number;
}

/** Who decided, and why: nobody (null) when the person proved with their resume code that the answers are theirs. */
export interface Decision {
  userId: number | null;
  reason: string | null;
}

const deleted = (result: { numDeletedRows: bigint }) => Number(result.numDeletedRows);

/** Stored instead of the reference once the response is gone: the person can still learn what became of it. */
export const referenceHash = (reference: string) => hashSecret(reference);

function sameHash(stored: string | null, given: string): boolean {
  if (!stored || stored.length !== given.length) return false;
  return timingSafeEqual(Buffer.from(stored), Buffer.from(given));
}

export async function underOpenConcern(db: Trx, responseId: number): Promise<boolean> {
  const open = await db
    .selectFrom("safeguarding_concerns")
    .select("id")
    .where("response_id", "=", responseId)
    .where("state", "!=", "closed")
    .executeTakeFirst();
  return Boolean(open);
}

/** Quotes made from the response, unpublished from any statement first: erasure withdraws the consent to quote. */
async function eraseQuotes(trx: Trx, responseId: number) {
  const ids = (await trx.selectFrom("quotes").select("id").where("response_id", "=", responseId).execute()).map((quote) => quote.id);
  if (ids.length === 0) return { quotes: 0, publishedQuotes: 0 };
  const published = await trx
    .selectFrom("statement_quotes as sq")
    .innerJoin("publications as p", (join) => join.onRef("p.entity_id", "=", "sq.statement_id").on("p.entity", "=", "statement"))
    .select("sq.quote_id")
    .distinct()
    .where("sq.quote_id", "in", ids)
    .where("p.published_at", "is not", null)
    .execute();
  await trx.deleteFrom("statement_quotes").where("quote_id", "in", ids).execute();
  // A proposed new wording of a quote holds its words.
  await trx.deleteFrom("revisions").where("entity", "=", "quote").where("entity_id", "in", ids).execute();
  await trx.deleteFrom("quote_themes").where("quote_id", "in", ids).execute();
  await trx.deleteFrom("quote_approvals").where("quote_id", "in", ids).execute();
  await trx.deleteFrom("quotes").where("id", "in", ids).execute();
  return { quotes: ids.length, publishedQuotes: published.length };
}

/** Closed concerns go with the response; the audit log keeps who decided what, and to whom it was handed. */
async function eraseConcerns(trx: Trx, responseId: number) {
  const ids = (await trx.selectFrom("safeguarding_concerns").select("id").where("response_id", "=", responseId).execute()).map((concern) => concern.id);
  if (ids.length === 0) return 0;
  await trx.deleteFrom("safeguarding_concern_handovers").where("concern_id", "in", ids).execute();
  await trx.deleteFrom("safeguarding_concerns").where("id", "in", ids).execute();
  return ids.length;
}

async function eraseEverything(trx: Trx, responseId: number): Promise<Erased> {
  const tags = (await trx.selectFrom("response_themes").select("theme_id").where("response_id", "=", responseId).execute()).map((tag) => tag.theme_id);
  // The theme suggestions learnt from these words when they were tagged: they forget them first, while the words are here.
  await learnTags(trx, responseId, { added: [], removed: tags });
  const quotes = await eraseQuotes(trx, responseId);
  const concerns = await eraseConcerns(trx, responseId);
  const notes = deleted(await trx.deleteFrom("response_notes").where("response_id", "=", responseId).executeTakeFirst());
  const drafts = deleted(await trx.deleteFrom("drafts").where("response_id", "=", responseId).executeTakeFirst());
  const { translations } = await trx
    .selectFrom("answers")
    .select((eb) => eb.fn.count<number>("translation").as("translations"))
    .where("response_id", "=", responseId)
    .executeTakeFirstOrThrow();
  const answers = deleted(await trx.deleteFrom("answers").where("response_id", "=", responseId).executeTakeFirst());
  await trx.deleteFrom("response_themes").where("response_id", "=", responseId).execute();
  await trx.updateTable("erasure_requests").set({ response_id: null }).where("response_id", "=", responseId).execute();
  await trx.deleteFrom("responses").where("id", "=", responseId).execute();
  return { answers, translations: Number(translations), tags: tags.length, notes, ...quotes, drafts, concerns };
}

/**
 * Deletes the response inside the caller's transaction, closing every request waiting on it as
 * done. Throws `ErasureError` when it is gone already or held under an open concern.
 */
async function eraseWithin(trx: Trx, responseId: number, decision: Decision, now: Date): Promise<Erased> {
  const response = await trx.selectFrom("responses").select("reference").where("id", "=", responseId).executeTakeFirst();
  if (!response) throw new ErasureError("notFound");
  if (await underOpenConcern(trx, responseId)) throw new ErasureError("held");
  const requests = await trx
    .selectFrom("erasure_requests")
    .select(["id", "source", "verified"])
    .where("response_id", "=", responseId)
    .where("state", "=", "waiting")
    .execute();
  await trx
    .updateTable("erasure_requests")
    .set({ state: "done", decided_by: decision.userId, decided_at: now.toISOString(), reason: decision.reason })
    .where("id", "in", requests.length ? requests.map((request) => request.id) : [-1])
    .execute();
  const erased = await withCounts(trx, [responseId], () => eraseEverything(trx, responseId));
  await audit(
    trx,
    {
      userId: decision.userId,
      action: "response.erase",
      entity: "response",
      entityId: responseId,
      after: {
        reference: formatCode(response.reference),
        reason: decision.reason,
        requests: requests.map((request) => ({ id: request.id, source: request.source, verified: request.verified === 1 })),
        ...erased,
      },
    },
    now,
  );
  return erased;
}

async function openRequest(trx: Trx, responseId: number, source: ErasureSource, verified: boolean, now: Date) {
  const response = await trx.selectFrom("responses").select("reference").where("id", "=", responseId).executeTakeFirstOrThrow();
  const { id } = await trx
    .insertInto("erasure_requests")
    .values({ response_id: responseId, reference_hash: referenceHash(response.reference), source, verified: verified ? 1 : 0, requested_at: now.toISOString() })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

/** A moderator deletes a response with a reason; a request waiting on it is done with it. */
export async function eraseByModerator(db: DB, responseId: number, reason: string, userId: number, now = new Date()): Promise<Erased> {
  return db.transaction().execute(async (trx) => {
    if (!(await trx.selectFrom("responses").select("id").where("id", "=", responseId).executeTakeFirst())) throw new ErasureError("notFound");
    await openRequest(trx, responseId, "moderator", false, now);
    return eraseWithin(trx, responseId, { userId, reason }, now);
  });
}

export type Ownership =
  | { kind: "unknown" }
  | { kind: "wrongCode" }
  | { kind: "deleted"; on: string }
  | { kind: "found"; responseId: number; submittedOn: string; verified: boolean; waitingSince: string | null };

/**
 * What a reference (and, if given, a resume code) shows about a response: unknown, deleted already,
 * or found, and whether the code proves it is theirs. A code that does not match is never "found".
 */
export async function checkOwnership(db: Trx, reference: string, code: string | null): Promise<Ownership> {
  const response = await db.selectFrom("responses").select(["id", "submitted_at", "resume_code_hash"]).where("reference", "=", reference).executeTakeFirst();
  if (!response) {
    const done = await db
      .selectFrom("erasure_requests")
      .select("decided_at")
      .where("reference_hash", "=", referenceHash(reference))
      .where("state", "=", "done")
      .orderBy("id", "desc")
      .executeTakeFirst();
    return done?.decided_at ? { kind: "deleted", on: done.decided_at } : { kind: "unknown" };
  }
  const verified = code !== null && sameHash(response.resume_code_hash, hashSecret(code));
  if (code !== null && !verified) return { kind: "wrongCode" };
  const waiting = await db
    .selectFrom("erasure_requests")
    .select("requested_at")
    .where("response_id", "=", response.id)
    .where("state", "=", "waiting")
    .orderBy("id")
    .executeTakeFirst();
  return { kind: "found", responseId: response.id, submittedOn: response.submitted_at, verified, waitingSince: waiting?.requested_at ?? null };
}

export type Outcome = { kind: "deleted"; erased: Erased } | { kind: "waiting"; since: string } | { kind: "held" } | { kind: "gone"; ownership: Ownership };

/**
 * The person's request, checked again inside the transaction. With the resume code it is carried
 * out at once, or waits for an open safeguarding concern to close; with the reference alone it
 * waits for a moderator. Asking twice never makes a second request.
 */
export async function askForErasure(db: DB, reference: string, code: string | null, now = new Date()): Promise<Outcome> {
  return db.transaction().execute(async (trx): Promise<Outcome> => {
    const ownership = await checkOwnership(trx, reference, code);
    if (ownership.kind !== "found") return { kind: "gone", ownership };
    const { responseId, verified } = ownership;
    const held = await underOpenConcern(trx, responseId);
    if (verified && !held) {
      await openRequest(trx, responseId, "respondent", true, now);
      return { kind: "deleted", erased: await eraseWithin(trx, responseId, { userId: null, reason: null }, now) };
    }
    if (ownership.waitingSince === null) {
      const id = await openRequest(trx, responseId, "respondent", verified, now);
      await audit(trx, { userId: null, action: "erasure.request", entity: "response", entityId: responseId, after: { request: id, verified } }, now);
    } else if (verified) {
      // Asked with the reference alone before, and now with the code too: it no longer needs a moderator.
      await trx.updateTable("erasure_requests").set({ verified: 1 }).where("response_id", "=", responseId).where("state", "=", "waiting").execute();
      await audit(trx, { userId: null, action: "erasure.request", entity: "response", entityId: responseId, after: { verified } }, now);
    }
    return verified ? { kind: "held" } : { kind: "waiting", since: ownership.waitingSince ?? now.toISOString() };
  });
}

/**
 * Requests proved with the resume code whose response was held: carried out once no concern on it
 * is open. Scheduled work runs this every minute (server/scheduler.ts). Returns how many it deleted.
 */
export async function eraseReleased(db: DB, now = new Date()): Promise<number> {
  const ready = await db
    .selectFrom("erasure_requests as e")
    .select("e.response_id")
    .distinct()
    .where("e.state", "=", "waiting")
    .where("e.verified", "=", 1)
    .where("e.response_id", "is not", null)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom("safeguarding_concerns as c").select("c.id").whereRef("c.response_id", "=", "e.response_id").where("c.state", "!=", "closed"))),
    )
    .execute();
  let erased = 0;
  for (const { response_id } of ready) {
    // Each in its own short transaction, checked again inside it: a concern may have opened since.
    const done = await db.transaction().execute(async (trx) => {
      if (await underOpenConcern(trx, response_id!)) return false;
      await eraseWithin(trx, response_id!, { userId: null, reason: null }, now);
      return true;
    });
    if (done) erased++;
  }
  return erased;
}

/** A moderator confirms a request made with the reference alone: the response is deleted. */
export async function confirmRequest(db: DB, requestId: number, reason: string, userId: number, now = new Date()): Promise<Erased> {
  return db.transaction().execute(async (trx) => {
    const request = await trx
      .selectFrom("erasure_requests")
      .select("response_id")
      .where("id", "=", requestId)
      .where("state", "=", "waiting")
      .executeTakeFirst();
    if (!request?.response_id) throw new ErasureError("notFound");
    return eraseWithin(trx, request.response_id, { userId, reason }, now);
  });
}

/** A moderator refuses a request, with a reason; the person sees that it was not carried out. */
export async function refuseRequest(db: DB, requestId: number, reason: string, userId: number, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const request = await trx
      .selectFrom("erasure_requests")
      .select("response_id")
      .where("id", "=", requestId)
      .where("state", "=", "waiting")
      .executeTakeFirst();
    if (!request) throw new ErasureError("notFound");
    await trx
      .updateTable("erasure_requests")
      .set({ state: "refused", decided_by: userId, decided_at: now.toISOString(), reason })
      .where("id", "=", requestId)
      .execute();
    await audit(trx, { userId, action: "erasure.refuse", entity: "response", entityId: request.response_id, after: { request: requestId, reason } }, now);
  });
}

/** The latest request about the answers with this reference, for /my-feedback; null when there is none. */
export async function requestStatus(db: DB, reference: string) {
  const row = await db
    .selectFrom("erasure_requests")
    .select(["state", "verified", "requested_at", "decided_at"])
    .where("reference_hash", "=", referenceHash(reference))
    .orderBy("id", "desc")
    .executeTakeFirst();
  return row ? { state: row.state, verified: row.verified === 1, requestedAt: row.requested_at, decidedAt: row.decided_at } : null;
}
