import type { Kysely } from "kysely";
import type { Transporter } from "nodemailer";
import type { Database } from "../../db/schema";
import { contactKey, isSealed, openContact } from "../updates/contact-crypto.server";

/**
 * Mail that must not be lost goes through the outbox: the row is written in the same transaction
 * as what it tells of, and a worker on any server sends it, retrying with back-off. Claims are
 * rows in the database, so several servers never send the same message twice at once. Text
 * messages (GOV.UK Notify) wait in the same table under their own kind. A respondent's address is
 * kept sealed (app/updates/contact-crypto.server.ts), opened only to send, and forgotten once sent;
 * no log line or stored error carries it.
 */

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  headers?: Record<string, string>;
}

export interface OutgoingText {
  to: string;
  text: string;
}

/** Rows of this kind are text messages, sent by the text worker and never by mail. */
export const TEXT_KIND = "update-text";

export async function enqueueMail(db: Kysely<Database>, kind: string, mail: OutgoingMail, now: Date): Promise<void> {
  const { to, ...payload } = mail;
  await db
    .insertInto("outbox")
    .values({ kind, recipient: to, payload: JSON.stringify(payload), created_at: now.toISOString(), next_attempt_at: now.toISOString() })
    .execute();
}

export async function enqueueText(db: Kysely<Database>, text: OutgoingText, now: Date): Promise<void> {
  await db
    .insertInto("outbox")
    .values({
      kind: TEXT_KIND,
      recipient: text.to,
      payload: JSON.stringify({ text: text.text }),
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

function reveal(recipient: string): string {
  if (!isSealed(recipient)) return recipient;
  const key = contactKey();
  if (!key) throw new Error("CONTACT_ENCRYPTION_KEY is not set: the recipient cannot be read");
  return openContact(recipient, key);
}

type Send = (to: string, payload: Record<string, unknown>) => Promise<unknown>;

/** Sends what is due of one channel, each row claimed first; returns how many were sent. */
async function deliver(db: Kysely<Database>, channel: "mail" | "text", send: Send, now: Date, log: (line: string) => void): Promise<number> {
  const stamp = now.toISOString();
  const due = await db
    .selectFrom("outbox")
    .select(["id", "recipient", "payload", "attempts"])
    .where("kind", channel === "text" ? "=" : "<>", TEXT_KIND)
    .where("sent_at", "is", null)
    .where("next_attempt_at", "<=", stamp)
    .where((eb) => eb.or([eb("claimed_until", "is", null), eb("claimed_until", "<", stamp)]))
    .orderBy("id")
    .limit(20)
    .execute();
  let sent = 0;
  for (const row of due) {
    const claimed = await db
      .updateTable("outbox")
      .set({ claimed_until: new Date(now.getTime() + CLAIM_MS).toISOString() })
      .where("id", "=", row.id)
      .where("sent_at", "is", null)
      .where((eb) => eb.or([eb("claimed_until", "is", null), eb("claimed_until", "<", stamp)]))
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) continue;
    let to = "";
    try {
      to = reveal(row.recipient);
      await send(to, JSON.parse(row.payload) as Record<string, unknown>);
      const forget = isSealed(row.recipient) ? { recipient: "" } : {};
      await db
        .updateTable("outbox")
        .set({ ...forget, sent_at: new Date().toISOString(), claimed_until: null, last_error: null })
        .where("id", "=", row.id)
        .execute();
      sent += 1;
    } catch (error) {
      const attempts = row.attempts + 1;
      const said = error instanceof Error ? error.message : String(error);
      const message = to ? said.replaceAll(to, "[recipient]") : said;
      log(`${channel} ${row.id} not delivered (attempt ${attempts}): ${message}`);
      await db
        .updateTable("outbox")
        .set({
          attempts,
          claimed_until: null,
          last_error: message.slice(0, 500),
          next_attempt_at: new Date(now.getTime() + retryDelay(attempts)).toISOString(),
        })
        .where("id", "=", row.id)
        .execute();
    }
  }
  return sent;
}

/** Sends the mail that is due; returns how many were sent. Failures are logged and tried again later. */
export async function deliverDue(
  db: Kysely<Database>,
  transport: Transporter,
  from: string,
  now = new Date(),
  log: (line: string) => void = console.error,
): Promise<number> {
  const send: Send = (to, payload) => {
    const { subject, text, headers } = payload as { subject: string; text: string; headers?: Record<string, string> };
    return transport.sendMail({ from, to, subject, text, headers });
  };
  return deliver(db, "mail", send, now, log);
}

/** Sends the text messages that are due through `sendText` (GOV.UK Notify); failures wait as mail does. */
export async function deliverDueTexts(
  db: Kysely<Database>,
  sendText: (to: string, text: string) => Promise<unknown>,
  now = new Date(),
  log: (line: string) => void = console.error,
): Promise<number> {
  return deliver(db, "text", (to, payload) => sendText(to, String(payload.text)), now, log);
}
