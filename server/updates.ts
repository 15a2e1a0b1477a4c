import type { Env } from "../app/env.server";
import { deliverDueTexts } from "../app/mail/outbox.server";
import { getSettings } from "../app/settings.server";
import { deleteExpiredContacts } from "../app/updates/contacts.server";
import { queueWeeklyUpdates } from "../app/updates/digest.server";
import { notifyTextSender } from "../app/updates/notify.server";
import type { DB } from "../db/connection";
import { logger } from "./logger";
import { repeat, type Repeating } from "./repeat";
import { sharedJob } from "./scheduled-jobs";

const HOUR = 60 * 60 * 1000;
const TEXTS_EVERY_MS = 5_000;

/** Contacts past their time go, then each person due a weekly update (their own week) gets one queued. */
async function updatesRound(db: DB, origin: string) {
  const expired = await deleteExpiredContacts(db);
  const queued = await queueWeeklyUpdates(db, origin);
  if (expired > 0 || queued > 0) logger.info({ expired, queued }, "updates to respondents");
}

/** Sends waiting text messages through GOV.UK Notify, once an administrator has set it up; each is claimed before it is sent. */
async function sendTexts(db: DB) {
  const send = notifyTextSender(await getSettings(db));
  if (send) await deliverDueTexts(db, send, new Date(), (line) => logger.error(line));
}

/** The weekly updates (shared, once an hour across every instance) and the text sender (everywhere, like the mail worker). */
export function startUpdateWork(db: DB, env: Env): Repeating[] {
  return [sharedJob(db, "weekly updates", HOUR, () => updatesRound(db, env.PUBLIC_URL)), repeat("text worker", TEXTS_EVERY_MS, () => sendTexts(db))];
}
