import type { DB } from "../../db/connection";
import { audit } from "../accounts/audit.server";
import { env } from "../env.server";
import { enqueueMail } from "../mail/outbox.server";
import { getSettings } from "../settings.server";

/**
 * Spoken answers: a recording belongs to its draft until the response is sent, then to the
 * response, until a moderator types it up (or the retention setting's days pass) and its bytes go.
 * The bytes are in the database so every instance shares them; they are never exported, published
 * or shown to the person again (docs/decisions/030-spoken-answers.md).
 */

export interface SpokenLimits {
  maxSeconds: number;
  maxBytes: number;
  /** Days an untyped recording is kept before the retention purge deletes it. */
  keepDays: number;
}

export const spokenLimitRanges = {
  spoken_max_minutes: { fallback: 3, min: 1, max: 10 },
  spoken_max_mb: { fallback: 10, min: 1, max: 25 },
  spoken_keep_days: { fallback: 90, min: 1, max: 365 },
} as const;

function inRange(key: keyof typeof spokenLimitRanges, stored: string): number {
  const { fallback, min, max } = spokenLimitRanges[key];
  const value = Number(stored);
  return Number.isInteger(value) && value >= min && value <= max ? value : fallback;
}

export async function spokenLimits(db: DB): Promise<SpokenLimits> {
  const settings = await getSettings(db);
  return {
    maxSeconds: inRange("spoken_max_minutes", settings.spoken_max_minutes) * 60,
    maxBytes: inRange("spoken_max_mb", settings.spoken_max_mb) * 1024 * 1024,
    keepDays: inRange("spoken_keep_days", settings.spoken_keep_days),
  };
}

export interface CheckedRecording {
  bytes: Uint8Array;
  mimeType: string;
  durationMs: number | null;
}

/** "0:42": a length as people read it on a recorder. */
export function clock(durationMs: number | null): string | null {
  if (durationMs === null) return null;
  const seconds = Math.round(durationMs / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

/** The draft's recordings by question id, with their lengths. */
export async function draftRecordings(db: DB, draftId: number): Promise<Map<number, { durationMs: number | null }>> {
  const rows = await db.selectFrom("spoken_answers").select(["question_id", "duration_ms"]).where("draft_id", "=", draftId).execute();
  return new Map(rows.map((row) => [row.question_id, { durationMs: row.duration_ms }]));
}

/** Keeps a recording for one question of a draft, in place of any earlier one. */
export async function keepDraftRecording(
  db: DB,
  draftId: number,
  question: { id: number; version: number },
  recording: CheckedRecording,
  now = new Date(),
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("spoken_answers").where("draft_id", "=", draftId).where("question_id", "=", question.id).execute();
    const { id } = await trx
      .insertInto("spoken_answers")
      .values({
        draft_id: draftId,
        question_id: question.id,
        question_version: question.version,
        mime_type: recording.mimeType,
        byte_size: recording.bytes.byteLength,
        duration_ms: recording.durationMs,
        created_at: now.toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("spoken_audio")
      .values({ spoken_answer_id: id, bytes: Buffer.from(recording.bytes) })
      .execute();
  });
}

export async function removeDraftRecording(db: DB, draftId: number, questionId: number): Promise<void> {
  await db.deleteFrom("spoken_answers").where("draft_id", "=", draftId).where("question_id", "=", questionId).execute();
}

/**
 * Inside the submit's transaction: the draft's recordings for questions still shown move to the
 * response; any for questions an answer has since hidden are deleted. Returns how many moved.
 */
export async function moveToResponse(trx: DB, draftId: number, responseId: number, shownQuestionIds: number[]): Promise<number> {
  const moved =
    shownQuestionIds.length === 0
      ? 0
      : Number(
          (
            await trx
              .updateTable("spoken_answers")
              .set({ response_id: responseId, draft_id: null })
              .where("draft_id", "=", draftId)
              .where("question_id", "in", shownQuestionIds)
              .executeTakeFirst()
          ).numUpdatedRows,
        );
  await trx.deleteFrom("spoken_answers").where("draft_id", "=", draftId).execute();
  return moved;
}

/** Tells the safeguarding inbox that a young person's spoken answer waits to be heard: never any of what was said. */
export async function queueListenEmail(trx: DB, responseId: number, now: Date): Promise<void> {
  const inbox = await trx.selectFrom("settings").select("value").where("key", "=", "safeguarding_email").executeTakeFirst();
  if (!inbox?.value) return;
  const link = new URL("/moderate/safeguarding#listen-today", env().PUBLIC_URL).href;
  await enqueueMail(
    trx,
    "safeguarding.listen",
    {
      to: inbox.value,
      subject: "A young person's spoken answer is waiting to be heard",
      text: [
        "A young person sent a spoken answer on the feedback portal. Nobody can check a recording for safeguarding",
        'until someone has listened to it, so it is on the safeguarding lead\'s "Listen today" list.',
        "",
        `Sign in to listen to it and type it up: ${link}`,
        "",
        "This email holds nothing of what the person said, on purpose. Please do not reply to it.",
      ].join("\n"),
    },
    now,
  );
  await audit(trx, { userId: null, action: "spoken.listen_today", entity: "response", entityId: responseId }, now);
}

/** The recordings of one response, as the moderation pages show them: never the bytes. */
export async function responseRecordings(db: DB, responseId: number) {
  return db
    .selectFrom("spoken_answers as s")
    .leftJoin("users as u", "u.id", "s.transcribed_by")
    .select(["s.id", "s.question_id", "s.mime_type", "s.duration_ms", "s.created_at", "s.transcribed_at", "s.audio_removed_at", "u.name as transcribed_by"])
    .where("s.response_id", "=", responseId)
    .orderBy("s.id")
    .execute();
}

/** One recording of a sent response, with what decides who may hear it. */
export async function spokenAnswer(db: DB, id: number) {
  return db
    .selectFrom("spoken_answers as s")
    .innerJoin("responses as r", "r.id", "s.response_id")
    .select([
      "s.id",
      "r.id as response_id",
      "s.question_id",
      "s.question_version",
      "s.mime_type",
      "s.byte_size",
      "s.duration_ms",
      "s.created_at",
      "s.transcribed_at",
      "s.audio_removed_at",
      "r.flagged",
      "r.audience",
      "r.lang",
      "r.reference",
      "r.survey_id",
      "r.survey_version",
    ])
    .where("s.id", "=", id)
    .executeTakeFirst();
}

export async function recordingBytes(db: DB, id: number): Promise<Buffer | undefined> {
  const row = await db.selectFrom("spoken_audio").select("bytes").where("spoken_answer_id", "=", id).executeTakeFirst();
  return row ? Buffer.from(row.bytes) : undefined;
}

/**
 * The retention setting: recordings nobody typed up within the days set lose their bytes. The
 * small row stays, so the response page says a spoken answer was given and went untyped; the
 * answer keeps whatever the person typed, or stays unanswered.
 */
export async function purgeUntypedRecordings(db: DB, now = new Date(), textCutoff?: string): Promise<number> {
  const { keepDays } = await spokenLimits(db);
  const kept = new Date(now.getTime() - keepDays * 24 * 60 * 60 * 1000).toISOString();
  // Never longer than the words of typed answers are kept (the retention setting for free text).
  const cutoff = textCutoff && textCutoff > kept ? textCutoff : kept;
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom("spoken_answers")
      .select("id")
      .where("response_id", "is not", null)
      .where("audio_removed_at", "is", null)
      .where("created_at", "<", cutoff)
      .execute();
    const ids = due.map((row) => row.id);
    if (ids.length === 0) return 0;
    await trx.deleteFrom("spoken_audio").where("spoken_answer_id", "in", ids).execute();
    await trx.updateTable("spoken_answers").set({ audio_removed_at: now.toISOString() }).where("id", "in", ids).execute();
    await audit(trx, { userId: null, action: "spoken.purge", entity: "spoken_answer", after: { count: ids.length, keepDays } }, now);
    return ids.length;
  });
}

/** How many young people's recordings wait to be heard: the lead's banner on every staff page. */
export async function countWaitingToBeHeard(db: DB): Promise<number> {
  const row = await db
    .selectFrom("spoken_answers as s")
    .innerJoin("responses as r", "r.id", "s.response_id")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("r.audience", "=", "young_person")
    .where("s.transcribed_at", "is", null)
    .where("s.audio_removed_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
