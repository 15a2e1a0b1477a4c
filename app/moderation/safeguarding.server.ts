import { forgetPublicFigures } from "../publishing/public.server";
import type { Kysely } from "kysely";
import type { DB } from "../../db/connection";
import type { Database } from "../../db/schema";
import { audit } from "../accounts/audit.server";
import { formatCode } from "../surveys/codes";
import { forgetQueueCounts } from "./queue.server";
import { ModerationError } from "./tags.server";

const CACHE_MS = 60_000;
let cached: { at: number; phrases: Promise<Map<string, string[]>> } | undefined;

async function readPhrases(db: Kysely<Database>) {
  const rows = await db.selectFrom("safeguarding_phrases").select(["lang", "phrase"]).execute();
  const byLang = new Map<string, string[]>();
  for (const row of rows) byLang.set(row.lang, [...(byLang.get(row.lang) ?? []), normalise(row.phrase)]);
  return byLang;
}

export function forgetPhrases() {
  cached = undefined;
}

/** Lower case, letters and digits only, one space between words: "Self-harm!" → " self harm ". */
function normalise(text: string): string {
  return ` ${text.toLocaleLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim()} `;
}

/**
 * Whether free text contains a likely disclosure phrase in its own language or in English.
 * This only prompts a person to read it first; it never decides anything alone.
 */
export async function mentionsConcern(db: Kysely<Database>, texts: string[], lang: string): Promise<boolean> {
  if (!cached || Date.now() - cached.at > CACHE_MS) cached = { at: Date.now(), phrases: readPhrases(db) };
  const phrases = await cached.phrases;
  const candidates = [...(phrases.get(lang) ?? []), ...(lang === "en" ? [] : (phrases.get("en") ?? []))];
  return texts.some((text) => {
    const words = normalise(text);
    return candidates.some((phrase) => words.includes(phrase));
  });
}

/** Takes a response out of the queue and out of everything public, for the safeguarding leads. */
export async function flagResponse(db: DB, responseId: number, reason: string, userId: number, now = new Date()) {
  forgetQueueCounts();
  const flagId = await db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable("responses")
      .set((eb) => ({ flagged: 1, version: eb("version", "+", 1) }))
      .where("id", "=", responseId)
      .where("flagged", "=", 0)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) throw new ModerationError("notFound");
    const { id } = await trx
      .insertInto("safeguarding_flags")
      .values({ response_id: responseId, reason, flagged_by: userId, flagged_at: now.toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow();
    // The reason may quote the response, so only the flag's id goes in the log.
    await audit(trx, { userId, action: "safeguarding.flag", entity: "response", entityId: responseId, after: { flag: id } }, now);
    return id;
  });
  // The public figures stop counting it now, not in a minute.
  forgetPublicFigures();
  return flagId;
}

export interface Handover {
  handedTo: string;
  handedOverOn: string;
  actionTaken: string;
}

export async function recordHandover(db: DB, flagId: number, handover: Handover, userId: number, now = new Date()) {
  await db.transaction().execute(async (trx) => {
    const flag = await trx.selectFrom("safeguarding_flags").select(["response_id", "resolved_at"]).where("id", "=", flagId).executeTakeFirst();
    if (!flag || flag.resolved_at) throw new ModerationError("notFound");
    const { id } = await trx
      .insertInto("safeguarding_handovers")
      .values({ flag_id: flagId, handed_to: handover.handedTo, handed_over_on: handover.handedOverOn, action_taken: handover.actionTaken, recorded_by: userId, recorded_at: now.toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, { userId, action: "safeguarding.handover", entity: "response", entityId: flag.response_id, after: { flag: flagId, handover: id, handedTo: handover.handedTo, on: handover.handedOverOn } }, now);
  });
}

/** Returns a response to the queue. Never without a reason, which is kept with the flag. */
export async function unflagResponse(db: DB, flagId: number, reason: string, userId: number, now = new Date()) {
  forgetQueueCounts();
  await db.transaction().execute(async (trx) => {
    const flag = await trx.selectFrom("safeguarding_flags").select(["response_id", "resolved_at"]).where("id", "=", flagId).executeTakeFirst();
    if (!flag || flag.resolved_at) throw new ModerationError("notFound");
    await trx.updateTable("safeguarding_flags").set({ resolved_at: now.toISOString(), resolved_by: userId, resolution: reason }).where("id", "=", flagId).execute();
    await trx.updateTable("responses").set((eb) => ({ flagged: 0, version: eb("version", "+", 1) })).where("id", "=", flag.response_id).execute();
    await audit(trx, { userId, action: "safeguarding.unflag", entity: "response", entityId: flag.response_id, after: { flag: flagId } }, now);
  });
  forgetPublicFigures();
}

/** Open flags, longest waiting first, with their latest handover. */
export async function openFlags(db: DB) {
  const rows = await db
    .selectFrom("safeguarding_flags as f")
    .innerJoin("responses as r", "r.id", "f.response_id")
    .innerJoin("users as u", "u.id", "f.flagged_by")
    .select((eb) => [
      "f.id",
      "f.flagged_at",
      "r.reference",
      "r.possible_concern",
      "u.name as flagged_by",
      eb.selectFrom("safeguarding_handovers as h").select("h.recorded_at").whereRef("h.flag_id", "=", "f.id").orderBy("h.id", "desc").limit(1).as("last_handover_at"),
    ])
    .where("f.resolved_at", "is", null)
    .orderBy("f.flagged_at")
    .execute();
  return rows.map((row) => ({ ...row, reference: formatCode(row.reference) }));
}

export async function flagDetail(db: DB, flagId: number) {
  const flag = await db
    .selectFrom("safeguarding_flags as f")
    .innerJoin("users as u", "u.id", "f.flagged_by")
    .select(["f.id", "f.response_id", "f.reason", "f.flagged_at", "f.resolved_at", "f.resolution", "u.name as flagged_by"])
    .where("f.id", "=", flagId)
    .executeTakeFirst();
  if (!flag) return undefined;
  const handovers = await db
    .selectFrom("safeguarding_handovers as h")
    .innerJoin("users as u", "u.id", "h.recorded_by")
    .select(["h.id", "h.handed_to", "h.handed_over_on", "h.action_taken", "h.recorded_at", "u.name as recorded_by"])
    .where("h.flag_id", "=", flagId)
    .orderBy("h.id")
    .execute();
  return { ...flag, handovers };
}
