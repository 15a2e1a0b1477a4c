import type { DB } from "../../db/connection";
import { suppressShare } from "../publishing/suppression";
import { DEFAULT_LISTENED_TARGET, getSettings } from "../settings.server";

export const seenAnswers = ["yes", "no"] as const;
export type SeenAnswer = (typeof seenAnswers)[number];

export const isSeenAnswer = (value: unknown): value is SeenAnswer => seenAnswers.includes(value as SeenAnswer);

/** Whether a message's token is known: the page for it shows only then. */
export async function messageExists(db: DB, token: string): Promise<boolean> {
  return (await db.selectFrom("update_messages").select("id").where("token", "=", token).executeTakeFirst()) !== undefined;
}

/**
 * "Can you see what was done about what you told us?": kept once per response, the latest answer
 * standing, so a person answering every week counts once. False when the token is unknown.
 */
export async function recordSeen(db: DB, token: string, answer: SeenAnswer, now = new Date()): Promise<boolean> {
  const message = await db.selectFrom("update_messages").select("response_id").where("token", "=", token).executeTakeFirst();
  if (!message) return false;
  const answered_at = now.toISOString();
  await db
    .insertInto("update_answers")
    .values({ response_id: message.response_id, answer, answered_at })
    .onConflict((oc) => oc.column("response_id").doUpdateSet({ answer, answered_at }))
    .execute();
  return true;
}

export interface ActionSeen {
  /** People who said yes. */
  yes: number;
  /** People who answered at all. */
  answered: number;
  /** The aim, in per cent. */
  target: number;
}

/** The "can identify action taken" figure: answers of responses not held for safeguarding, against the target. */
export async function actionSeen(db: DB): Promise<ActionSeen> {
  const [rows, settings] = await Promise.all([
    db
      .selectFrom("update_answers as a")
      .innerJoin("responses as r", "r.id", "a.response_id")
      .select(["a.answer", (eb) => eb.fn.countAll<string | number>().as("people")])
      .where("r.flagged", "=", 0)
      .groupBy("a.answer")
      .execute(),
    getSettings(db),
  ]);
  const count = (answer: SeenAnswer) => Number(rows.find((row) => row.answer === answer)?.people ?? 0);
  const target = Number(settings.action_seen_target);
  return {
    yes: count("yes"),
    answered: count("yes") + count("no"),
    target: Number.isInteger(target) && target >= 1 && target <= 100 ? target : DEFAULT_LISTENED_TARGET,
  };
}

/** The share who said yes, for the public page: only once enough have answered that no one can be singled out. */
export async function publicActionSeen(db: DB, threshold: number): Promise<number | null> {
  const { yes, answered } = await actionSeen(db);
  return suppressShare(yes, answered, threshold);
}
