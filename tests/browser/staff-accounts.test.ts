import { generate } from "otplib";
import { Visitor, withServerAndBrowser } from "../support/browser";
import { passSecondFactor } from "../support/second-factor";

const running = withServerAndBrowser();
const heading = (visitor: Visitor) => visitor.page.getByRole("heading", { level: 1 }).textContent();

async function signIn(visitor: Visitor, email: string, password: string, start = "/moderate") {
  const { page } = visitor;
  await visitor.goto(`${running.server.url}${start}`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await visitor.navigate(() => page.getByRole("button", { name: "Sign in" }).click());
}

describe("a new administrator's first sign-in, with JavaScript off", () => {
  it("changes the temporary password, sets up a second factor, keeps the recovery codes and lands where they were going", async () => {
    const { server } = running;
    const admin = await Visitor.open(running.browser, { javaScriptEnabled: false });
    await signIn(admin, "admin@example.org", "demo admin password", "/admin/users");
    await passSecondFactor(admin, server, "admin@example.org");
    expect(await heading(admin)).toBe("Users");
    const { page } = admin;
    await page.getByLabel("Full name").fill("Nia Clarke");
    await page.getByLabel("Email address").fill("nia.clarke@example.org");
    await page.getByLabel("Administrator").check();
    await page.getByLabel("Council or NHS").check();
    await page.getByLabel("Temporary password").fill("first day password 2026");
    await admin.navigate(() => page.getByRole("button", { name: "Add user" }).click());
    await admin.close();

    const nia = await Visitor.open(running.browser, { javaScriptEnabled: false });
    await signIn(nia, "nia.clarke@example.org", "first day password 2026", "/moderate/quotes");
    expect(await heading(nia)).toBe("Choose your own password");
    await nia.page.getByLabel("Temporary password").fill("first day password 2026");
    await nia.page.getByLabel("New password", { exact: true }).fill("harbour lantern seven");
    await nia.page.getByLabel("Type the new password again").fill("harbour lantern sevens");
    await nia.navigate(() => nia.page.getByRole("button", { name: "Save password" }).click());
    // A mistake keeps the person on the page, with the GOV.UK error summary.
    expect(await nia.page.getByRole("link", { name: "The two new passwords are not the same" }).count()).toBe(1);
    await nia.page.getByLabel("Temporary password").fill("first day password 2026");
    await nia.page.getByLabel("New password", { exact: true }).fill("harbour lantern seven");
    await nia.page.getByLabel("Type the new password again").fill("harbour lantern seven");
    await nia.navigate(() => nia.page.getByRole("button", { name: "Save password" }).click());

    expect(await heading(nia)).toBe("Set up your second factor");
    expect(await nia.page.getByRole("img", { name: "QR code for adding this account to an authenticator app" }).count()).toBe(1);
    const key = (await nia.page.locator(".app-secret-key").textContent())!.replaceAll(" ", "");
    const [stored] = server.query<{ totp_secret: string }>("select totp_secret from users where email = 'nia.clarke@example.org'");
    expect(key).toBe(stored.totp_secret);
    await nia.page.getByLabel("Code from your app").fill(await generate({ secret: key }));
    await nia.navigate(() => nia.page.getByRole("button", { name: "Turn on" }).click());
    expect(await heading(nia)).toBe("Your recovery codes");
    expect(await nia.page.locator(".app-recovery-codes li").count()).toBe(10);
    await nia.navigate(() => nia.page.getByRole("button", { name: "I have kept my codes safe" }).click());
    expect(new URL(nia.page.url()).pathname).toBe("/moderate/quotes");
    expect(
      server.query(
        "select action from audit_log where action in ('user.password.change', 'user.second_factor.on', 'sign_in.success') and user_id = (select id from users where email = 'nia.clarke@example.org') order by id",
      ),
    ).toEqual([{ action: "user.password.change" }, { action: "user.second_factor.on" }, { action: "sign_in.success" }]);
    await nia.close();
  });
});

describe("the warning before a session ends, with JavaScript on", () => {
  it("shows two minutes before the end, takes focus, and Stay signed in keeps the session", async () => {
    const { server } = running;
    const moderator = await Visitor.open(running.browser);
    await moderator.page.clock.install();
    await signIn(moderator, "moderator@example.org", "demo moderator password");
    const { page } = moderator;
    const warning = page.getByRole("alertdialog", { name: "You are about to be signed out" });
    expect(await warning.isVisible()).toBe(false);
    await page.clock.fastForward("28:01");
    await warning.waitFor({ state: "visible" });
    await moderator.audit();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Stay signed in");
    const before = server.query<{ last_seen_at: string }>(
      "select last_seen_at from sessions where user_id = (select id from users where email = 'moderator@example.org')",
    );
    await page.keyboard.press("Enter");
    await warning.waitFor({ state: "hidden" });
    const after = server.query<{ last_seen_at: string }>(
      "select last_seen_at from sessions where user_id = (select id from users where email = 'moderator@example.org')",
    );
    expect(after[0].last_seen_at > before[0].last_seen_at).toBe(true);
    await moderator.close();
  });
});
