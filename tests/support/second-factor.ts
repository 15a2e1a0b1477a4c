import { generate } from "otplib";
import type { Page } from "playwright-core";
import type { RunningServer } from "./server";
import { demoUsers } from "../../db/seed/demo";

const STEP_SECONDS = 30;

/**
 * The code an authenticator app would show for a demo account with a second factor, for a time step
 * the server has not accepted yet (`lastStep`, from users.totp_last_step): a code works only once,
 * so a test signing in twice within 30 seconds uses the next step's code, which the server accepts
 * while it is less than 30 seconds away, or waits for it.
 */
export async function demoCode(email: string, lastStep: number | null): Promise<string> {
  const secret = demoUsers.find((user) => user.email === email)?.totpSecret;
  if (!secret) throw new Error(`${email} has no second factor in the demo`);
  for (;;) {
    const now = Date.now() / 1000;
    const step = Math.max(Math.floor(now / STEP_SECONDS), (lastStep ?? -1) + 1);
    if (step * STEP_SECONDS <= now + 25) return generate({ secret, epoch: step * STEP_SECONDS });
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** Whether this demo account signs in with a second factor. */
export const hasDemoSecondFactor = (email: string) => Boolean(demoUsers.find((user) => user.email === email)?.totpSecret);

/** After the password, in a browser: types the demo account's code on the security code page. */
export async function passSecondFactor(
  visitor: { page: Page; navigate: (action: () => Promise<unknown>) => Promise<unknown> },
  server: RunningServer,
  email: string,
) {
  if (!hasDemoSecondFactor(email)) return;
  const { page } = visitor;
  const [row] = server.query<{ totp_last_step: number | null }>("select totp_last_step from users where email = ?", email);
  await page.getByLabel("Security code").fill(await demoCode(email, row.totp_last_step));
  await visitor.navigate(() => page.getByRole("button", { name: "Continue" }).click());
}

/**
 * Signs in with fetch, as the server tests and the benchmark do: the password, then the security
 * code for a demo account that has one. Returns the Cookie header of the signed-in session.
 */
export async function signInWithFetch(base: string, email: string, password: string, lastStep: () => number | null = () => null): Promise<string> {
  const cookies = new Map<string, string>();
  const keep = (response: Response) => {
    for (const cookie of response.headers.getSetCookie()) {
      const [name, ...value] = cookie.split(";")[0].split("=");
      cookies.set(name, value.join("="));
    }
  };
  const header = () => [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  const passwordStep = await fetch(`${base}/sign-in`, { method: "POST", body: new URLSearchParams({ email, password }), redirect: "manual" });
  if (passwordStep.status !== 303) throw new Error(`Signing in as ${email} answered ${passwordStep.status}`);
  keep(passwordStep);
  if (!hasDemoSecondFactor(email)) return header();
  const page = await (await fetch(`${base}/sign-in/code`, { headers: { Cookie: header() } })).text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1] ?? "";
  const code = await fetch(`${base}/sign-in/code`, {
    method: "POST",
    headers: { Cookie: header() },
    body: new URLSearchParams({ csrf, code: await demoCode(email, lastStep()) }),
    redirect: "manual",
  });
  if (code.status !== 303) throw new Error(`The security code for ${email} answered ${code.status}`);
  keep(code);
  return header();
}
