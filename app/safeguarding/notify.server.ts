import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { env } from "../env.server";
import { enqueueMail } from "../mail/outbox.server";

/**
 * Tells the safeguarding inbox that a concern is waiting, when an administrator has set one.
 * Never any answer text: only that something is waiting and where to read it after signing in.
 */
export async function queueConcernEmail(trx: Kysely<Database>, concernId: number, now: Date): Promise<void> {
  const inbox = await trx.selectFrom("settings").select("value").where("key", "=", "safeguarding_email").executeTakeFirst();
  if (!inbox?.value) return;
  const link = new URL(`/moderate/safeguarding/${concernId}`, env().PUBLIC_URL).href;
  await enqueueMail(
    trx,
    "safeguarding.concern",
    {
      to: inbox.value,
      subject: "A possible safeguarding concern is waiting",
      text: [
        "A possible safeguarding concern is waiting for a safeguarding lead on the feedback portal.",
        "",
        `Sign in to read it and decide what to do: ${link}`,
        "",
        "This email holds none of the words the person wrote, on purpose. Please do not reply to it.",
      ].join("\n"),
    },
    now,
  );
}
