import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createDb } from "../../db/connection";
import { migrateToLatest } from "../../db/migrate";
import { seedDemo } from "../../db/seed/demo";
import { tmpDir } from "../setup/paths";
import { Jar, postForm as post, startMailCatcher } from "../support/http";
import { removeDatabase, startServer, type RunningServer } from "../support/server";
import { signInWithFetch } from "../support/second-factor";

/**
 * A young person's disclosure, sent through the built server over HTTP: the lead's inbox gets an
 * email (caught by a local SMTP server) with no answer text, and nothing public counts or shows the
 * response until a lead says it is not a concern.
 */
const PLANTED = "PLANTED-HELD-WORDS";
const SURVEY = "young-people";

let server: RunningServer | undefined;
let catcher: Awaited<ReturnType<typeof startMailCatcher>> | undefined;
let databasePath = "";

afterAll(async () => {
  await server?.stop();
  await catcher?.close();
  if (databasePath) removeDatabase(databasePath);
});

async function publicFigures(url: string) {
  const json = await (await fetch(`${url}/you-said-we-did.json?period=autumn-2026`)).text();
  const csv = await (await fetch(`${url}/you-said-we-did.csv?period=autumn-2026`)).text();
  return { json, csv };
}

async function restart(env: Record<string, string>) {
  await server?.stop();
  server = await startServer({ databasePath, env });
  return server.url;
}

describe("a disclosure through the built server", () => {
  it("emails the lead without the words, and is counted nowhere public until a lead decides", async () => {
    catcher = await startMailCatcher();
    const { port, caught } = catcher;
    fs.mkdirSync(tmpDir, { recursive: true });
    databasePath = path.join(tmpDir, `held-${randomUUID()}.sqlite`);
    const db = createDb(databasePath);
    await migrateToLatest(db, () => {});
    await seedDemo(db);
    await db.insertInto("settings").values({ key: "safeguarding_email", value: "lead-inbox@example.org" }).execute();
    await db.destroy();
    const env = { SMTP_URL: `smtp://127.0.0.1:${port}`, PUBLIC_URL: "https://feedback.example.gov.uk", MAIL_FROM: "Portal <portal@example.gov.uk>" };

    let url = await restart(env);
    const before = await publicFigures(url);

    // A young person answers, with a disclosure in the last free-text question.
    const jar = new Jar();
    expect((await post(`${url}/surveys/${SURVEY}`, { intent: "start" }, jar)).status).toBe(303);
    for (const [key, answer] of [
      ["school-feel", "okay"],
      ["adults-listen", "bad"],
      ["change-one-thing", `${PLANTED} i dont feel safe at home my stepdad hits me`],
    ]) {
      expect((await post(`${url}/surveys/${SURVEY}/questions/${key}`, { intent: "continue", answer }, jar)).status, key).toBe(303);
    }
    const sent = await post(`${url}/surveys/${SURVEY}/consent`, { quote: "yes", website: "" }, jar);
    expect(sent.headers.get("Location")).toBe(`/surveys/${SURVEY}/confirmation`);
    const confirmation = await (await fetch(`${url}/surveys/${SURVEY}/confirmation`, { headers: { Cookie: jar.header() } })).text();
    const reference = /class="app-reference">([A-Z0-9-]+)</.exec(confirmation)?.[1] ?? "";
    expect(reference).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(confirmation).toContain("116 123");

    // The email arrives within a few seconds: a link, and none of the words.
    const deadline = Date.now() + 20_000;
    while (caught.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(caught).toHaveLength(1);
    expect(caught[0].to).toEqual(["lead-inbox@example.org"]);
    expect(caught[0].body).toMatch(/https:\/\/feedback\.example\.gov\.uk\/moderate\/safeguarding\/\d+/);
    expect(caught[0].body).not.toMatch(/PLANTED|stepdad|hits/);

    // A fresh server, so no cached figure hides anything: the public sees exactly what it saw before.
    url = await restart(env);
    expect(await publicFigures(url)).toEqual(before);
    for (const page of ["/you-said-we-did?period=autumn-2026", "/you-said-we-did/report?period=autumn-2026", "/you-said-we-did.atom"]) {
      expect(await (await fetch(url + page)).text(), page).not.toContain(PLANTED);
    }
    const mine = await (await fetch(`${url}/my-feedback`, { method: "POST", body: new URLSearchParams({ reference }) })).text();
    expect(mine).not.toMatch(/Being listened to and co-production|SEN support in mainstream school/);

    // The lead signs in, sees the banner and decides it is not a concern (a test of the control).
    const lead = new Jar();
    const [{ totp_last_step: lastStep }] = server!.query<{ totp_last_step: number | null }>(
      "select totp_last_step from users where email = 'lead@example.org'",
    );
    for (const cookie of (await signInWithFetch(url, "lead@example.org", "demo safeguarding password", () => lastStep)).split("; ")) {
      const [name, ...value] = cookie.split("=");
      lead.cookies.set(name, value.join("="));
    }
    const list = await (await fetch(`${url}/moderate/safeguarding?state=new`, { headers: { Cookie: lead.header() } })).text();
    expect(list).toMatch(/new possible safeguarding concerns? (is|are) waiting/);
    expect(list).toContain(reference);
    const [{ id: concernId }] = server!.query<{ id: number }>(
      "select c.id from safeguarding_concerns c join responses r on r.id = c.response_id where r.reference = ?",
      reference.replaceAll("-", ""),
    );
    const csrf = /name="csrf" value="([^"]+)"/.exec(list)?.[1] ?? "";
    const decided = await post(
      `${url}/moderate/safeguarding/${concernId}`,
      { csrf, intent: "not_concern", reason: "Checked with the school: a line from a play." },
      lead,
    );
    expect(decided.status).toBe(303);

    url = await restart(env);
    expect((await publicFigures(url)).json).not.toEqual(before.json);
    const counted = await (await fetch(`${url}/my-feedback`, { method: "POST", body: new URLSearchParams({ reference }) })).text();
    expect(counted).toMatch(/Being listened to and co-production|SEN support in mainstream school/);
  });
});
