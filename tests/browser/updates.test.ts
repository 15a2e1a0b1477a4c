import { randomBytes, randomUUID } from "node:crypto";
import SQLite from "better-sqlite3";
import type { Browser } from "playwright-core";
import { launchChromium, Visitor } from "../support/browser";
import { removeDatabase, startServer, type RunningServer } from "../support/server";

/**
 * "Tell me when something changes" in Chromium with JavaScript off, with axe on every page: the
 * offer at the end of the survey, a bad address refused and kept, the pages a message's links
 * open (each changes nothing until its one button is pressed), and the administrator's settings.
 */
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ env: { CONTACT_ENCRYPTION_KEY: randomBytes(32).toString("base64") } });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (server) removeDatabase(server.databasePath);
});

const heading = (visitor: Visitor) => visitor.page.getByRole("heading", { level: 1 }).textContent();

describe("updates to a person who asks for them, with JavaScript off", () => {
  it("subscribes at the end of the survey, answers the question and unsubscribes, each with a button", async () => {
    const person = await Visitor.open(browser, { javaScriptEnabled: false });
    const { page } = person;
    await person.goto(`${server.url}/surveys/young-people`);
    await person.navigate(() => page.getByRole("button", { name: /Start/ }).first().click());
    for (let step = 0; step < 20 && (await heading(person)) !== "Check your answers"; step++) {
      if ((await page.getByRole("radio").count()) > 0) await page.getByRole("radio").first().check();
      if ((await page.getByRole("textbox").count()) > 0) await page.getByRole("textbox").first().fill("More help with maths.");
      await person.navigate(() => page.getByRole("button", { name: "Continue" }).click());
    }
    expect(await heading(person)).toBe("Check your answers");
    await person.navigate(() => page.getByRole("button", { name: "Continue" }).click());
    expect(await heading(person)).toBe("May we quote your words?");
    await page.getByLabel("No, do not quote my words").check();
    await person.navigate(() => page.getByRole("button", { name: "Send my answers" }).click());
    expect(await heading(person)).toBe("Thank you, your answers have been sent");
    expect(await page.getByRole("heading", { name: "Tell me when something changes" }).count()).toBe(1);

    await page.getByLabel("Email address").fill("young.person@example");
    const refused = await person.navigate(() => page.getByRole("button", { name: "Send me updates" }).click());
    expect(refused?.status()).toBe(400);
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.getByRole("link", { name: "Enter an email address in the correct format, like name@example.com" }).count()).toBe(1);
    expect(await page.getByLabel("Email address").inputValue()).toBe("young.person@example");

    await page.getByLabel("Email address").fill("young.person@example.org");
    await person.navigate(() => page.getByRole("button", { name: "Send me updates" }).click());
    expect(await heading(person)).toBe("We will tell you when something changes");
    const [contact] = server.query<{ token: string; response_id: number; contact: string }>("select token, response_id, contact from update_contacts");
    expect(contact.contact).not.toContain("young.person");

    // The links of a message: a page with one button each.
    const messageToken = randomUUID();
    const writable = new SQLite(server.databasePath);
    writable
      .prepare("insert into update_messages (response_id, token, created_at) values (?, ?, ?)")
      .run(contact.response_id, messageToken, new Date().toISOString());
    writable.close();
    await person.goto(`${server.url}/updates/seen/${messageToken}?answer=no`);
    expect(await heading(person)).toBe("Can you see what was done about what you told us?");
    // The demo has answers of its own: only this person's count here.
    const answers = () => server.query<{ answer: string }>("select answer from update_answers where response_id = ?", contact.response_id);
    expect(answers()).toHaveLength(0);
    await person.navigate(() => page.getByRole("button", { name: "No, I cannot see what was done" }).click());
    expect(await heading(person)).toBe("Thank you for telling us");
    expect(answers()).toEqual([{ answer: "no" }]);

    await person.goto(`${server.url}/updates/unsubscribe/${contact.token}`);
    expect(await heading(person)).toBe("Stop the updates");
    expect(server.query("select id from update_contacts")).toHaveLength(1);
    await person.navigate(() => page.getByRole("button", { name: "Stop the updates" }).click());
    expect(await heading(person)).toBe("You will not get any more updates");
    expect(server.query("select id from update_contacts")).toHaveLength(0);
    await person.close();
  });
});
