import { redirect } from "@remix-run/node";
import type { DB } from "../../db/connection";
import type { Role, SignInStep } from "../../db/schema";
import { formatCode, generateCode } from "../surveys/codes";
import { audit } from "./audit.server";
import { hashPassword, passwordProblem, verifyPassword, type PasswordProblem } from "./password.server";
import { mustHaveSecondFactor } from "./second-factor.server";
import { getFixedT } from "../i18n/i18n.server";
import { getSession, getSignInStep, landingFor, requireCsrf, safeRedirect, startSession, stepPages } from "./session.server";

/**
 * Signing in is a few steps, each on its own page, each on a fresh session id: the password; then
 * the second factor, if the account has one; then a new password, if an administrator gave a
 * temporary one; then setting up a second factor, if the role needs one and it has none. A
 * session part-way through opens nothing but the page of its next step (session.server.ts).
 */

interface Account {
  role: Parameters<typeof mustHaveSecondFactor>[0];
  totp_enabled_at: string | null;
  must_change_password: number;
}

/** The step still to do, once the steps before `after` are done. */
export function nextStep(user: Account, after: SignInStep | "password"): SignInStep | null {
  const order: (SignInStep | "password")[] = ["password", "second_factor", "change_password", "set_up_second_factor"];
  const due: Record<SignInStep, boolean> = {
    second_factor: user.totp_enabled_at !== null,
    change_password: user.must_change_password === 1,
    set_up_second_factor: mustHaveSecondFactor(user.role) && user.totp_enabled_at === null,
  };
  return (order.slice(order.indexOf(after) + 1) as SignInStep[]).find((step) => due[step]) ?? null;
}

/**
 * Ends the session of the step just done and starts one for the next step, or a signed-in session
 * when none is left. Returns the cookie and where to go next (null: where the person was going).
 */
export async function advance(db: DB, userId: number, done: SignInStep | "password", endIdHash: string | null, now = new Date()) {
  const user = await db.selectFrom("users").select(["role", "totp_enabled_at", "must_change_password"]).where("id", "=", userId).executeTakeFirstOrThrow();
  const step = nextStep(user, done);
  if (endIdHash) await db.deleteFrom("sessions").where("id_hash", "=", endIdHash).execute();
  if (step === null) await audit(db, { userId, action: "sign_in.success", entity: "user", entityId: userId }, now);
  return { cookie: await startSession(db, userId, now, step), step };
}

/** Changes one's own password: the current one must be given, and the new one must be a good one. */
export async function changePassword(
  db: DB,
  userId: number,
  current: string,
  next: string,
  now = new Date(),
): Promise<PasswordProblem | "wrongCurrent" | "same" | null> {
  const user = await db.selectFrom("users").select(["email", "password_hash"]).where("id", "=", userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(current, user.password_hash))) return "wrongCurrent";
  if (current === next) return "same";
  const problem = passwordProblem(next, user.email);
  if (problem) return problem;
  await setPassword(db, userId, next, { byUserId: userId, temporary: false }, now);
  return null;
}

/**
 * Sets a password and ends every session of the account (the caller starts a new one where needed). `temporary`: an administrator gave
 * it, so it must be changed at the next sign-in.
 */
export async function setPassword(db: DB, userId: number, password: string, how: { byUserId: number | null; temporary: boolean }, now = new Date()) {
  const hash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("users")
      .set({ password_hash: hash, must_change_password: how.temporary ? 1 : 0 })
      .where("id", "=", userId)
      .execute();
    await trx.deleteFrom("sessions").where("user_id", "=", userId).execute();
    await trx.deleteFrom("password_resets").where("user_id", "=", userId).where("used_at", "is", null).execute();
    const action = how.temporary ? "user.password.temporary" : how.byUserId === userId ? "user.password.change" : "user.password.reset";
    await audit(trx, { userId: how.byUserId, action, entity: "user", entityId: userId }, now);
  });
}

/** A temporary password an administrator reads to someone: 12 characters that are easy to read aloud. */
export function temporaryPassword(): string {
  return formatCode(generateCode());
}

/**
 * The guard of a sign-in step's page: the session must be part-way through signing in, at this
 * step. Anyone else goes where they belong: signed in, to where they were going; at another step,
 * to its page; nobody, to the sign-in page.
 */
export async function requireStep(request: Request, step: SignInStep) {
  const url = new URL(request.url);
  const redirectTo = safeRedirect(url.searchParams.get("redirectTo"));
  if (await getSession(request)) throw redirect(redirectTo);
  const pending = await getSignInStep(request);
  if (!pending) throw redirect(`/sign-in?${new URLSearchParams({ redirectTo })}`);
  if (pending.pending !== step) throw redirect(`${stepPages[pending.pending]}?${new URLSearchParams({ redirectTo })}`);
  return { session: pending, redirectTo };
}

/** What a step's page needs: its title, the form's CSRF token, and where the person was going. */
export async function stepPageData(request: Request, step: SignInStep, titleKey: string) {
  const { session, redirectTo } = await requireStep(request, step);
  const t = await getFixedT(request, "staff");
  return { title: t(titleKey), csrf: session.csrfToken, redirectTo };
}

/** A step's form as posted: the step's guard, then the CSRF check, then the words for its messages. */
export async function readStepForm(request: Request, step: SignInStep) {
  const { session, redirectTo } = await requireStep(request, step);
  const form = await request.formData();
  await requireCsrf(request, session, form);
  const t = await getFixedT(request, ["staff", "common"]);
  return { session, redirectTo, form, t };
}

/** After a step: on to the next one's page, or to where the person was going, on a new session. */
export async function afterStep(db: DB, session: { idHash: string; user: { id: number; role: Role } }, done: SignInStep, redirectTo: string): Promise<never> {
  const { cookie, step } = await advance(db, session.user.id, done, session.idHash);
  const to = step ? `${stepPages[step]}?${new URLSearchParams({ redirectTo })}` : landingFor(session.user.role, redirectTo);
  throw redirect(to, { status: 303, headers: { "Set-Cookie": cookie } });
}
