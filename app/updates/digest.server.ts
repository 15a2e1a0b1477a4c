import type { TFunction } from "i18next";
import type { DB } from "../../db/connection";
import type { UpdateChannel } from "../../db/schema";
import { fixedT } from "../i18n/i18n.server";
import { enqueueMail, enqueueText } from "../mail/outbox.server";
import { responseThemeIds } from "../publishing/my-feedback.server";
import { generateToken } from "../surveys/codes";
import { changesOnThemes, type ActionChange } from "./changes.server";

/** At most one message a week to each person. */
export const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** The links in a message: each opens a page, and only its button changes anything. */
export function updateLinks(origin: string, contactToken: string, messageToken: string) {
  return {
    myFeedback: `${origin}/my-feedback`,
    unsubscribe: `${origin}/updates/unsubscribe/${contactToken}`,
    yes: `${origin}/updates/seen/${messageToken}?answer=yes`,
    no: `${origin}/updates/seen/${messageToken}?answer=no`,
  };
}
type Links = ReturnType<typeof updateLinks>;

function changeLine(t: TFunction, change: ActionChange): string {
  const status = t(`ysd.statuses.${change.status}`);
  return t(`updates.message.${change.kind}`, { title: change.title, status });
}

/** The e-mail: what changed, where to see more, the one question, and how to stop. No answer text. */
export function updateEmail(lang: string, changes: ActionChange[], links: Links) {
  const t = fixedT(lang, "pages");
  const text = [
    t("updates.message.hello"),
    "",
    t("updates.message.intro"),
    "",
    ...changes.map((change) => `- ${changeLine(t, change)}`),
    "",
    t("updates.message.more", { link: links.myFeedback }),
    t("updates.message.listen"),
    "",
    t("updates.message.question"),
    `${t("updates.message.yes")}: ${links.yes}`,
    `${t("updates.message.no")}: ${links.no}`,
    "",
    t("updates.message.why"),
    t("updates.message.stop", { link: links.unsubscribe }),
  ].join("\n");
  return {
    subject: t("updates.message.subject"),
    text,
    // RFC 8058: a mail client may offer one-click unsubscribe, by a POST to this address.
    headers: { "List-Unsubscribe": `<${links.unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
  };
}

/** The text message: short, with the same links; what changed is on the /my-feedback page, which can be read aloud. */
export function updateText(lang: string, links: Links): string {
  const t = fixedT(lang, "pages");
  return `${t("updates.text", { link: links.myFeedback, yes: links.yes, no: links.no, stop: links.unsubscribe })} ${t("updates.message.listen")}`;
}

interface DueContact {
  id: number;
  response_id: number;
  channel: UpdateChannel;
  contact: string;
  lang: string;
  token: string;
  notified_until: string;
  last_sent_at: string | null;
}

/** Contacts whose last message is a week old or more, for responses that are not held for safeguarding. */
function dueContacts(db: DB, now: Date): Promise<DueContact[]> {
  const weekAgo = new Date(now.getTime() - WEEK_MS).toISOString();
  return db
    .selectFrom("update_contacts as c")
    .innerJoin("responses as r", "r.id", "c.response_id")
    .select(["c.id", "c.response_id", "c.channel", "c.contact", "c.lang", "c.token", "c.notified_until", "c.last_sent_at"])
    .where("r.flagged", "=", 0)
    .where("c.expires_at", ">", now.toISOString())
    .where((eb) => eb.or([eb("c.last_sent_at", "is", null), eb("c.last_sent_at", "<=", weekAgo)]))
    .orderBy("c.id")
    .execute();
}

/** Queues one message for the contact, in one transaction with moving its clock on; false when another run got there first. */
async function queueUpdate(db: DB, contact: DueContact, changes: ActionChange[], origin: string, now: Date): Promise<boolean> {
  const stamp = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable("update_contacts")
      .set({ notified_until: stamp, last_sent_at: stamp })
      .where("id", "=", contact.id)
      .where("notified_until", "=", contact.notified_until)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) return false;
    const messageToken = generateToken();
    await trx.insertInto("update_messages").values({ response_id: contact.response_id, token: messageToken, created_at: stamp }).execute();
    const links = updateLinks(origin, contact.token, messageToken);
    if (contact.channel === "email") await enqueueMail(trx, "update", { to: contact.contact, ...updateEmail(contact.lang, changes, links) }, now);
    else await enqueueText(trx, { to: contact.contact, text: updateText(contact.lang, links) }, now);
    return true;
  });
}

/**
 * The weekly updates: for each person due one, what changed on published actions under the themes
 * their response counted under since they were last told. Nothing changed, nothing sent, and their
 * week does not start again. Returns how many messages were queued for the outbox to send.
 */
export async function queueWeeklyUpdates(db: DB, origin: string, now = new Date()): Promise<number> {
  let queued = 0;
  for (const contact of await dueContacts(db, now)) {
    const themeIds = await responseThemeIds(db, contact.response_id);
    const changes = await changesOnThemes(db, themeIds, contact.notified_until, now.toISOString(), contact.lang, now);
    if (changes.length > 0 && (await queueUpdate(db, contact, changes, origin, now))) queued += 1;
  }
  return queued;
}
