import type { Kysely } from "kysely";
import type { Transporter } from "nodemailer";
import type { Database } from "../../db/schema";

/**
 * Mail that must not be lost goes through the outbox: the row is written in the same transaction
 * as what it tells of, and a worker on any server sends it, retrying with back-off. Claims are
 * rows in the database, so several servers never send the same message twice at once.
 */

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

export async function enqueueMail(db: Kysely<Database>, kind: string, mail: OutgoingMail, now: Date): Promise<void> {
  await db
    .insertInto("outbox")
    .values({
      kind,
      recipient: mail.to,
      payload: JSON.stringify({ subject: mail.subject, text: mail.text }),
      created_at: now.toISOString(),
      next_attempt_at: now.toISOString(),
    })
    .execute();
}

const CLAIM_MS = 2 * 60 * 1000;
const MAX_BACKOFF_MS = 60 * 60 * 1000;

/** 1 minute after the first failure, doubling to at most an hour between tries. */
export function retryDelay(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, 60_000 * 2 ** Math.max(0, attempts - 1));
}

/** Sends what is due; returns how many were sent. Failures are logged and tried again later. */
export async function deliverDue(
  db: Kysely<Database>,
  transport: Transporter,
  from: string,
  now = new Date(),
  log: (line: string) => void = console.error,
): Promise<number> {
  const stamp = now.toISOString();
  const due = await db
    .selectFrom("outbox")
    .select(["id", "recipient", "payload", "attempts"])
    .where("sent_at", "is", null)
    .where("next_attempt_at", "<=", stamp)
    .where((eb) => eb.or([eb("claimed_until", "is", null), eb("claimed_until", "<", stamp)]))
    .orderBy("id")
    .limit(20)
    .execute();
  let sent = 0;
  for (const mail of due) {
    const claimed = await db
      .updateTable("outbox")
      .set({ claimed_until: new Date(now.getTime() + CLAIM_MS).toISOString() })
      .where("id", "=", mail.id)
      .where("sent_at", "is", null)
      .where((eb) => eb.or([eb("claimed_until", "is", null), eb("claimed_until", "<", stamp)]))
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) continue;
    const { subject, text } = JSON.parse(mail.payload) as { subject: string; text: string };
    try {
      await transport.sendMail({ from, to: mail.recipient, subject, text });
      await db.updateTable("outbox").set({ sent_at: new Date().toISOString(), claimed_until: null, last_error: null }).where("id", "=", mail.id).execute();
      sent += 1;
    } catch (error) {
      const attempts = mail.attempts + 1;
      const message = error instanceof Error ? error.message : String(error);
      log(`mail ${mail.id} not delivered (attempt ${attempts}): ${message}`);
      await db
        .updateTable("outbox")
        .set({ attempts, claimed_until: null, last_error: message.slice(0, 500), next_attempt_at: new Date(Date.now() + retryDelay(attempts)).toISOString() })
        .where("id", "=", mail.id)
        .execute();
    }
  }
  return sent;
}
