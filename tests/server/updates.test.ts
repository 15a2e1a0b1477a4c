import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createAction } from "../../app/actions/actions.server";
import { approvePublication, requestPublication } from "../../app/publishing/publishing.server";
import { responseThemeIds } from "../../app/publishing/my-feedback.server";
import { createDb } from "../../db/connection";
import { migrateToLatest } from "../../db/migrate";
import { seedDemo } from "../../db/seed/demo";
import { tmpDir } from "../setup/paths";
import { freePort, Jar, postForm as post, startMailCatcher } from "../support/http";
import { removeDatabase, startServer, type RunningServer } from "../support/server";

/**
 * Updates through the built server over HTTP: a young person asks for updates at the end of the
 * survey, in Polish; an action on one of their themes is published; the scheduled job writes one
 * message and the mail worker sends it to a local SMTP catcher, with a one-click unsubscribe that
 * works by a bare POST (as a mail provider sends it) and none of the person's words.
 */
const SURVEY = "young-people";
const WORDS = "PLANTED-UPDATE-WORDS";

let server: RunningServer | undefined;
let catcher: Awaited<ReturnType<typeof startMailCatcher>> | undefined;
let databasePath = "";

afterAll(async () => {
  await server?.stop();
  await catcher?.close();
  if (databasePath) removeDatabase(databasePath);
});

/** An action on the themes, published by two people of the demo's staff. */
async function publishOn(themeIds: number[]) {
  const db = createDb(databasePath);
  try {
    const [first, second] = await db.selectFrom("users").select(["id", "name", "email", "role", "organisation"]).orderBy("id").limit(2).execute();
    const id = await createAction(
      db,
      {
        title: "Reply within 5 days",
        description: "d",
        owner: "o",
        partner: "council",
        due_on: "2027-03-31",
        measure: "m",
        theme: themeIds,
        survey: [],
        period: undefined,
      },
      first.id,
    );
    await requestPublication(db, "action", id, first);
    await approvePublication(db, "action", id, second);
    // The weekly job is due at once when the server next starts.
    await db
      .updateTable("scheduled_jobs")
      .set({ next_run_at: new Date(0).toISOString() })
      .where("name", "=", "weekly updates")
      .execute();
  } finally {
    await db.destroy();
  }
}

describe("updates through the built server", () => {
  it("sends one Polish message with a one-click unsubscribe and no answer text", async () => {
    catcher = await startMailCatcher();
    const { port: smtpPort, caught } = catcher;
    fs.mkdirSync(tmpDir, { recursive: true });
    databasePath = path.join(tmpDir, `updates-${randomUUID()}.sqlite`);
    const setup = createDb(databasePath);
    await migrateToLatest(setup, () => {});
    await seedDemo(setup);
    await setup.destroy();
    const port = await freePort();
    const env = {
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      CONTACT_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      MAIL_FROM: "Portal <portal@example.gov.uk>",
    };
    server = await startServer({ databasePath, env, port });
    const url = server.url;

    const jar = new Jar();
    expect((await post(`${url}/surveys/${SURVEY}?lng=pl`, { intent: "start" }, jar)).status).toBe(303);
    for (const [key, answer] of [
      ["school-feel", "okay"],
      ["adults-listen", "bad"],
      ["change-one-thing", `${WORDS} more time with my teacher`],
    ]) {
      expect((await post(`${url}/surveys/${SURVEY}/questions/${key}?lng=pl`, { intent: "continue", answer }, jar)).status, key).toBe(303);
    }
    expect((await post(`${url}/surveys/${SURVEY}/consent?lng=pl`, { quote: "no", website: "" }, jar)).status).toBe(303);
    const confirmation = await (await fetch(`${url}/surveys/${SURVEY}/confirmation?lng=pl`, { headers: { Cookie: jar.header() } })).text();
    expect(confirmation).toContain("Powiadom mnie, gdy coś się zmieni");

    const subscribed = await post(`${url}/surveys/${SURVEY}/updates?lng=pl`, { email: "mlody@example.org" }, jar);
    expect(subscribed.status).toBe(303);
    const [{ response_id: responseId }] = server.query<{ response_id: number }>("select response_id from update_contacts");

    await server.stop();
    const themes = await (async () => {
      const db = createDb(databasePath);
      try {
        return await responseThemeIds(db, responseId);
      } finally {
        await db.destroy();
      }
    })();
    expect(themes.length).toBeGreaterThan(0);
    await publishOn(themes);
    server = await startServer({ databasePath, env, port });

    const deadline = Date.now() + 30_000;
    while (caught.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(caught).toHaveLength(1);
    const [mail] = caught;
    expect(mail.to).toEqual(["mlody@example.org"]);
    expect(mail.body).not.toContain("PLANTED");
    expect(mail.body).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
    expect(mail.body).toContain("=?UTF-8?Q?Co_si=C4=99_zmieni=C5=82o");
    const unsubscribe = /^List-Unsubscribe:\s*<([^>]+)>/m.exec(mail.body)?.[1] ?? "";
    expect(unsubscribe).toMatch(new RegExp(`^${url}/updates/unsubscribe/`));
    // The server log says how many went, never to whom.
    expect(server.output()).not.toContain("mlody@example.org");

    // A mail provider's one-click POST: no cookies, no page, just the body RFC 8058 names.
    const oneClick = await post(unsubscribe, { "List-Unsubscribe": "One-Click" });
    expect(oneClick.status).toBe(200);
    expect(server.query("select id from update_contacts")).toHaveLength(0);
  });
});
