import { createCookie, redirect } from "@remix-run/node";
import { timingSafeEqual } from "node:crypto";
import type { DB } from "../../db/connection";
import type { Role, SignInStep } from "../../db/schema";
import { getDb } from "../db.server";
import { env } from "../env.server";
import { getFixedT } from "../i18n/i18n.server";
import { generateToken, hashSecret } from "../surveys/codes";
import { httpError } from "../utils/http.server";

export const IDLE_MINUTES = SESSION_IDLE_MINUTES;
export const ABSOLUTE_HOURS = 12;
/** How long someone part-way through signing in has to finish the next step. */
export const STEP_MINUTES = 10;
export { CSRF_FIELD } from "./csrf";
import { CSRF_FIELD } from "./csrf";
import { SESSION_IDLE_MINUTES } from "./session-rules";

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

/**
 * Starts a session on a brand-new id; returns the Set-Cookie header. With `pending`, the person is
 * part-way through signing in (docs/decisions/024-staff-accounts.md): the session lasts minutes,
 * and opens nothing but the page for that step.
 */
export async function startSession(db: DB, userId: number, now = new Date(), pending: SignInStep | null = null): Promise<string> {
  const token = generateToken();
  await db
    .insertInto("sessions")
    .values({
      id_hash: hashSecret(token),
      user_id: userId,
      csrf_token: generateToken(),
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + minutes(pending ? STEP_MINUTES : ABSOLUTE_HOURS * 60)).toISOString(),
      pending,
    })
    .execute();
  return sessionCookie.serialize(token, { secure: env().NODE_ENV === "production" });
}

async function readToken(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && value ? value : null;
}

/** A session as read, signed in or part-way through signing in; `ended` says why there is none. */
interface SessionRead {
  session: (StaffSession & { pending: SignInStep | null }) | null;
  /** "idle": a session ended because nothing happened for 30 minutes (the sign-in page says so). */
  ended: "idle" | null;
}

// The root loader and the route's own guard both ask for the same request's session: look it up once.
const reads = new WeakMap<Request, Promise<SessionRead>>();

function read(request: Request, now?: Date): Promise<SessionRead> {
  if (now) return readSession(request, now);
  let found = reads.get(request);
  if (!found) {
    found = readSession(request, new Date());
    reads.set(request, found);
  }
  return found;
}

/**
 * The signed-in person, or null. A session ends after 30 idle minutes or 12 hours in all,
 * and at once when the account is disabled. Each visit moves the idle clock on. Someone still
 * part-way through signing in is not signed in: see `getSignInStep`.
 */
export async function getSession(request: Request, now?: Date): Promise<StaffSession | null> {
  const { session } = await read(request, now);
  return session && session.pending === null ? session : null;
}

/** The session of someone part-way through signing in, with the step they have still to do. */
export async function getSignInStep(request: Request, now?: Date): Promise<(StaffSession & { pending: SignInStep }) | null> {
  const { session } = await read(request, now);
  return session && session.pending !== null ? { ...session, pending: session.pending } : null;
}

async function readSession(request: Request, now: Date): Promise<SessionRead> {
  const token = await readToken(request);
  if (!token) return { session: null, ended: null };
  const db = getDb();
  const idHash = hashSecret(token);
  const row = await db
    .selectFrom("sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .select(["s.csrf_token", "s.last_seen_at", "s.expires_at", "s.pending", "u.id", "u.name", "u.email", "u.role", "u.organisation", "u.disabled_at"])
    .where("s.id_hash", "=", idHash)
    .executeTakeFirst();
  if (!row) return { session: null, ended: null };
  const idle = now.getTime() - new Date(row.last_seen_at).getTime() > minutes(IDLE_MINUTES);
  if (row.disabled_at || idle || new Date(row.expires_at) <= now) {
    await db.deleteFrom("sessions").where("id_hash", "=", idHash).execute();
    return { session: null, ended: idle && !row.disabled_at && row.pending === null ? "idle" : null };
  }
  // Writing on every request would serialise reads behind the writer: once a minute is enough.
  if (now.getTime() - new Date(row.last_seen_at).getTime() > minutes(1)) await keepAlive(db, idHash, now);
  return {
    session: {
      idHash,
      csrfToken: row.csrf_token,
      pending: row.pending,
      user: { id: row.id, name: row.name, email: row.email, role: row.role, organisation: row.organisation },
    },
    ended: null,
  };
}

/** Moves a session's idle clock on ("Stay signed in" does this too). */
export async function keepAlive(db: DB, idHash: string, now = new Date()): Promise<void> {
  await db.updateTable("sessions").set({ last_seen_at: now.toISOString() }).where("id_hash", "=", idHash).execute();
}

/** Where each step of signing in is done. */
export const stepPages: Record<SignInStep, string> = {
  second_factor: "/sign-in/code",
  change_password: "/sign-in/new-password",
  set_up_second_factor: "/account/second-factor",
};

export async function endSession(request: Request): Promise<string> {
  const token = await readToken(request);
  if (token) await getDb().deleteFrom("sessions").where("id_hash", "=", hashSecret(token)).execute();
  return sessionCookie.serialize("", { maxAge: 0, secure: env().NODE_ENV === "production" });
}

export { safeRedirect } from "../utils/safe-redirect";

export type Area = "moderate" | "admin" | "safeguarding" | "support";

/** A supporter helps someone answer and never reads responses: the "support" pages are theirs, open to all staff. */
const allowed: Record<Area, Role[]> = {
  support: ["supporter", "moderator", "safeguarding_lead", "administrator"],
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
    const step = await getSignInStep(request);
    if (step) throw redirect(`${stepPages[step.pending]}?${new URLSearchParams({ redirectTo: back })}`);
    const { ended } = await read(request);
    throw redirect(`/sign-in?${new URLSearchParams({ redirectTo: back, ...(ended ? { timedOut: "1" } : {}) })}`);
  }
  if (!allowed[area].includes(session.user.role)) httpError(await getFixedT(request, "common"), 403, "forbidden");
  return session;
}

export function canUse(role: Role, area: Area): boolean {
  return allowed[area].includes(role);
}

/** Where someone goes after signing in when they were going nowhere in particular: a supporter has no queue. */
export function landingFor(role: Role, redirectTo: string): string {
  return role === "supporter" && redirectTo === "/moderate" ? "/support" : redirectTo;
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
