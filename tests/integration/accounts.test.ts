import { getDb } from "~/db.server";
import { passwordProblem, verifyPassword } from "~/accounts/password.server";
import { getSession } from "~/accounts/session.server";
import * as signIn from "~/routes/sign-in";
import * as signOut from "~/routes/sign-out";
import * as users from "~/routes/admin.users._index";
import { call, CookieJar, readJson } from "../support/remix";
import { createStaff } from "../support/factories";

const auditFor = (action: string) => getDb().selectFrom("audit_log").selectAll().where("action", "=", action).execute();

describe("signing in", () => {
  it("starts a new database session on success, goes back where the person was heading, and logs it", async () => {
    const person = await createStaff(getDb(), "moderator");
    const jar = new CookieJar();
    const { response } = await call(signIn.action, {
      path: "/sign-in",
      form: { email: person.email.toUpperCase(), password: person.password, redirectTo: "/moderate?status=new" },
      jar,
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe("/moderate?status=new");
    const cookie = response.headers.get("Set-Cookie") ?? "";
    expect(cookie).toMatch(/^staff_session=/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).not.toContain(person.cookie.split("=")[1]);
    const session = await getSession(new Request("http://localhost/moderate", { headers: { Cookie: jar.header() } }));
    expect(session?.user.id).toBe(person.id);
    expect((await auditFor("sign_in.success")).some((entry) => entry.user_id === person.id)).toBe(true);
  });

  it("gives the same answer for a wrong password and an unknown account, and logs the failure without the password", async () => {
    const person = await createStaff(getDb(), "moderator");
    const wrong = await call(signIn.action, { path: "/sign-in", form: { email: person.email, password: "not the password at all" } });
    const unknown = await call(signIn.action, { path: "/sign-in", form: { email: "nobody@example.org", password: "not the password at all" } });
    expect(wrong.response.status).toBe(400);
    expect(unknown.response.status).toBe(400);
    const wrongBody = await readJson<{ errors: unknown[]; email: string }>(wrong.response);
    expect(wrongBody.errors).toEqual((await readJson<{ errors: unknown[] }>(unknown.response)).errors);
    expect(wrongBody.email).toBe(person.email);
    const failures = await auditFor("sign_in.failures");
    expect(failures.some((entry) => entry.entity_id === String(person.id))).toBe(true);
    expect(JSON.stringify(failures)).not.toContain("not the password at all");
  });

  it("slows a guesser without locking the owner out, and logs one row per account and hour", async () => {
    const person = await createStaff(getDb(), "moderator");
    // 100 wrong passwords from 50 addresses: each address gets 10 tries at this account.
    for (let i = 0; i < 100; i++) {
      const { response } = await call(signIn.action, {
        path: "/sign-in",
        form: { email: person.email, password: `wrong guess ${i}` },
        address: `198.51.100.${i % 50}`,
      });
      expect(response.status).toBe(400);
    }
    // One address keeps going: after 10 wrong passwords for this account it must wait.
    for (let i = 0; i < 8; i++) await call(signIn.action, { path: "/sign-in", form: { email: person.email, password: `again ${i}` }, address: "198.51.100.7" });
    const guesser = await call(signIn.action, { path: "/sign-in", form: { email: person.email, password: "wrong guess again" }, address: "198.51.100.7" });
    expect(guesser.response.status).toBe(429);
    expect(Number(guesser.response.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await readJson(guesser.response)).toMatchObject({
      errors: [{ message: expect.stringMatching(/Too many attempts to sign in\. Try again in \d+ minutes?\./) }],
    });
    // The owner, from a new browser elsewhere, still gets in.
    const owner = await call(signIn.action, { path: "/sign-in", form: { email: person.email, password: person.password }, address: "203.0.113.5" });
    expect(owner.response.status).toBe(303);
    const log = await auditFor("sign_in.failures");
    expect(log.filter((entry) => entry.entity_id === String(person.id))).toHaveLength(1);
    const [counted] = await getDb().selectFrom("sign_in_failures").select(["failures", "addresses"]).where("account", "=", person.email).execute();
    expect(counted.failures).toBe(108);
    expect(JSON.parse(counted.addresses)).toHaveLength(20);
  }, 60_000);

  it("lets the owner's usual browser in even when a guesser shares their network", async () => {
    const person = await createStaff(getDb(), "moderator");
    const browser = new CookieJar();
    const first = await call(signIn.action, {
      path: "/sign-in",
      form: { email: person.email, password: person.password },
      address: "203.0.113.9",
      jar: browser,
    });
    expect(first.response.status).toBe(303);
    for (let i = 0; i < 110; i++) {
      await call(signIn.action, {
        path: "/sign-in",
        form: { email: i % 2 ? person.email : `someone${i}@example.org`, password: `guess ${i}` },
        address: "203.0.113.9",
      });
    }
    const stranger = await call(signIn.action, { path: "/sign-in", form: { email: person.email, password: person.password }, address: "203.0.113.9" });
    expect(stranger.response.status).toBe(429);
    const usual = await call(signIn.action, {
      path: "/sign-in",
      form: { email: person.email, password: person.password },
      address: "203.0.113.9",
      jar: browser,
    });
    expect(usual.response.status).toBe(303);
  }, 60_000);

  it("refuses a disabled account", async () => {
    const person = await createStaff(getDb(), "moderator");
    await getDb().updateTable("users").set({ disabled_at: new Date().toISOString() }).where("id", "=", person.id).execute();
    const { response } = await call(signIn.action, { path: "/sign-in", form: { email: person.email, password: person.password } });
    expect(response.status).toBe(400);
  });
});

describe("sessions", () => {
  const request = (cookie: string) => new Request("http://localhost/moderate", { headers: { Cookie: cookie } });

  it("end after 30 idle minutes", async () => {
    const person = await createStaff(getDb(), "moderator");
    const start = new Date();
    expect(await getSession(request(person.cookie), new Date(start.getTime() + 29 * 60_000))).not.toBeNull();
    expect(await getSession(request(person.cookie), new Date(start.getTime() + 29 * 60_000 + 31 * 60_000))).toBeNull();
    // Gone from the database, not only refused.
    expect(await getDb().selectFrom("sessions").select("id_hash").where("user_id", "=", person.id).execute()).toEqual([]);
  });

  it("end after 12 hours however busy", async () => {
    const person = await createStaff(getDb(), "moderator");
    const start = Date.now();
    for (let minutes = 25; minutes < 12 * 60; minutes += 25) {
      expect(await getSession(request(person.cookie), new Date(start + minutes * 60_000))).not.toBeNull();
    }
    expect(await getSession(request(person.cookie), new Date(start + 12 * 60 * 60_000 + 1000))).toBeNull();
  });

  it("end on the server when someone signs out", async () => {
    const person = await createStaff(getDb(), "moderator");
    const { response } = await call(signOut.action, { path: "/sign-out", form: { csrf: person.csrf }, headers: { Cookie: person.cookie } });
    expect(response.status).toBe(303);
    expect(response.headers.get("Set-Cookie")).toMatch(/staff_session=;.*Max-Age=0/);
    expect(await getSession(request(person.cookie))).toBeNull();
  });

  it("end when an administrator disables the account", async () => {
    const person = await createStaff(getDb(), "moderator");
    await getDb().updateTable("users").set({ disabled_at: new Date().toISOString() }).where("id", "=", person.id).execute();
    expect(await getSession(request(person.cookie))).toBeNull();
  });
});

describe("passwords", () => {
  it("need 12 characters, no composition rules, and must not be common or breached", () => {
    expect(passwordProblem("short one", "a@example.org")).toBe("tooShort");
    expect(passwordProblem("qwerty123456", "a@example.org")).toBe("common");
    expect(passwordProblem("Password1234", "a@example.org")).toBe("common");
    expect(passwordProblem("morgan.lee is here", "morgan.lee@example.org")).toBe("matchesEmail");
    expect(passwordProblem("purple kettle on the stairs", "a@example.org")).toBeNull();
  });

  it("are stored as salted scrypt hashes", async () => {
    const person = await createStaff(getDb(), "moderator");
    const { password_hash } = await getDb().selectFrom("users").select("password_hash").where("id", "=", person.id).executeTakeFirstOrThrow();
    expect(password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(password_hash).not.toContain(person.password);
    expect(await verifyPassword(person.password, password_hash)).toBe(true);
    expect(await verifyPassword(`${person.password}!`, password_hash)).toBe(false);
  });
});

describe("administrators adding users", () => {
  it("refuses a forged CSRF token with 403 and adds nobody", async () => {
    const admin = await createStaff(getDb(), "administrator");
    const before = await getDb().selectFrom("users").select("id").execute();
    const form = { name: "New Person", email: "new.person@example.org", role: "moderator", organisation: "pcf", password: "a long enough password here" };
    const forged = await call(users.action, { path: "/admin/users", form: { ...form, csrf: "forged" }, headers: { Cookie: admin.cookie } });
    expect(forged.response.status).toBe(403);
    expect(await getDb().selectFrom("users").select("id").execute()).toHaveLength(before.length);

    const added = await call(users.action, { path: "/admin/users", form: { ...form, csrf: admin.csrf }, headers: { Cookie: admin.cookie } });
    expect(added.response.status).toBe(200);
    const entry = (await auditFor("user.create")).find((row) => row.user_id === admin.id);
    expect(JSON.parse(entry?.after ?? "{}")).toEqual({ email: "new.person@example.org", name: "New Person", role: "moderator", organisation: "pcf" });
    expect(entry?.after).not.toContain("password");
  });

  it("explains each problem and keeps what was typed", async () => {
    const admin = await createStaff(getDb(), "administrator");
    const { response } = await call(users.action, {
      path: "/admin/users",
      form: { name: "", email: "not-an-email", role: "emperor", organisation: "pcf", password: "password1234", csrf: admin.csrf },
      headers: { Cookie: admin.cookie },
    });
    expect(response.status).toBe(400);
    const body = await readJson<{ errors: { field: string; message: string }[]; values: Record<string, string> }>(response);
    expect(body.errors.map((error) => error.field).sort()).toEqual(["email", "name", "role"]);
    expect(body.values).toEqual({ name: "", email: "not-an-email", role: "emperor", organisation: "pcf" });
  });
});

describe("the audit log", () => {
  it("cannot be changed or deleted", async () => {
    await createStaff(getDb(), "moderator");
    expect((await getDb().selectFrom("audit_log").select("id").execute()).length).toBeGreaterThan(0);
    await expect(getDb().updateTable("audit_log").set({ action: "nothing" }).execute()).rejects.toThrow(/append-only/);
    await expect(getDb().deleteFrom("audit_log").execute()).rejects.toThrow(/append-only/);
  });
});
