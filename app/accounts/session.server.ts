import { createCookie, redirect } from "@remix-run/node";
import { timingSafeEqual } from "node:crypto";
import type { DB } from "../../db/connection";
import type { Role } from "../../db/schema";
import { getDb } from "../db.server";
import { env } from "../env.server";
import { getFixedT } from "../i18n/i18n.server";
import { generateToken, hashSecret } from "../surveys/codes";
import { httpError } from "../utils/http.server";

export const IDLE_MINUTES = 30;
export const ABSOLUTE_HOURS = 12;
export { CSRF_FIELD } from "./csrf";
import { CSRF_FIELD } from "./csrf";

const sessionCookie = createCookie("staff_session", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
});

export interface StaffSession {
  idHash: string;
  csrfToken: string;
  user: { id: number; name: string; email: string; role: Role; organisation: string };
}

const minutes = (n: number) => n * 60 * 1000;

/** Signs a user in on a brand-new session id; returns the Set-Cookie header. */
export async function startSession(db: DB, userId: number, now = new Date()): Promise<string> {
  const token = generateToken();
  await db
    .insertInto("sessions")
    .values({
      id_hash: hashSecret(token),
      user_id: userId,
      csrf_token: generateToken(),
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + minutes(ABSOLUTE_HOURS * 60)).toISOString(),
    })
    .execute();
  return sessionCookie.serialize(token, { secure: env().NODE_ENV === "production" });
}

async function readToken(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && value ? value : null;
}

/**
 * The signed-in person, or null. A session ends after 30 idle minutes or 12 hours in all,
 * and at once when the account is disabled. Each visit moves the idle clock on.
 */
// The root loader and the route's own guard both ask for the same request's session: look it up once.
const sessions = new WeakMap<Request, Promise<StaffSession | null>>();

export function getSession(request: Request, now?: Date): Promise<StaffSession | null> {
  if (now) return readSession(request, now);
  let session = sessions.get(request);
  if (!session) {
    session = readSession(request, new Date());
    sessions.set(request, session);
  }
  return session;
}

async function readSession(request: Request, now: Date): Promise<StaffSession | null> {
  const token = await readToken(request);
  if (!token) return null;
  const db = getDb();
  const idHash = hashSecret(token);
  const row = await db
    .selectFrom("sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .select(["s.csrf_token", "s.last_seen_at", "s.expires_at", "u.id", "u.name", "u.email", "u.role", "u.organisation", "u.disabled_at"])
    .where("s.id_hash", "=", idHash)
    .executeTakeFirst();
  if (!row) return null;
  const idleSince = now.getTime() - new Date(row.last_seen_at).getTime();
  if (row.disabled_at || idleSince > minutes(IDLE_MINUTES) || new Date(row.expires_at) <= now) {
    await db.deleteFrom("sessions").where("id_hash", "=", idHash).execute();
    return null;
  }
  // Writing on every request would serialise reads behind the writer: once a minute is enough.
  if (idleSince > minutes(1)) {
    await db.updateTable("sessions").set({ last_seen_at: now.toISOString() }).where("id_hash", "=", idHash).execute();
  }
  return {
    idHash,
    csrfToken: row.csrf_token,
    user: { id: row.id, name: row.name, email: row.email, role: row.role, organisation: row.organisation },
  };
}

export async function endSession(request: Request): Promise<string> {
  const token = await readToken(request);
  if (token) await getDb().deleteFrom("sessions").where("id_hash", "=", hashSecret(token)).execute();
  return sessionCookie.serialize("", { maxAge: 0, secure: env().NODE_ENV === "production" });
}

export { safeRedirect } from "../utils/safe-redirect";

export type Area = "moderate" | "admin" | "safeguarding";

const allowed: Record<Area, Role[]> = {
  moderate: ["moderator", "safeguarding_lead", "administrator"],
  safeguarding: ["safeguarding_lead", "administrator"],
  admin: ["administrator"],
};

/**
 * The guard every /moderate and /admin loader and action calls first. Nobody signed in: to the
 * sign-in page, coming back here afterwards. Signed in without the role: 403.
 */
export async function requireStaff(request: Request, area: Area): Promise<StaffSession> {
  const session = await getSession(request);
  if (!session) {
    const url = new URL(request.url);
    const back = request.method === "GET" ? `${url.pathname}${url.search}` : url.pathname;
    throw redirect(`/sign-in?${new URLSearchParams({ redirectTo: back })}`);
  }
  if (!allowed[area].includes(session.user.role)) httpError(await getFixedT(request, "common"), 403, "forbidden");
  return session;
}

export function canUse(role: Role, area: Area): boolean {
  return allowed[area].includes(role);
}

/** Every state-changing staff form carries the session's CSRF token; without it, 403 and no change. */
export async function requireCsrf(request: Request, session: StaffSession, form: FormData): Promise<void> {
  const sent = form.get(CSRF_FIELD);
  const expected = Buffer.from(session.csrfToken);
  const given = Buffer.from(typeof sent === "string" ? sent : "");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    httpError(await getFixedT(request, "common"), 403, "csrf");
  }
}
