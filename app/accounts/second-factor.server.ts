import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";
import type { DB } from "../../db/connection";
import type { Role } from "../../db/schema";
import { formatCode, generateCode, hashSecret, normaliseCode } from "../surveys/codes";
import { audit } from "./audit.server";

/**
 * A second factor for staff: a time-based one-time code (TOTP, RFC 6238) from an authenticator
 * app, with ten single-use recovery codes for a lost phone. Administrators and safeguarding leads
 * must have one; moderators may. See docs/decisions/024-staff-accounts.md.
 */

export const RECOVERY_CODES = 10;
const ISSUER = "You said, we did";
/** A code from the time step before or after is accepted too: phones' clocks drift, people type slowly. */
const TOLERANCE_SECONDS = 30;

export const mustHaveSecondFactor = (role: Role) => role === "administrator" || role === "safeguarding_lead";

type Db = DB;

/** The secret being set up (kept from the first view of the set-up page), with what an app needs to add it. */
export async function setUpSecret(db: Db, userId: number) {
  const user = await db.selectFrom("users").select(["email", "totp_secret", "totp_enabled_at"]).where("id", "=", userId).executeTakeFirstOrThrow();
  let secret = user.totp_secret;
  // A new secret each time setting up starts afresh; the same one while it is under way.
  if (!secret || user.totp_enabled_at) {
    secret = generateSecret();
    if (!user.totp_enabled_at) await db.updateTable("users").set({ totp_secret: secret }).where("id", "=", userId).execute();
  }
  const uri = generateURI({ issuer: ISSUER, label: user.email, secret });
  const qr = await QRCode.toString(uri, { type: "svg", margin: 2, errorCorrectionLevel: "M" });
  return { secret, uri, qr, grouped: secret.match(/.{1,4}/g)?.join(" ") ?? secret };
}

async function checkCode(secret: string, code: string, afterStep: number | null, now: Date) {
  const token = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const result = await verify({
    secret,
    token,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: TOLERANCE_SECONDS,
    ...(afterStep === null ? {} : { afterTimeStep: afterStep }),
  });
  return result.valid && "timeStep" in result ? result.timeStep : null;
}

async function newRecoveryCodes(db: Db, userId: number): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODES }, generateCode);
  await db.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
  await db
    .insertInto("recovery_codes")
    .values(codes.map((code) => ({ user_id: userId, code_hash: hashSecret(code) })))
    .execute();
  return codes.map(formatCode);
}

/**
 * Turns the second factor on once the person types a code their app shows for the secret being
 * set up. Returns the ten recovery codes, to be shown once, or null when the code is wrong.
 */
export async function confirmSecondFactor(db: Db, userId: number, code: string, now = new Date()): Promise<string[] | null> {
  return db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom("users").select(["totp_secret", "totp_enabled_at"]).where("id", "=", userId).executeTakeFirstOrThrow();
    if (!user.totp_secret || user.totp_enabled_at) return null;
    const step = await checkCode(user.totp_secret, code, null, now);
    if (step === null) return null;
    await trx.updateTable("users").set({ totp_enabled_at: now.toISOString(), totp_last_step: step }).where("id", "=", userId).execute();
    const codes = await newRecoveryCodes(trx, userId);
    await audit(trx, { userId, action: "user.second_factor.on", entity: "user", entityId: userId }, now);
    return codes;
  });
}

/**
 * Checks what someone typed at sign-in: a code from their app (never one already used), or one of
 * their recovery codes (used up by this). Returns how it matched, or null.
 */
export async function checkSecondFactor(db: Db, userId: number, input: string, now = new Date()): Promise<"code" | "recovery" | null> {
  return db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom("users").select(["totp_secret", "totp_enabled_at", "totp_last_step"]).where("id", "=", userId).executeTakeFirstOrThrow();
    if (!user.totp_secret || !user.totp_enabled_at) return null;
    const step = await checkCode(user.totp_secret, input, user.totp_last_step, now);
    if (step !== null) {
      await trx.updateTable("users").set({ totp_last_step: step }).where("id", "=", userId).execute();
      return "code";
    }
    const recovery = normaliseCode(input);
    if (!recovery) return null;
    const used = await trx
      .updateTable("recovery_codes")
      .set({ used_at: now.toISOString() })
      .where("user_id", "=", userId)
      .where("code_hash", "=", hashSecret(recovery))
      .where("used_at", "is", null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) === 0) return null;
    const left = await trx
      .selectFrom("recovery_codes")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("user_id", "=", userId)
      .where("used_at", "is", null)
      .executeTakeFirstOrThrow();
    await audit(trx, { userId, action: "sign_in.recovery_code", entity: "user", entityId: userId, after: { left: Number(left.n) } }, now);
    return "recovery";
  });
}

/** How many recovery codes are left unused. */
export async function recoveryCodesLeft(db: Db, userId: number): Promise<number> {
  const row = await db
    .selectFrom("recovery_codes")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Ten new recovery codes in place of the old ones, shown once. */
export async function replaceRecoveryCodes(db: Db, userId: number, now = new Date()): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const codes = await newRecoveryCodes(trx, userId);
    await audit(trx, { userId, action: "user.recovery_codes.new", entity: "user", entityId: userId }, now);
    return codes;
  });
}

/**
 * An administrator clears someone's second factor (a lost phone and no recovery codes): their
 * sessions end, and they set it up again at their next sign-in if their role needs one.
 */
export async function resetSecondFactor(db: Db, userId: number, byUserId: number, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("users").set({ totp_secret: null, totp_enabled_at: null, totp_last_step: null }).where("id", "=", userId).execute();
    await trx.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
    await trx.deleteFrom("sessions").where("user_id", "=", userId).execute();
    await audit(trx, { userId: byUserId, action: "user.second_factor.reset", entity: "user", entityId: userId }, now);
  });
}
