import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../db/connection";
import type { Database } from "../../db/schema";
import { audit } from "../accounts/audit.server";
import { parseMatches } from "../safeguarding/concerns.server";
import { getSettings } from "../settings.server";
import { purgeCountKeys, retentionValue, type PurgeCounts } from "./limits";
import { purgeUntypedRecordings } from "../spoken/recordings.server";
import { lastRun, nightWindowStart } from "./nightly.server";

/*
 * The retention purge (docs/decisions/022-retention-and-backups.md). Once a response is older than
 * the limit for free text, the words of its free-text answers go, with the moderators'
 * translations of them, the notes on the response, quotes never approved for publishing and the
 * matched words a safeguarding concern kept; its tags, its other answers and every count stay. A
 * response held for a safeguarding concern that is still open keeps everything until it closes.
 * Unfinished drafts and audit entries older than their limits are deleted.
 *
 * Everything goes in small batches, each its own short transaction, with the event loop free
 * between them. A dry run walks the same batches and counts the same rows without changing one,
 * so what it reports is what the purge would do at that moment.
 */

export interface Cutoffs {
  text: string;
  drafts: string;
  audit: string;
}

const RESPONSES_PER_BATCH = 50;
const ROWS_PER_BATCH = 500;
/** The purge runs once a night, after the backup. */
export const PURGE_HOUR = 3;

type Reader = Kysely<Database> | Transaction<Database>;
const nothing = (): PurgeCounts => ({ responses: 0, answers: 0, translations: 0, notes: 0, quotes: 0, excerpts: 0, drafts: 0, auditEntries: 0, heldBack: 0 });
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function monthsBefore(now: Date, months: number): string {
  const at = new Date(now);
  at.setUTCMonth(at.getUTCMonth() - months);
  return at.toISOString();
}

/** The instants before which each kind of record has passed its limit, from the administrator's settings. */
export async function retentionCutoffs(db: DB, now = new Date()): Promise<Cutoffs> {
  const settings = await getSettings(db);
  const days = retentionValue("retention_draft_days", settings.retention_draft_days);
  return {
    text: monthsBefore(now, retentionValue("retention_text_months", settings.retention_text_months)),
    drafts: new Date(now.getTime() - days * 86_400_000).toISOString(),
    audit: monthsBefore(now, 12 * retentionValue("retention_audit_years", settings.retention_audit_years)),
  };
}

interface Key {
  at: string;
  id: number;
}

/** The next responses past the limit whose free text is still kept, after `after`, oldest first (index responses_text_kept). */
async function nextResponses(db: Reader, cutoff: string, after: Key | undefined): Promise<Key[]> {
  let query = db.selectFrom("responses").select(["id", "submitted_at as at"]).where("text_removed_at", "is", null).where("submitted_at", "<", cutoff);
  if (after) query = query.where((eb) => eb(eb.refTuple("submitted_at", "id"), ">", eb.tuple(after.at, after.id)));
  return query.orderBy("submitted_at").orderBy("id").limit(RESPONSES_PER_BATCH).execute();
}

/**
 * Of a batch found a moment ago, the responses whose text goes now, read again inside the
 * transaction: one erased since is gone, and one a concern was raised on since is held back.
 */
async function stillDue(trx: Transaction<Database>, ids: number[], cutoff: string): Promise<{ due: number[]; held: number }> {
  const [current, held] = await Promise.all([
    trx.selectFrom("responses").select("id").where("id", "in", ids).where("text_removed_at", "is", null).where("submitted_at", "<", cutoff).execute(),
    trx.selectFrom("safeguarding_concerns").select("response_id").distinct().where("response_id", "in", ids).where("state", "!=", "closed").execute(),
  ]);
  const heldIds = new Set(held.map((row) => row.response_id));
  return { due: current.map((row) => row.id).filter((id) => !heldIds.has(id)), held: heldIds.size };
}

/** Quotes of these responses never approved for publishing and not chosen for a statement. */
function unapprovedQuotes(db: Reader, ids: number[]) {
  return db
    .selectFrom("quotes as q")
    .where("q.response_id", "in", ids)
    .where("q.approved_at", "is", null)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom("statement_quotes as sq").select("sq.quote_id").whereRef("sq.quote_id", "=", "q.id"))));
}

/** What removing these responses' free text touches, counted the same way for the dry run and the purge. */
async function countText(db: Reader, ids: number[]): Promise<Omit<PurgeCounts, "responses" | "drafts" | "auditEntries" | "heldBack">> {
  const [answers, translations, notes, quotes, excerpts] = await Promise.all([
    db
      .selectFrom("answers")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("response_id", "in", ids)
      .where("text", "<>", "")
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("answers")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("response_id", "in", ids)
      .where("translation", "is not", null)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("response_notes")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("response_id", "in", ids)
      .executeTakeFirstOrThrow(),
    unapprovedQuotes(db, ids)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("safeguarding_concerns")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("response_id", "in", ids)
      .where("matches", "is not", null)
      .executeTakeFirstOrThrow(),
  ]);
  return { answers: Number(answers.n), translations: Number(translations.n), notes: Number(notes.n), quotes: Number(quotes.n), excerpts: Number(excerpts.n) };
}

/** The matched words go; what the detector matched (the phrase and its category) stays with the safeguarding record. */
async function removeExcerpts(trx: Transaction<Database>, ids: number[]) {
  const concerns = await trx
    .selectFrom("safeguarding_concerns")
    .select(["id", "matches"])
    .where("response_id", "in", ids)
    .where("matches", "is not", null)
    .execute();
  for (const concern of concerns) {
    const matches = parseMatches(concern.matches).map((match) => ({ ...match, excerpt: "" }));
    await trx
      .updateTable("safeguarding_concerns")
      .set({ matches: JSON.stringify(matches) })
      .where("id", "=", concern.id)
      .execute();
  }
}

async function removeText(trx: Transaction<Database>, ids: number[], now: string) {
  await trx.updateTable("answers").set({ text: "" }).where("response_id", "in", ids).where("text", "<>", "").execute();
  await trx
    .updateTable("answers")
    .set({ translation: null, translated_by: null, translated_at: null })
    .where("response_id", "in", ids)
    .where("translation", "is not", null)
    .execute();
  await trx.deleteFrom("response_notes").where("response_id", "in", ids).execute();
  const quotes = await unapprovedQuotes(trx, ids).select("q.id").execute();
  if (quotes.length > 0)
    await trx
      .deleteFrom("quotes")
      .where(
        "id",
        "in",
        quotes.map((quote) => quote.id),
      )
      .execute();
  await removeExcerpts(trx, ids);
  await trx.updateTable("responses").set({ text_removed_at: now }).where("id", "in", ids).execute();
}

async function purgeText(db: DB, cutoff: string, dryRun: boolean, now: string, counts: PurgeCounts) {
  let after: Key | undefined;
  for (;;) {
    const batch = await nextResponses(db, cutoff, after);
    if (batch.length === 0) return;
    after = batch[batch.length - 1];
    // A dry run only reads, so it leaves writers free (decision 019).
    await db
      .transaction()
      .setAccessMode(dryRun ? "read only" : "read write")
      .execute(async (trx) => {
        const { due: ids, held } = await stillDue(
          trx,
          batch.map((row) => row.id),
          cutoff,
        );
        counts.heldBack += held;
        if (ids.length === 0) return;
        const found = await countText(trx, ids);
        for (const key of Object.keys(found) as (keyof typeof found)[]) counts[key] += found[key];
        counts.responses += ids.length;
        if (!dryRun) await removeText(trx, ids, now);
      });
    await yieldToEventLoop();
  }
}

/**
 * Deletes (or, in a dry run, counts) rows in batches of ids found by `next`, each batch its own
 * transaction; `remove` checks the rows are still due, and says how many it deleted.
 */
async function deleteInBatches(
  db: DB,
  next: (after: Key | undefined) => Promise<Key[]>,
  remove: (trx: Transaction<Database>, ids: number[]) => Promise<number>,
  dryRun: boolean,
): Promise<number> {
  let removed = 0;
  let after: Key | undefined;
  for (;;) {
    const batch = await next(after);
    if (batch.length === 0) return removed;
    after = batch[batch.length - 1];
    removed += dryRun
      ? batch.length
      : await db.transaction().execute((trx) =>
          remove(
            trx,
            batch.map((row) => row.id),
          ),
        );
    await yieldToEventLoop();
  }
}

const deleted = (result: { numDeletedRows: bigint }) => Number(result.numDeletedRows);

function nextDrafts(db: DB, cutoff: string) {
  return (after: Key | undefined) => {
    let query = db.selectFrom("drafts").select(["id", "updated_at as at"]).where("response_id", "is", null).where("updated_at", "<", cutoff);
    if (after) query = query.where((eb) => eb(eb.refTuple("updated_at", "id"), ">", eb.tuple(after.at, after.id)));
    return query.orderBy("updated_at").orderBy("id").limit(ROWS_PER_BATCH).execute();
  };
}

function nextAuditEntries(db: DB, cutoff: string) {
  return (after: Key | undefined) => {
    let query = db.selectFrom("audit_log").select(["id", "at"]).where("at", "<", cutoff);
    if (after) query = query.where((eb) => eb(eb.refTuple("at", "id"), ">", eb.tuple(after.at, after.id)));
    return query.orderBy("at").orderBy("id").limit(ROWS_PER_BATCH).execute();
  };
}

/**
 * Removes (or with `dryRun`, only counts) everything past its limit at `now`, and logs what went.
 * Safe to run again at any time: what is done is not found twice.
 */
export async function purgeExpired(db: DB, { dryRun = false, now = new Date() }: { dryRun?: boolean; now?: Date } = {}): Promise<PurgeCounts> {
  const cutoffs = await retentionCutoffs(db, now);
  const counts = nothing();
  await purgeText(db, cutoffs.text, dryRun, now.toISOString(), counts);
  // A draft saved or sent since it was found is no longer due: the delete asks again.
  counts.drafts = await deleteInBatches(
    db,
    nextDrafts(db, cutoffs.drafts),
    async (trx, ids) =>
      deleted(
        await trx.deleteFrom("drafts").where("id", "in", ids).where("response_id", "is", null).where("updated_at", "<", cutoffs.drafts).executeTakeFirst(),
      ),
    dryRun,
  );
  // Recordings nobody typed up in the days the spoken-answer settings allow (app/spoken/); audited on their own.
  if (!dryRun) await purgeUntypedRecordings(db, now, cutoffs.text);
  counts.auditEntries = await deleteInBatches(
    db,
    nextAuditEntries(db, cutoffs.audit),
    async (trx, ids) => deleted(await trx.deleteFrom("audit_log").where("id", "in", ids).executeTakeFirst()),
    dryRun,
  );
  if (!dryRun) await audit(db, { userId: null, action: "retention.purge", entity: "retention", after: { ...counts, cutoffs } }, now);
  return counts;
}

/** The nightly purge: once a night, from 3am London time. */
export async function purgeIfDue(db: DB, now = new Date()): Promise<PurgeCounts | undefined> {
  const since = nightWindowStart(now, PURGE_HOUR);
  if (!since) return undefined;
  const last = await lastRun(db, ["retention.purge"]);
  if (last && last.at >= since.toISOString()) return undefined;
  return purgeExpired(db, { now });
}

/** What the last purge removed, and when, for the retention page. */
export async function lastPurge(db: DB): Promise<{ at: string; counts: PurgeCounts } | undefined> {
  const last = await lastRun(db, ["retention.purge"]);
  if (!last) return undefined;
  const after = JSON.parse(last.after ?? "{}") as Partial<PurgeCounts>;
  return { at: last.at, counts: { ...nothing(), ...Object.fromEntries(purgeCountKeys.map((key) => [key, Number(after[key] ?? 0)])) } };
}
