import type { Kysely } from "kysely";
import type { DB } from "../../db/connection";
import type { ConcernState, Database } from "../../db/schema";
import { audit } from "../accounts/audit.server";
import { withCounts } from "../aggregates/counts.server";
import { formatCode } from "../surveys/codes";
import { urgencyOfMatches, type Match } from "./detect";
import { queueConcernEmail } from "./notify.server";

/**
 * A possible safeguarding concern holds its response: `responses.flagged` is the one switch that
 * every moderator and public query filters on, so a held response is in no queue, count, quote,
 * page or export until a lead decides it is not a concern.
 */

export class ConcernError extends Error {
  constructor(readonly reason: "notFound" | "closed" | "alreadyFlagged") {
    super(reason);
  }
}

export interface DetectedMatch extends Match {
  questionId: number;
}

/** Holds a response the detector found, inside the submit's own transaction. */
export async function holdDetected(trx: Kysely<Database>, responseId: number, matches: DetectedMatch[], now: Date): Promise<number> {
  await trx.updateTable("responses").set({ flagged: 1, possible_concern: 1 }).where("id", "=", responseId).execute();
  const { id } = await trx
    .insertInto("safeguarding_concerns")
    .values({
      response_id: responseId,
      source: "detected",
      raised_at: now.toISOString(),
      matches: JSON.stringify(matches),
      urgency: urgencyOfMatches(matches) ?? 1,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  // Only the categories: the matched words are answer text.
  await audit(
    trx,
    {
      userId: null,
      action: "safeguarding.detected",
      entity: "response",
      entityId: responseId,
      after: { concern: id, categories: [...new Set(matches.map((m) => m.category))] },
    },
    now,
  );
  await queueConcernEmail(trx, id, now);
  return id;
}

/** A moderator flags a response from the queue: it leaves every list and count at once. */
export async function flagResponse(db: DB, responseId: number, reason: string, userId: number, now = new Date()) {
  const concernId = await db.transaction().execute(async (trx) => {
    const claimed = await withCounts(trx, [responseId], () =>
      trx
        .updateTable("responses")
        .set((eb) => ({ flagged: 1, version: eb("version", "+", 1) }))
        .where("id", "=", responseId)
        .where("flagged", "=", 0)
        .executeTakeFirst(),
    );
    if (Number(claimed.numUpdatedRows) === 0) throw new ConcernError("notFound");
    const { id } = await trx
      .insertInto("safeguarding_concerns")
      .values({ response_id: responseId, source: "person", raised_by: userId, raised_at: now.toISOString(), reason, urgency: 1 })
      .returning("id")
      .executeTakeFirstOrThrow();
    // The reason may quote the response, so only the concern's id goes in the log.
    await audit(trx, { userId, action: "safeguarding.flag", entity: "response", entityId: responseId, after: { concern: id } }, now);
    await queueConcernEmail(trx, id, now);
    return id;
  });
  return concernId;
}

async function openConcern(trx: Kysely<Database>, concernId: number) {
  const concern = await trx.selectFrom("safeguarding_concerns").select(["response_id", "state"]).where("id", "=", concernId).executeTakeFirst();
  if (!concern) throw new ConcernError("notFound");
  if (concern.state === "closed") throw new ConcernError("closed");
  return concern;
}

/** "I am looking at this": other leads see who has it. */
export async function startLooking(db: DB, concernId: number, userId: number, now = new Date()) {
  await db.transaction().execute(async (trx) => {
    const concern = await openConcern(trx, concernId);
    await trx
      .updateTable("safeguarding_concerns")
      .set({ state: concern.state === "new" ? "looking" : concern.state, looking_by: userId, looking_since: now.toISOString() })
      .where("id", "=", concernId)
      .execute();
    await audit(trx, { userId, action: "safeguarding.looking", entity: "response", entityId: concern.response_id, after: { concern: concernId } }, now);
  });
}

export interface Handover {
  handedTo: string;
  handedOverOn: string;
  actionTaken: string;
}

/** The lead decides it is a concern and records who it went to: it stays held. */
export async function recordHandover(db: DB, concernId: number, handover: Handover, userId: number, now = new Date()) {
  await db.transaction().execute(async (trx) => {
    const concern = await openConcern(trx, concernId);
    const { id } = await trx
      .insertInto("safeguarding_concern_handovers")
      .values({
        concern_id: concernId,
        handed_to: handover.handedTo,
        handed_over_on: handover.handedOverOn,
        action_taken: handover.actionTaken,
        recorded_by: userId,
        recorded_at: now.toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .updateTable("safeguarding_concerns")
      .set({ state: "handed_over", decision: "concern", decided_by: userId, decided_at: now.toISOString() })
      .where("id", "=", concernId)
      .execute();
    await audit(
      trx,
      {
        userId,
        action: "safeguarding.handover",
        entity: "response",
        entityId: concern.response_id,
        after: { concern: concernId, decision: "concern", handover: id, handedTo: handover.handedTo, on: handover.handedOverOn },
      },
      now,
    );
  });
}

/** Closes a concern that was handed over, with what came of it. The response stays held. */
export async function closeConcern(db: DB, concernId: number, outcome: string, userId: number, now = new Date()) {
  await db.transaction().execute(async (trx) => {
    const concern = await trx.selectFrom("safeguarding_concerns").select(["response_id", "state"]).where("id", "=", concernId).executeTakeFirst();
    if (!concern) throw new ConcernError("notFound");
    if (concern.state !== "handed_over") throw new ConcernError("closed");
    await trx
      .updateTable("safeguarding_concerns")
      .set({ state: "closed", closed_by: userId, closed_at: now.toISOString(), outcome })
      .where("id", "=", concernId)
      .execute();
    await audit(trx, { userId, action: "safeguarding.close", entity: "response", entityId: concern.response_id, after: { concern: concernId } }, now);
  });
}

/** "Not a concern", never without a reason: the response goes back to the queue and is counted again. */
export async function decideNotConcern(db: DB, concernId: number, reason: string, userId: number, now = new Date()) {
  await db.transaction().execute(async (trx) => {
    const concern = await openConcern(trx, concernId);
    if (concern.state === "handed_over") throw new ConcernError("closed");
    const stamp = now.toISOString();
    await trx
      .updateTable("safeguarding_concerns")
      .set({ state: "closed", decision: "not_concern", decided_by: userId, decided_at: stamp, closed_by: userId, closed_at: stamp, outcome: reason })
      .where("id", "=", concernId)
      .execute();
    await withCounts(trx, [concern.response_id], () =>
      trx
        .updateTable("responses")
        .set((eb) => ({ flagged: 0, version: eb("version", "+", 1) }))
        .where("id", "=", concern.response_id)
        .execute(),
    );
    await audit(
      trx,
      { userId, action: "safeguarding.not_concern", entity: "response", entityId: concern.response_id, after: { concern: concernId, decision: "not_concern" } },
      now,
    );
  });
}

/** Who read a held response, and when: every view of a concern is in the audit log. */
export async function recordView(db: DB, concernId: number, responseId: number, userId: number, now = new Date()) {
  await audit(db, { userId, action: "safeguarding.view", entity: "response", entityId: responseId, after: { concern: concernId } }, now);
}

export const concernStates = ["new", "looking", "handed_over", "closed"] as const;
export type ConcernFilter = ConcernState | "open" | "all";

/** The lead's list: open ones by state, then the most urgent, then the newest. */
export async function listConcerns(db: DB, filter: ConcernFilter) {
  let query = db
    .selectFrom("safeguarding_concerns as c")
    .innerJoin("responses as r", "r.id", "c.response_id")
    .leftJoin("users as raiser", "raiser.id", "c.raised_by")
    .leftJoin("users as looker", "looker.id", "c.looking_by")
    .select((eb) => [
      "c.id",
      "c.source",
      "c.raised_at",
      "c.urgency",
      "c.state",
      "c.matches",
      "c.reason",
      "c.looking_since",
      "c.closed_at",
      "c.decision",
      "c.outcome",
      "r.reference",
      "raiser.name as raised_by",
      "looker.name as looking_by",
      eb
        .selectFrom("safeguarding_concern_handovers as h")
        .select((h) => h.fn.max("h.recorded_at").as("at"))
        .whereRef("h.concern_id", "=", "c.id")
        .as("handed_over_at"),
      eb
        .selectFrom("safeguarding_concern_handovers as h")
        .select("h.handed_to")
        .whereRef("h.concern_id", "=", "c.id")
        .orderBy("h.id", "desc")
        .limit(1)
        .as("handed_to"),
    ]);
  // As a list of states, so the state index finds them: closed concerns pile up over the years.
  if (filter === "open")
    query = query.where(
      "c.state",
      "in",
      concernStates.filter((state) => state !== "closed"),
    );
  else if (filter !== "all") query = query.where("c.state", "=", filter);
  const rows = await query
    .orderBy((eb) =>
      eb.case().when("c.state", "=", "new").then(0).when("c.state", "=", "looking").then(1).when("c.state", "=", "handed_over").then(2).else(3).end(),
    )
    .orderBy("c.urgency")
    .orderBy("c.raised_at", "desc")
    .orderBy("c.id", "desc")
    .limit(500)
    .execute();
  return rows.map(({ matches, ...row }) => ({ ...row, reference: formatCode(row.reference), matches: parseMatches(matches) }));
}

export function parseMatches(json: string | null): DetectedMatch[] {
  if (!json) return [];
  try {
    return JSON.parse(json) as DetectedMatch[];
  } catch {
    return [];
  }
}

/** How many concerns no lead has yet opened: the banner and the count in the staff navigation. */
export async function countNewConcerns(db: DB): Promise<number> {
  const row = await db
    .selectFrom("safeguarding_concerns")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("state", "=", "new")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function concernDetail(db: DB, concernId: number) {
  const concern = await db
    .selectFrom("safeguarding_concerns as c")
    .leftJoin("users as raiser", "raiser.id", "c.raised_by")
    .leftJoin("users as looker", "looker.id", "c.looking_by")
    .leftJoin("users as decider", "decider.id", "c.decided_by")
    .select([
      "c.id",
      "c.response_id",
      "c.source",
      "c.reason",
      "c.matches",
      "c.urgency",
      "c.state",
      "c.raised_at",
      "c.looking_since",
      "c.decision",
      "c.decided_at",
      "c.closed_at",
      "c.outcome",
      "raiser.name as raised_by",
      "c.looking_by as looking_by_id",
      "looker.name as looking_by",
      "decider.name as decided_by",
    ])
    .where("c.id", "=", concernId)
    .executeTakeFirst();
  if (!concern) return undefined;
  const handovers = await db
    .selectFrom("safeguarding_concern_handovers as h")
    .innerJoin("users as u", "u.id", "h.recorded_by")
    .select(["h.id", "h.handed_to", "h.handed_over_on", "h.action_taken", "h.recorded_at", "u.name as recorded_by"])
    .where("h.concern_id", "=", concernId)
    .orderBy("h.id")
    .execute();
  return { ...concern, matches: parseMatches(concern.matches), handovers };
}
