import { generate } from "otplib";
import { getDb } from "~/db.server";
import { requestPasswordReset } from "~/accounts/password-reset.server";
import { getSession } from "~/accounts/session.server";
import { getFixedT } from "~/i18n/i18n.server";
import * as secondFactorPage from "~/routes/account.second-factor";
import * as userPage from "~/routes/admin.users.$id";
import * as moderate from "~/routes/moderate._index";
import * as resetPage from "~/routes/reset-password.$token";
import * as sessionRoute from "~/routes/session";
import * as signIn from "~/routes/sign-in";
import * as codePage from "~/routes/sign-in_.code";
import * as newPasswordPage from "~/routes/sign-in_.new-password";
import { call, CookieJar, readJson } from "../support/remix";
import { createStaff } from "../support/factories";

const db = () => getDb();
const auditFor = (action: string, userId: number) =>
  db().selectFrom("audit_log").select(["user_id", "after"]).where("action", "=", action).where("entity_id", "=", String(userId)).execute();
/** The CSRF token of the session in the jar, signed in or part-way. */
async function stepCsrf(jar: CookieJar, page: { loader: Parameters<typeof call>[0] }, path: string) {
  const { response } = await call(page.loader, { path, jar });
  return (await readJson<{ csrf: string }>(response)).csrf;
}
const codeFor = async (secret: string, at = Date.now()) => generate({ secret, epoch: Math.floor(at / 1000) });

async function password(person: { email: string; password: string }, jar: CookieJar, redirectTo = "/moderate") {
  const { response } = await call(signIn.action, { path: "/sign-in", form: { email: person.email, password: person.password, redirectTo }, jar });
  expect(response.status).toBe(303);
  return response.headers.get("Location");
}

async function turnOn(userId: number, jar: CookieJar) {
  const { response } = await call(secondFactorPage.loader, { path: "/account/second-factor", jar });
  expect(response.status).toBe(200);
  const { secret } = await db().selectFrom("users").select("totp_secret as secret").where("id", "=", userId).executeTakeFirstOrThrow();
  const confirm = await call(secondFactorPage.action, {
    path: "/account/second-factor",
    form: { csrf: await stepCsrf(jar, secondFactorPage, "/account/second-factor"), intent: "confirm", code: await codeFor(secret!) },
    jar,
  });
  return { confirm: confirm.response, secret: secret! };
}

describe("a second factor", () => {
  it("is set up by an administrator at their first sign-in before any staff page opens, with ten recovery codes shown once", async () => {
    const admin = await createStaff(db(), "administrator");
    const jar = new CookieJar();
    expect(await password(admin, jar, "/moderate?status=new")).toBe("/account/second-factor?redirectTo=%2Fmoderate%3Fstatus%3Dnew");
    // Part-way through signing in, no staff page opens: each sends the person back to the step.
    const early = await call(moderate.loader, { path: "/moderate", jar });
    expect(early.response.status).toBe(302);
    expect(early.response.headers.get("Location")).toBe("/account/second-factor?redirectTo=%2Fmoderate");
    const wrong = await call(secondFactorPage.action, {
      path: "/account/second-factor",
      form: { csrf: await stepCsrf(jar, secondFactorPage, "/account/second-factor"), intent: "confirm", code: "000000" },
      jar,
    });
    expect(wrong.response.status).toBe(400);
    expect(await readJson(wrong.response)).toMatchObject({ errors: [{ field: "code", message: expect.stringContaining("The code is not right") }] });

    const { confirm } = await turnOn(admin.id, jar);
    expect(confirm.status).toBe(200);
    const { codes } = await readJson<{ codes: string[] }>(confirm);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    // Only their hashes are kept.
    const stored = await db().selectFrom("recovery_codes").select("code_hash").where("user_id", "=", admin.id).execute();
    expect(JSON.stringify(stored)).not.toContain(codes[0].replaceAll("-", ""));
    // Still part-way until the codes are kept; then signed in, on a new session id.
    expect((await call(moderate.loader, { path: "/moderate", jar })).response.status).toBe(302);
    const finish = await call(secondFactorPage.action, {
      path: "/account/second-factor?redirectTo=%2Fmoderate%3Fstatus%3Dnew",
      form: { csrf: await stepCsrf(jar, secondFactorPage, "/account/second-factor"), intent: "finish" },
      jar,
    });
    expect(finish.response.status).toBe(303);
    expect(finish.response.headers.get("Location")).toBe("/moderate?status=new");
    expect((await call(moderate.loader, { path: "/moderate", jar })).response.status).toBe(200);
    expect(await auditFor("user.second_factor.on", admin.id)).toHaveLength(1);
  });

  it("asks for a code after the password; takes each code and each recovery code once; slows a guesser", async () => {
    const lead = await createStaff(db(), "safeguarding_lead");
    const setUp = new CookieJar();
    await password(lead, setUp);
    const { confirm, secret } = await turnOn(lead.id, setUp);
    const { codes } = await readJson<{ codes: string[] }>(confirm);

    const jar = new CookieJar();
    expect(await password(lead, jar)).toBe("/sign-in/code?redirectTo=%2Fmoderate");
    expect(await getSession(new Request("http://localhost/", { headers: { Cookie: jar.header() } }))).toBeNull();
    // The code that turned it on was this time step's: it does not work again.
    const replay = await call(codePage.action, {
      path: "/sign-in/code",
      form: { csrf: await stepCsrf(jar, codePage, "/sign-in/code"), code: await codeFor(secret) },
      jar,
    });
    expect(replay.response.status).toBe(400);
    const next = await call(codePage.action, {
      path: "/sign-in/code",
      form: { csrf: await stepCsrf(jar, codePage, "/sign-in/code"), code: await codeFor(secret, Date.now() + 30_000) },
      jar,
    });
    expect(next.response.status).toBe(303);
    expect(next.response.headers.get("Location")).toBe("/moderate");
    expect((await getSession(new Request("http://localhost/", { headers: { Cookie: jar.header() } })))?.user.id).toBe(lead.id);

    // A lost phone: a recovery code works once.
    const lost = new CookieJar();
    await password(lead, lost);
    const recovered = await call(codePage.action, {
      path: "/sign-in/code",
      form: { csrf: await stepCsrf(lost, codePage, "/sign-in/code"), code: codes[3].toLowerCase() },
      jar: lost,
    });
    expect(recovered.response.status).toBe(303);
    const again = new CookieJar();
    await password(lead, again);
    const reused = await call(codePage.action, {
      path: "/sign-in/code",
      form: { csrf: await stepCsrf(again, codePage, "/sign-in/code"), code: codes[3] },
      jar: again,
    });
    expect(reused.response.status).toBe(400);
    expect(await auditFor("sign_in.recovery_code", lead.id)).toEqual([{ user_id: lead.id, after: JSON.stringify({ left: 9 }) }]);

    // Guessing: after five wrong codes the account's code page waits, with Retry-After.
    let last: Response | undefined;
    for (let i = 0; i < 6; i++) {
      last = (
        await call(codePage.action, {
          path: "/sign-in/code",
          form: { csrf: await stepCsrf(again, codePage, "/sign-in/code"), code: String(100000 + i) },
          jar: again,
        })
      ).response;
    }
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get("Retry-After"))).toBeGreaterThan(0);
  });

  it("is reset by an administrator, audited, ending the person's sessions", async () => {
    const admin = await createStaff(db(), "administrator");
    const lead = await createStaff(db(), "safeguarding_lead");
    const jar = new CookieJar();
    await password(lead, jar);
    await turnOn(lead.id, jar);
    const reset = await call(userPage.action, {
      path: `/admin/users/${lead.id}`,
      params: { id: String(lead.id) },
      form: { csrf: admin.csrf, intent: "reset-second-factor" },
      headers: { Cookie: admin.cookie },
    });
    expect(reset.response.status).toBe(303);
    const after = await db().selectFrom("users").select(["totp_secret", "totp_enabled_at"]).where("id", "=", lead.id).executeTakeFirstOrThrow();
    expect(after).toEqual({ totp_secret: null, totp_enabled_at: null });
    expect(await db().selectFrom("sessions").select("id_hash").where("user_id", "=", lead.id).execute()).toEqual([]);
    expect(await db().selectFrom("recovery_codes").select("id").where("user_id", "=", lead.id).execute()).toEqual([]);
    expect(await auditFor("user.second_factor.reset", lead.id)).toEqual([{ user_id: admin.id, after: null }]);
    expect(await password(lead, new CookieJar())).toBe("/account/second-factor?redirectTo=%2Fmoderate");
  });
});

describe("passwords", () => {
  it("gives a temporary password once, ends the person's sessions, and makes them choose their own at sign-in", async () => {
    const admin = await createStaff(db(), "administrator");
    const moderator = await createStaff(db(), "moderator");
    const given = await call(userPage.action, {
      path: `/admin/users/${moderator.id}`,
      params: { id: String(moderator.id) },
      form: { csrf: admin.csrf, intent: "temporary-password" },
      headers: { Cookie: admin.cookie },
    });
    expect(given.response.status).toBe(200);
    const { temporaryPassword } = await readJson<{ temporaryPassword: string }>(given.response);
    expect(temporaryPassword).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect(await db().selectFrom("sessions").select("id_hash").where("user_id", "=", moderator.id).execute()).toEqual([]);
    expect(await auditFor("user.password.temporary", moderator.id)).toEqual([{ user_id: admin.id, after: null }]);
    expect(JSON.stringify(await db().selectFrom("audit_log").selectAll().execute())).not.toContain(temporaryPassword);

    // The old password no longer works; the temporary one leads to choosing a new one.
    expect((await call(signIn.action, { path: "/sign-in", form: { email: moderator.email, password: moderator.password } })).response.status).toBe(400);
    const jar = new CookieJar();
    expect(await password({ email: moderator.email, password: temporaryPassword }, jar)).toBe("/sign-in/new-password?redirectTo=%2Fmoderate");
    const csrf = await stepCsrf(jar, newPasswordPage, "/sign-in/new-password");
    const mismatch = await call(newPasswordPage.action, {
      path: "/sign-in/new-password",
      form: { csrf, current: temporaryPassword, password: "a long new passphrase", again: "a long new passphrasf" },
      jar,
    });
    expect(mismatch.response.status).toBe(400);
    expect(await readJson(mismatch.response)).toMatchObject({ errors: [{ field: "again" }] });
    const weak = await call(newPasswordPage.action, {
      path: "/sign-in/new-password",
      form: { csrf, current: temporaryPassword, password: "password1234", again: "password1234" },
      jar,
    });
    expect(await readJson(weak.response)).toMatchObject({ errors: [{ field: "password", message: expect.stringContaining("too common") }] });
    const chosen = await call(newPasswordPage.action, {
      path: "/sign-in/new-password",
      form: { csrf, current: temporaryPassword, password: "kettle harbour violin 42", again: "kettle harbour violin 42" },
      jar,
    });
    expect(chosen.response.status).toBe(303);
    expect(chosen.response.headers.get("Location")).toBe("/moderate");
    expect((await getSession(new Request("http://localhost/", { headers: { Cookie: jar.header() } })))?.user.id).toBe(moderator.id);
    expect((await db().selectFrom("users").select("must_change_password").where("id", "=", moderator.id).executeTakeFirstOrThrow()).must_change_password).toBe(
      0,
    );
  });

  it("sends a single-use link that works for 30 minutes, and says the same whether or not the account exists", async () => {
    const moderator = await createStaff(db(), "moderator");
    const t = await getFixedT(new Request("http://localhost/"), ["staff"]);
    const now = new Date();
    await requestPasswordReset(db(), moderator.email.toUpperCase(), t, now);
    await requestPasswordReset(db(), "nobody@example.org", t, now);
    const mail = await db().selectFrom("outbox").select(["recipient", "payload"]).where("kind", "=", "password_reset").execute();
    expect(mail.map((row) => row.recipient)).toEqual([moderator.email]);
    const token = /\/reset-password\/([\w-]+)/.exec(JSON.parse(mail[0].payload).text as string)![1];
    expect(JSON.stringify(await db().selectFrom("password_resets").selectAll().execute())).not.toContain(token);

    const page = await call(resetPage.loader, { path: `/reset-password/${token}`, params: { token } });
    expect(page.response.status).toBe(200);
    const done = await call(resetPage.action, {
      path: `/reset-password/${token}`,
      params: { token },
      form: { password: "lantern meadow copper 7", again: "lantern meadow copper 7" },
    });
    expect(done.response.status).toBe(303);
    expect(done.response.headers.get("Location")).toBe("/sign-in?passwordChanged=1");
    const twice = await call(resetPage.loader, { path: `/reset-password/${token}`, params: { token } });
    expect(twice.response.status).toBe(410);
    expect(await password({ email: moderator.email, password: "lantern meadow copper 7" }, new CookieJar())).toBe("/moderate");

    // A link asked for 31 minutes ago no longer works.
    await requestPasswordReset(db(), moderator.email, t, new Date(Date.now() - 31 * 60_000));
    const [late] = await db().selectFrom("outbox").select("payload").where("kind", "=", "password_reset").orderBy("id", "desc").limit(1).execute();
    const lateToken = /\/reset-password\/([\w-]+)/.exec(JSON.parse(late.payload).text as string)![1];
    expect((await call(resetPage.loader, { path: `/reset-password/${lateToken}`, params: { token: lateToken } })).response.status).toBe(410);
  });
});

describe("the idle session", () => {
  it("ends after 30 minutes and says why on the sign-in page; Stay signed in moves the clock on", async () => {
    const moderator = await createStaff(db(), "moderator");
    const idHash = (await db().selectFrom("sessions").select("id_hash").where("user_id", "=", moderator.id).executeTakeFirstOrThrow()).id_hash;
    const twentyNine = new Date(Date.now() - 29 * 60_000).toISOString();
    await db().updateTable("sessions").set({ last_seen_at: twentyNine }).where("id_hash", "=", idHash).execute();
    const kept = await call(sessionRoute.action, {
      path: "/session",
      form: { csrf: moderator.csrf, redirectTo: "/moderate/quotes" },
      headers: { Cookie: moderator.cookie, Accept: "application/json" },
    });
    expect(await readJson(kept.response)).toEqual({ signedIn: true });
    const seen = (await db().selectFrom("sessions").select("last_seen_at").where("id_hash", "=", idHash).executeTakeFirstOrThrow()).last_seen_at;
    expect(new Date(seen).getTime()).toBeGreaterThan(Date.now() - 60_000);

    await db()
      .updateTable("sessions")
      .set({ last_seen_at: new Date(Date.now() - 31 * 60_000).toISOString() })
      .where("id_hash", "=", idHash)
      .execute();
    const ended = await call(moderate.loader, { path: "/moderate", headers: { Cookie: moderator.cookie } });
    expect(ended.response.headers.get("Location")).toBe("/sign-in?redirectTo=%2Fmoderate&timedOut=1");
    const signInPage = await call(signIn.loader, { path: "/sign-in?timedOut=1" });
    expect(await readJson(signInPage.response)).toMatchObject({ notice: "timedOut" });
  });
});
