import { createCookie } from "@remix-run/node";
import type { DB } from "../../db/connection";
import { env } from "../env.server";
import { generateToken, hashSecret } from "../surveys/codes";
import { limiter, secondsToWait } from "../utils/rate-limit.server";
import { audit } from "./audit.server";

/**
 * Slows a password guesser without ever locking the account's owner out (docs/decisions/011).
 * Wrong passwords are counted per address (across accounts) and per account from one address,
 * never per account alone: a guesser elsewhere cannot stop the owner. A browser the owner has
 * signed in from before carries a device cookie and is counted on its own, so even a guesser on
 * the owner's network cannot shut that browser out.
 */

const deviceCookie = createCookie("staff_device", {
  httpOnly: true,
  sameSite: "lax",
  path: "/sign-in",
  maxAge: 60 * 60 * 24 * 365,
});

export interface Attempt {
  account: string;
  address: string;
  /** The hash of the device token, when this browser has signed in to this account before. */
  knownDevice: string | null;
  /** The device token this browser sent, if any. */
  device: string | null;
}

/** Who is trying to sign in, from where, and whether this browser is one the account has used: looked up once. */
export async function signInAttempt(db: DB, request: Request, account: string, address: string): Promise<Attempt> {
  const value: unknown = await deviceCookie.parse(request.headers.get("Cookie"));
  const device = typeof value === "string" && value.length > 20 ? value : null;
  const known = device
    ? await db
        .selectFrom("known_devices as d")
        .innerJoin("users as u", "u.id", "d.user_id")
        .select("d.token_hash")
        .where("d.token_hash", "=", hashSecret(device))
        .where("u.email", "=", account)
        .executeTakeFirst()
    : undefined;
  return { account, address, device, knownDevice: known?.token_hash ?? null };
}

/** Seconds until this attempt may be made, or 0 when it may be made now. */
export async function signInWait(attempt: Attempt): Promise<number> {
  if (attempt.knownDevice) return secondsToWait("signInDevice", attempt.knownDevice);
  const waits = await Promise.all([
    secondsToWait("signInAddress", attempt.address),
    secondsToWait("signInAccountAddress", `${attempt.account}|${attempt.address}`),
  ]);
  return Math.max(...waits);
}

const MAX_ADDRESSES = 20;

/**
 * Counts a wrong password. The audit log gets one row per account and hour, not one per guess, so
 * a guesser cannot grow it without bound; unknown addresses share one "unknown account" row.
 */
export async function recordFailedSignIn(db: DB, attempt: Attempt, userId: number | null, now = new Date()): Promise<void> {
  if (attempt.knownDevice) await limiter("signInDevice").penalty(attempt.knownDevice, 1);
  else
    await Promise.all([
      limiter("signInAddress").penalty(attempt.address || "unknown", 1),
      limiter("signInAccountAddress").penalty(`${attempt.account}|${attempt.address}`, 1),
    ]);

  const account = userId === null ? "unknown account" : attempt.account;
  const hour = `${now.toISOString().slice(0, 13)}:00:00Z`;
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("sign_in_failures")
      .select(["failures", "addresses"])
      .where("account", "=", account)
      .where("hour", "=", hour)
      .executeTakeFirst();
    if (!row) {
      await trx
        .insertInto("sign_in_failures")
        .values({ account, hour, failures: 1, addresses: JSON.stringify([attempt.address]) })
        .execute();
      await audit(trx, { userId: null, action: "sign_in.failures", entity: "user", entityId: userId, after: { account, hour } }, now);
      return;
    }
    const addresses = JSON.parse(row.addresses) as string[];
    if (!addresses.includes(attempt.address) && addresses.length < MAX_ADDRESSES) addresses.push(attempt.address);
    await trx
      .updateTable("sign_in_failures")
      .set((eb) => ({ failures: eb("failures", "+", 1), addresses: JSON.stringify(addresses) }))
      .where("account", "=", account)
      .where("hour", "=", hour)
      .execute();
  });
}

/** After a right password: this browser becomes a known device for the account. Returns its cookie. */
export async function rememberDevice(db: DB, userId: number, attempt: Attempt, now = new Date()): Promise<string> {
  await limiter("signInAccountAddress").delete(`${attempt.account}|${attempt.address}`);
  if (attempt.device && attempt.knownDevice) {
    await db.updateTable("known_devices").set({ last_used_at: now.toISOString() }).where("token_hash", "=", attempt.knownDevice).execute();
    return deviceCookie.serialize(attempt.device, { secure: env().NODE_ENV === "production" });
  }
  const token = generateToken();
  await db
    .insertInto("known_devices")
    .values({ token_hash: hashSecret(token), user_id: userId, created_at: now.toISOString(), last_used_at: now.toISOString() })
    .execute();
  return deviceCookie.serialize(token, { secure: env().NODE_ENV === "production" });
}
