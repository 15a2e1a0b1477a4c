import { z } from "zod";
import type { DB } from "../../db/connection";
import type { UpdateChannel } from "../../db/schema";
import { getSettings, type Settings } from "../settings.server";
import { generateToken } from "../surveys/codes";
import { contactKey, sealContact } from "./contact-crypto.server";

/** How long a contact is kept when the administrator has not said: a year of updates. */
export const DEFAULT_KEEP_MONTHS = 12;

/** What the survey offers at its end: nothing without the key; texts only where Notify is set up. */
export interface UpdatesOffer {
  email: boolean;
  text: boolean;
}

export const notifyReady = (settings: Settings) => settings.notify_api_key !== "" && settings.notify_sms_template_id !== "";

export async function updatesOffer(db: DB): Promise<UpdatesOffer | null> {
  if (!contactKey()) return null;
  return { email: true, text: notifyReady(await getSettings(db)) };
}

export function keepMonths(settings: Settings): number {
  const months = Number(settings.updates_keep_months);
  return Number.isInteger(months) && months >= 1 && months <= 60 ? months : DEFAULT_KEEP_MONTHS;
}

/** A UK mobile number as typed (spaces, dashes, brackets, +44 or 0044 or 0), as +447… or undefined. */
export function ukMobile(typed: string): string | undefined {
  const digits = typed.replace(/[\s().-]/g, "");
  const match = /^(?:\+44|0044|0)(7\d{9})$/.exec(digits);
  return match ? `+44${match[1]}` : undefined;
}

/** The form at the end of a survey; messages are keys under `updates.errors` in the survey namespace. */
export const SubscribeForm = z
  .object({
    email: z
      .string()
      .trim()
      .max(254, { error: "email" })
      .default("")
      .pipe(z.union([z.literal(""), z.email({ error: "email" })], { error: "email" })),
    phone: z
      .string()
      .trim()
      .max(30, { error: "phone" })
      .default("")
      .refine((typed) => typed === "" || ukMobile(typed) !== undefined, { error: "phone" })
      .transform((typed) => (typed === "" ? "" : (ukMobile(typed) ?? ""))),
  })
  .refine((form) => form.email !== "" || form.phone !== "", { error: "none", path: ["email"] });

const addMonths = (date: Date, months: number) => {
  const later = new Date(date);
  later.setUTCMonth(later.getUTCMonth() + months);
  return later;
};

/**
 * Keeps the person's address and number, sealed, for the response; asking again replaces what was
 * given for that channel. Returns nothing: the contact is never read back to a page.
 */
export async function subscribe(db: DB, responseId: number, given: { email: string; phone: string }, lang: string, now = new Date()): Promise<void> {
  const key = contactKey();
  if (!key) throw new Error("CONTACT_ENCRYPTION_KEY is not set");
  const expires = addMonths(now, keepMonths(await getSettings(db))).toISOString();
  const wanted: [UpdateChannel, string][] = [
    ["email", given.email],
    ["sms", given.phone],
  ];
  await db.transaction().execute(async (trx) => {
    for (const [channel, contact] of wanted) {
      if (!contact) continue;
      await trx.deleteFrom("update_contacts").where("response_id", "=", responseId).where("channel", "=", channel).execute();
      await trx
        .insertInto("update_contacts")
        .values({
          response_id: responseId,
          channel,
          contact: sealContact(contact, key),
          lang,
          token: generateToken(),
          created_at: now.toISOString(),
          expires_at: expires,
          notified_until: now.toISOString(),
        })
        .execute();
    }
  });
}

/** Removes the contact, and anything still waiting to be sent to it. True when there was one. */
export async function unsubscribe(db: DB, token: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const contact = await trx.selectFrom("update_contacts").select(["id", "contact"]).where("token", "=", token).executeTakeFirst();
    if (!contact) return false;
    await trx.deleteFrom("outbox").where("recipient", "=", contact.contact).where("sent_at", "is", null).execute();
    await trx.deleteFrom("update_contacts").where("id", "=", contact.id).execute();
    return true;
  });
}

export async function contactExists(db: DB, token: string): Promise<boolean> {
  return (await db.selectFrom("update_contacts").select("id").where("token", "=", token).executeTakeFirst()) !== undefined;
}

/** Deletes contacts past their time; returns how many. Run by the scheduled work. */
export async function deleteExpiredContacts(db: DB, now = new Date()): Promise<number> {
  const expired = await db.selectFrom("update_contacts").select(["id", "token"]).where("expires_at", "<=", now.toISOString()).execute();
  for (const contact of expired) await unsubscribe(db, contact.token);
  return expired.length;
}
