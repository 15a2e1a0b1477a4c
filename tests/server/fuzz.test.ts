import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { removeDatabase, startServer, type RunningServer } from "../support/server";
import { signInWithFetch } from "../support/second-factor";

/**
 * Every page and every form, given what an attacker or a broken client sends: fast-check makes
 * query strings and bodies with wrong types, missing and repeated fields, huge values, invalid
 * UTF-8, NUL bytes and Unicode edge cases, and sends them to the built server, to each route found
 * in app/routes, as nobody and as a signed-in moderator (with the session's CSRF token, so that the
 * forms' own checks are reached). The rule: never a 5xx, never a stack trace, and nothing stored.
 */

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
}, 60_000);
afterAll(async () => {
  await server?.stop();
  removeDatabase(server.databasePath);
});

const PARAMS: Record<string, string> = { slug: "young-people", key: "school-feel", lang: "pl", code: "K7MP2QXR9FHT", token: "not-a-token", id: "1" };

/** The address each route file answers, its parameters filled with values that exist in the demo. */
function routePaths(): string[] {
  const files = fs.readdirSync(path.join(process.cwd(), "app/routes")).filter((file) => file.endsWith(".tsx") && file !== "$.tsx");
  return files.map((file) => {
    const segments = file
      .replace(/\.tsx$/, "")
      .replace(/\[\.\]/g, "~dot~")
      .split(".")
      .filter((segment) => segment !== "_index")
      .map((segment) => segment.replace(/_$/, "").replace(/~dot~/g, "."))
      .map((segment) => (segment.startsWith("$") ? PARAMS[segment.slice(1)] : segment));
    return `/${segments.join("/")}`.replace(/\/$/, "") || "/";
  });
}

const edgy = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom("", " ", "\u0000", "\uFEFF", "\u202E", "‮evil", "𝕏".repeat(50), "e\u0301", "0", "-1", "1e309", "NaN", "[]", "{}", "true", "null"),
  fc.constantFrom("<script>alert(1)</script>", "' or 1=1 --", "../../etc/passwd", "%00", "%ED%A0%80", "x".repeat(70_000)),
);
const field = fc.constantFrom(
  "intent",
  "csrf",
  "email",
  "password",
  "code",
  "reference",
  "quote",
  "answer",
  "theme",
  "status",
  "text",
  "name",
  "slug",
  "value",
  "q",
  "period",
  "lang",
  "redirectTo",
);
const body = fc.array(fc.tuple(field, edgy), { maxLength: 8 });

function encode(pairs: [string, string][], csrf: string | null) {
  const params = new URLSearchParams(pairs);
  if (csrf !== null) params.set("csrf", csrf);
  return params.toString();
}

/** Raw bytes that are not UTF-8, and percent-escapes that do not decode. */
const brokenBodies = [
  Buffer.from([0x61, 0x3d, 0xff, 0xfe, 0xfd]),
  Buffer.from("a=%E0%A4%A&b=%%%zz"),
  Buffer.from("a=\u0000\u0000&a=1&a=2"),
  Buffer.from("=&&==&"),
];

async function send(url: string, init: RequestInit) {
  const response = await fetch(url, { ...init, redirect: "manual" });
  const text = await response.text();
  return { status: response.status, text };
}

describe("fuzzing every route", () => {
  it("answers every odd query and body with less than 500, no stack trace, and stores nothing", async () => {
    const before = server.query<{ responses: number; users: number; drafts: number }>(
      "select (select count(*) from responses) as responses, (select count(*) from users) as users, (select count(*) from drafts) as drafts",
    )[0];
    const moderator = await signInWithFetch(server.url, "moderator@example.org", "demo moderator password");
    const csrfPage = await (await fetch(`${server.url}/moderate`, { headers: { Cookie: moderator } })).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(csrfPage)?.[1] ?? "";
    expect(csrf).not.toBe("");

    const problems: string[] = [];
    const statuses = new Map<number, number>();
    const check = (what: string, answer: { status: number; text: string }) => {
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      if (answer.status >= 500) problems.push(`${what}: ${answer.status}`);
      if (/at [\w.<>]+ \(|node_modules|\/work\/|\.ts:\d+/.test(answer.text)) problems.push(`${what}: a stack trace or server path`);
    };
    const paths = routePaths();
    expect(paths.length).toBeGreaterThan(50);

    for (const route of paths) {
      for (const cookie of ["", moderator]) {
        const who = cookie ? "moderator" : "nobody";
        const queries = fc.sample(body, { numRuns: 2, seed: route.length });
        for (const query of queries) {
          const url = `${server.url}${route}?${new URLSearchParams(query).toString()}`;
          check(`GET ${route} as ${who}`, await send(url, { headers: { Cookie: cookie } }));
        }
        const bodies = fc.sample(body, { numRuns: 4, seed: route.length + 1 });
        for (const [i, pairs] of bodies.entries()) {
          // Signing out with the token would end the moderator's session for the routes after it.
          const form = encode(pairs, cookie && i % 2 === 0 && route !== "/sign-out" ? csrf : null);
          check(
            `POST ${route} as ${who} (${form.slice(0, 60)})`,
            await send(`${server.url}${route}`, {
              method: "POST",
              body: form,
              headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
            }),
          );
        }
        for (const raw of brokenBodies) {
          check(
            `POST ${route} as ${who} (broken bytes)`,
            await send(`${server.url}${route}`, {
              method: "POST",
              body: raw,
              headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
            }),
          );
        }
      }
    }
    // One huge field on a public form: refused as too large, in a page.
    const huge = await send(`${server.url}/my-feedback`, {
      method: "POST",
      body: `reference=${"x".repeat(1_100_000)}`,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(huge.status).toBe(413);
    expect(huge.text).toContain("<title>");

    expect(problems).toEqual([]);
    // The bodies reached the pages' own checks, not only the gate: pages, refusals and form errors all came back.
    for (const status of [200, 303, 400, 403, 404, 405]) expect(statuses.get(status) ?? 0, `answers of ${status}`).toBeGreaterThan(0);
    const after = server.query<{ responses: number; users: number; drafts: number }>(
      "select (select count(*) from responses) as responses, (select count(*) from users) as users, (select count(*) from drafts) as drafts",
    )[0];
    // Posting "start" to a survey makes a draft (that is what it is for); nothing else may be made.
    expect({ responses: after.responses, users: after.users }).toEqual({ responses: before.responses, users: before.users });
  }, 300_000);
});
