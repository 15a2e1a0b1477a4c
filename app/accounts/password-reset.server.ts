import type { TFunction } from "i18next";
import type { DB } from "../../db/connection";
import { env, publicOrigin } from "../env.server";
import { enqueueMail } from "../mail/outbox.server";
import { generateToken, hashSecret } from "../surveys/codes";
import { audit } from "./audit.server";
import { passwordProblem, type PasswordProblem } from "./password.server";
import { setPassword } from "./sign-in-steps.server";
import { findUserByEmail } from "./users.server";

/**
 * A forgotten password: a link by email that works once, for 30 minutes, sent through the outbox
 * like the safeguarding alert. Only its hash is stored. Where no mail is set up, an administrator
 * gives a temporary password instead (admin.users.$id).
 */

export const RESET_MINUTES = 30;

/** Whether links can be sent at all: mail is set up. */
export const canSendResetLinks = () => env().SMTP_URL !== undefined;

/**
 * Sends a link to this address if an account that works has it. Says nothing about whether one
 * does: the page shows the same words either way.
 */
export async function requestPasswordReset(db: DB, email: string, t: TFunction, now = new Date()): Promise<void> {
  const user = await findUserByEmail(db, email);
  if (!user || user.disabled_at) return;
  const token = generateToken();
  const link = `${publicOrigin()}/reset-password/${token}`;
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("password_resets")
      .values({
        token_hash: hashSecret(token),
        user_id: user.id,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + RESET_MINUTES * 60_000).toISOString(),
      })
      .execute();
    await enqueueMail(
      trx,
      "password_reset",
      { to: user.email, subject: t("reset.mail.subject"), text: t("reset.mail.text", { name: user.name, link, minutes: RESET_MINUTES }) },
      now,
    );
    await audit(trx, { userId: null, action: "user.password.reset_link", entity: "user", entityId: user.id }, now);
  });
}

/** The account a link is for, while it is unused and in time; else null. */
export async function resetLinkUser(db: DB, token: string, now = new Date()) {
  const row = await db
    .selectFrom("password_resets as r")
    .innerJoin("users as u", "u.id", "r.user_id")
    .select(["u.id", "u.email", "u.disabled_at", "r.expires_at", "r.used_at"])
    .where("r.token_hash", "=", hashSecret(token))
    .executeTakeFirst();
  if (!row || row.used_at || row.disabled_at || new Date(row.expires_at) <= now) return null;
  return { id: row.id, email: row.email };
}

/** Sets the new password through a link, using the link up. Returns what is wrong with it, or null. */
export async function resetPassword(db: DB, token: string, password: string, now = new Date()): Promise<PasswordProblem | "expired" | null> {
  const user = await resetLinkUser(db, token, now);
  if (!user) return "expired";
  const problem = passwordProblem(password, user.email);
  if (problem) return problem;
  const used = await db
    .updateTable("password_resets")
    .set({ used_at: now.toISOString() })
    .where("token_hash", "=", hashSecret(token))
    .where("used_at", "is", null)
    .executeTakeFirst();
  if (Number(used.numUpdatedRows) === 0) return "expired";
  await setPassword(db, user.id, password, { byUserId: user.id, temporary: false }, now);
  return null;
}
