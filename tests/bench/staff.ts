// Staff as the bench plays them: signed in with the demo accounts, posting forms with their CSRF token.
import { demoUsers } from "../../db/seed/demo";
import { signInWithFetch } from "../support/second-factor";

export async function signIn(base: string, role: "administrator" | "moderator"): Promise<string> {
  const user = demoUsers.find((candidate) => candidate.role === role)!;
  return signInWithFetch(base, user.email, user.password);
}

/** The CSRF token a staff page's forms carry. */
export async function csrfFrom(url: string, cookie: string): Promise<string> {
  const html = await (await fetch(url, { headers: { Cookie: cookie } })).text();
  const token = /name="csrf"[^>]*value="([^"]+)"/.exec(html)?.[1] ?? /value="([^"]+)"[^>]*name="csrf"/.exec(html)?.[1];
  if (!token) throw new Error(`No CSRF field on ${url}`);
  return token;
}

export function postForm(url: string, cookie: string, fields: Record<string, string>) {
  return fetch(url, {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
    redirect: "manual",
  });
}
