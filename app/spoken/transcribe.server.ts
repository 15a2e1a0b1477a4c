import type { DB } from "../../db/connection";
import { audit } from "../accounts/audit.server";
import { withCounts } from "../aggregates/counts.server";
import { holdDetected, type DetectedMatch } from "../safeguarding/concerns.server";
import { getDetector } from "../safeguarding/phrases.server";

export class SpokenError extends Error {
  constructor(readonly reason: "notFound" | "alreadyTyped") {
    super(reason);
  }
}

export interface Transcript {
  text: string;
  /** An English translation, when the person spoke another language. */
  translation: string | null;
}

/**
 * A young person's response waits, held, only for its spoken answers to be heard: it has no
 * safeguarding concern open or decided to be one, and no other recording still untyped.
 */
async function heldOnlyToListen(trx: DB, responseId: number, spokenId: number): Promise<boolean> {
  const concern = await trx
    .selectFrom("safeguarding_concerns")
    .select("id")
    .where("response_id", "=", responseId)
    .where((eb) => eb.or([eb("decision", "is", null), eb("decision", "!=", "not_concern")]))
    .executeTakeFirst();
  if (concern) return false;
  const untyped = await trx
    .selectFrom("spoken_answers")
    .select("id")
    .where("response_id", "=", responseId)
    .where("id", "!=", spokenId)
    .where("transcribed_at", "is", null)
    .where("audio_removed_at", "is", null)
    .executeTakeFirst();
  return !untyped;
}

/** The transcript joins the answer after any words the person typed, as one answer to the question. */
async function writeAnswer(
  trx: DB,
  spoken: { response_id: number; question_id: number; question_version: number },
  transcript: Transcript,
  userId: number,
  stamp: string,
) {
  const typed = await trx
    .selectFrom("answers")
    .select(["id", "text", "translation"])
    .where("response_id", "=", spoken.response_id)
    .where("question_id", "=", spoken.question_id)
    .executeTakeFirst();
  const join = (first: string | null, second: string | null) => [first, second].filter((part) => part && part.trim()).join("\n\n") || null;
  const translated = transcript.translation ? { translated_by: userId, translated_at: stamp } : {};
  if (typed) {
    await trx
      .updateTable("answers")
      .set({ text: join(typed.text, transcript.text), translation: join(typed.translation, transcript.translation), ...translated })
      .where("id", "=", typed.id)
      .execute();
    return;
  }
  await trx
    .insertInto("answers")
    .values({
      response_id: spoken.response_id,
      question_id: spoken.question_id,
      question_version: spoken.question_version,
      text: transcript.text,
      translation: transcript.translation,
      ...translated,
    })
    .execute();
}

/**
 * A moderator types up what was said. In one transaction: the words join the answer (so themes,
 * quotes and counts take them like typed words), the safeguarding check reads them as it reads a
 * typed answer at submit (a match holds the response and tells the lead), a young person's response
 * held only to be heard is released, and the recording's bytes are deleted, keeping who typed it up.
 */
export async function typeUp(db: DB, spokenId: number, transcript: Transcript, userId: number, now = new Date()): Promise<{ concern: boolean }> {
  const detector = await getDetector(db);
  return db.transaction().execute(async (trx) => {
    const stamp = now.toISOString();
    const spoken = await trx
      .selectFrom("spoken_answers as s")
      .innerJoin("responses as r", "r.id", "s.response_id")
      .select(["s.id", "s.response_id", "s.question_id", "s.question_version", "s.transcribed_at", "s.audio_removed_at", "r.flagged", "r.audience"])
      .where("s.id", "=", spokenId)
      .executeTakeFirst();
    if (!spoken || spoken.response_id === null) throw new SpokenError("notFound");
    if (spoken.transcribed_at !== null || spoken.audio_removed_at !== null) throw new SpokenError("alreadyTyped");
    const responseId = spoken.response_id;
    const words = [transcript.text, transcript.translation ?? ""].join("\n");
    const matches: DetectedMatch[] = detector.find(words).map((match) => ({ ...match, questionId: spoken.question_id }));
    const release = matches.length === 0 && spoken.flagged === 1 && spoken.audience === "young_person" && (await heldOnlyToListen(trx, responseId, spokenId));
    await withCounts(trx, [responseId], async () => {
      await writeAnswer(trx, { ...spoken, response_id: responseId }, transcript, userId, stamp);
      if (matches.length > 0) await holdDetected(trx, responseId, matches, now);
      else if (release) {
        await trx
          .updateTable("responses")
          .set((eb) => ({ flagged: 0, version: eb("version", "+", 1) }))
          .where("id", "=", responseId)
          .execute();
      }
    });
    await trx.deleteFrom("spoken_audio").where("spoken_answer_id", "=", spokenId).execute();
    await trx
      .updateTable("spoken_answers")
      .set({ transcribed_by: userId, transcribed_at: stamp, audio_removed_at: stamp })
      .where("id", "=", spokenId)
      .execute();
    // Never the words: only that it was typed up, and what the check found.
    await audit(
      trx,
      {
        userId,
        action: "spoken.transcribe",
        entity: "response",
        entityId: responseId,
        after: { spokenAnswer: spokenId, translated: transcript.translation !== null, concern: matches.length > 0, released: release },
      },
      now,
    );
    return { concern: matches.length > 0 };
  });
}
