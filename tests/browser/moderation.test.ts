import SQLite from "better-sqlite3";
import type { Locator, Page } from "playwright-core";
import { Visitor, withServerAndBrowser } from "../support/browser";
import { passSecondFactor } from "../support/second-factor";

const running = withServerAndBrowser();

const isFocused = (locator: Locator) => locator.evaluate((element) => element === document.activeElement);
async function tabTo(page: Page, locator: Locator, limit = 120) {
  for (let i = 0; i < limit; i++) {
    if (await isFocused(locator)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`could not reach ${String(locator)} with the Tab key`);
}

async function signIn(visitor: Visitor, email: string, password: string, start = "/moderate") {
  const { page } = visitor;
  await visitor.goto(`${running.server.url}${start}`);
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Sign in");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await visitor.navigate(() => page.keyboard.press("Enter"));
  await passSecondFactor(visitor, running.server, email);
}

/** A response with personal details in it, from someone who agreed to be quoted. */
function plantResponse(text: string): number {
  const db = new SQLite(running.server.databasePath);
  db.pragma("busy_timeout = 5000");
  try {
    const survey = db.prepare("select id from surveys where slug = 'parents-and-carers'").get() as { id: number };
    const question = db.prepare("select id from questions where survey_id = ? and key = 'working-well'").get(survey.id) as { id: number };
    const { lastInsertRowid } = db
      .prepare("insert into responses (survey_id, reference, lang, quote_consent, submitted_at) values (?, 'PLANTEDREF23', 'en', 1, ?)")
      .run(survey.id, new Date().toISOString());
    db.prepare("insert into answers (response_id, question_id, text) values (?, ?, ?)").run(lastInsertRowid, question.id, text);
    return Number(lastInsertRowid);
  } finally {
    db.close();
  }
}

describe("a moderator's session", () => {
  it("signs in, filters, tags three responses from the keyboard, flags one, and makes a quote a second person approves", async () => {
    const { server } = running;
    const moderator = await Visitor.open(running.browser);
    const { page } = moderator;
    await signIn(moderator, "moderator@example.org", "demo moderator password");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Responses");

    await page.getByLabel("Status").selectOption("new");
    await page.getByLabel("Only responses with no themes yet").check();
    await moderator.navigate(() => page.getByRole("button", { name: "Apply filters" }).click());
    expect(page.url()).toContain("status=new");
    await moderator.navigate(() => page.locator("table tbody a").first().click());

    const tagged: number[] = [];
    for (const theme of ["Communication and case-worker contact", "Local Offer, information and advice", "Home-to-school transport"]) {
      const id = Number(page.url().match(/responses\/(\d+)/)?.[1]);
      tagged.push(id);
      if (theme === "Home-to-school transport") {
        // Narrow the list first, as a moderator who knows what they are looking for would.
        await tabTo(page, page.getByLabel("Find a theme"));
        await page.keyboard.type("transport");
        await moderator.navigate(() => page.keyboard.press("Enter"));
        expect(await page.locator("input[name=theme][type=checkbox]").count()).toBe(1);
      }
      await tabTo(page, page.getByLabel(theme, { exact: true }));
      await page.keyboard.press("Space");
      await tabTo(page, page.getByRole("button", { name: "Save and go to next" }));
      await moderator.navigate(() => page.keyboard.press("Enter"));
    }
    const tags = server.query<{ response_id: number }>(`select response_id from response_themes where response_id in (${tagged.join(",")})`);
    expect(new Set(tags.map((tag) => tag.response_id))).toEqual(new Set(tagged));

    // The fourth one worries the moderator.
    const worrying = Number(page.url().match(/responses\/(\d+)/)?.[1]);
    await page.getByLabel("Why are you flagging it?").fill("The parent mentions harm at home.");
    await moderator.navigate(() => page.getByRole("button", { name: "Flag as a safeguarding concern" }).click());
    expect(await page.getByRole("status").first().textContent()).toContain("passed to the safeguarding leads");
    expect(server.query<{ flagged: number }>("select flagged from responses where id = ?", worrying)).toEqual([{ flagged: 1 }]);

    // A quote from a response full of personal details.
    const planted = plantResponse("Mrs Patel at school is brilliant. Call me on 07700 900123 if you want to know more.");
    await moderator.goto(`${server.url}/moderate/responses/${planted}`);
    await moderator.navigate(() => page.getByRole("link", { name: "Make a quote from this answer" }).click());
    const suggested = await page.getByLabel("The quote").inputValue();
    expect(suggested).toBe("Mrs [name] at school is brilliant. Call me on [phone number] if you want to know more.");
    await page.getByLabel("The quote").fill("Mrs [name] at school is brilliant.");
    await page.getByLabel("SEN support in mainstream school").check();
    await moderator.navigate(() => page.getByRole("button", { name: "Save and approve" }).click());
    expect(await page.getByText("1 of 2 approvals").count()).toBe(1);
    const quoteUrl = page.url().split("?")[0];
    await moderator.close();

    const second = await Visitor.open(running.browser);
    await signIn(second, "admin@example.org", "demo admin password", new URL(quoteUrl).pathname);
    expect(await second.page.getByRole("heading", { level: 1 }).textContent()).toMatch(/^Quote \d+$/);
    await second.navigate(() => second.page.getByRole("button", { name: "Approve this quote" }).click());
    expect(await second.page.getByText("Approved: this quote can be published.").count()).toBe(1);
    const id = Number(quoteUrl.match(/quotes\/(\d+)/)?.[1]);
    expect(server.query<{ text: string; approved: number }>("select text, approved_at is not null as approved from quotes where id = ?", id)).toEqual([
      { text: "Mrs [name] at school is brilliant.", approved: 1 },
    ]);

    // The administrator can read every step in the audit log.
    await second.goto(`${server.url}/admin/audit?action=quote.approve`);
    expect(await second.page.locator("table tbody tr").count()).toBeGreaterThanOrEqual(1);
    await second.goto(`${server.url}/admin/users`);
    await second.goto(`${server.url}/admin/themes`);
    await second.goto(`${server.url}/admin/surveys`);
    expect(await second.page.getByRole("cell", { name: /Parents and carers/ }).count()).toBeGreaterThan(0);
    await second.goto(`${server.url}/moderate/safeguarding`);
    expect(await second.page.getByRole("link", { name: /PLANTED|[2-9A-Z]{4}-/ }).count()).toBeGreaterThan(0);
    const [flag] = server.query<{ id: number }>("select id from safeguarding_concerns where response_id = ?", worrying);
    await second.goto(`${server.url}/moderate/safeguarding/${flag.id}`);
    expect(await second.page.getByText("The parent mentions harm at home.").count()).toBe(1);
    await second.goto(`${server.url}/moderate/quotes`);
    await second.goto(`${server.url}/admin/users/1`);
    await second.goto(`${server.url}/admin/themes/1`);
    await second.goto(`${server.url}/admin/settings`);
    await second.navigate(() => second.page.getByRole("button", { name: "Sign out" }).click());
    expect(await second.page.getByText("You have signed out.").count()).toBe(1);
    await second.goto(`${server.url}/admin/users`);
    expect(await second.page.getByRole("heading", { level: 1 }).textContent()).toBe("Sign in");
    await second.close();
  });
});

describe("merging themes", () => {
  it("answers at once, moves the tags after, and says where the theme went, with axe on every page", async () => {
    const { server } = running;
    const db = new SQLite(server.databasePath);
    db.pragma("busy_timeout = 5000");
    const ids: number[] = [];
    try {
      for (const slug of ["going-theme", "kept-theme"]) {
        const id = Number(db.prepare("insert into themes (slug) values (?)").run(slug).lastInsertRowid);
        db.prepare("insert into theme_translations (theme_id, lang, name) values (?, 'en', ?)").run(id, slug === "going-theme" ? "Going theme" : "Kept theme");
        ids.push(id);
      }
      const responses = db.prepare("select id from responses where flagged = 0 order by id limit 30").all() as { id: number }[];
      for (const { id } of responses)
        db.prepare("insert into response_themes (response_id, theme_id, tagged_at) values (?, ?, ?)").run(id, ids[0], new Date().toISOString());
    } finally {
      db.close();
    }
    const admin = await Visitor.open(running.browser);
    const { page } = admin;
    await signIn(admin, "admin@example.org", "demo admin password", `/admin/themes/${ids[0]}`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Change theme: Going theme");
    await page.getByLabel("Theme to keep").selectOption({ label: "Kept theme" });
    await admin.navigate(() => page.getByRole("button", { name: "Merge", exact: true }).click());
    expect(await page.getByText(/Merged into Kept theme|Moving tags to Kept theme: \d+ moved so far/).count()).toBeGreaterThan(0);
    const waited = Date.now();
    while (server.query("select 1 from theme_merges where theme_id = ?", ids[0]).length > 0 && Date.now() - waited < 30_000)
      await new Promise((resolve) => setTimeout(resolve, 100));
    await admin.goto(`${server.url}/admin/themes/${ids[0]}`);
    expect(await page.getByText("Merged into Kept theme").count()).toBe(1);
    expect(server.query("select count(*) as n from response_themes where theme_id = ?", ids[1])).toEqual([{ n: 30 }]);
    await admin.close();
  });
});

describe("recording what was done", () => {
  it("adds an action, moves it on and records progress, with axe on every page", async () => {
    const { server } = running;
    const moderator = await Visitor.open(running.browser);
    const { page } = moderator;
    await signIn(moderator, "moderator@example.org", "demo moderator password", "/moderate/actions");
    await moderator.navigate(() => page.getByRole("link", { name: "Add an action" }).click());
    await page.getByLabel("Title").fill("Answer every email within 5 working days");
    await moderator.navigate(() => page.getByRole("button", { name: "Save action" }).click());
    expect(await page.locator(".govuk-error-summary").getByRole("link").count()).toBeGreaterThanOrEqual(5);
    expect(await page.getByLabel("Title").inputValue()).toBe("Answer every email within 5 working days");

    await page.getByLabel("Description").fill("Families told us nobody replies.");
    await page.getByLabel("Owner").fill("SEND casework team");
    await page.getByLabel("Council", { exact: true }).check();
    const due = page.getByRole("group", { name: "Due date" });
    await due.getByLabel("Day").fill("31");
    await due.getByLabel("Month").fill("3");
    await due.getByLabel("Year").fill("2027");
    await page.getByLabel("How will we know it worked?").fill("90% of emails answered within 5 working days");
    await page.getByLabel("Communication and case-worker contact").check();
    await moderator.navigate(() => page.getByRole("button", { name: "Save action" }).click());
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Answer every email within 5 working days");

    await page.getByLabel("In progress").check();
    await moderator.navigate(() => page.getByRole("button", { name: "Save status" }).click());
    await page.getByLabel("What has happened?").fill("Two case officers started this month.");
    const updated = page.getByRole("group", { name: "Date of the update" });
    await updated.getByLabel("Day").fill("20");
    await updated.getByLabel("Month").fill("11");
    await updated.getByLabel("Year").fill("2026");
    await moderator.navigate(() => page.getByRole("button", { name: "Add update" }).click());
    expect(await page.getByText("Two case officers started this month.").count()).toBe(1);
    const id = Number(page.url().match(/actions\/(\d+)/)?.[1]);
    expect(server.query<{ status: string }>("select status from actions where id = ?", id)).toEqual([{ status: "in_progress" }]);
    await moderator.navigate(() => page.getByRole("button", { name: "Ask for it to be published" }).click());
    expect(await page.getByText("Waiting for a second person to publish it").count()).toBe(1);
    await moderator.navigate(() => page.getByRole("link", { name: "Back" }).click());

    // "You said" for a theme and period, beside the figures the public would see.
    await moderator.goto(`${server.url}/moderate/statements`);
    await moderator.navigate(() => page.getByRole("link", { name: "Write “Communication and case-worker contact”" }).click());
    expect(await page.getByText("The figures, as the public will see them").count()).toBe(1);
    await page.getByLabel("What people told us").fill("Many families said nobody replied to their emails or calls.");
    await moderator.navigate(() => page.getByRole("button", { name: "Save statement" }).click());
    await moderator.navigate(() => page.getByRole("button", { name: "Ask for it to be published" }).click());
    const statementUrl = new URL(page.url()).pathname;
    await moderator.close();

    const admin = await Visitor.open(running.browser);
    await signIn(admin, "admin@example.org", "demo admin password", "/admin/periods");
    expect(await admin.page.getByRole("heading", { level: 1 }).textContent()).toBe("Periods");
    await admin.goto(`${server.url}${statementUrl}`);
    await admin.navigate(() => admin.page.getByRole("button", { name: "Publish it" }).click());
    expect(await admin.page.getByText("Published", { exact: true }).count()).toBeGreaterThan(0);
    await admin.goto(`${server.url}/moderate/actions/${id}`);
    await admin.navigate(() => admin.page.getByRole("button", { name: "Publish it" }).click());
    const statementId = Number(statementUrl.match(/statements\/(\d+)/)?.[1]);
    const live = server.query<{ entity: string; entity_id: number }>(
      "select entity, entity_id from publications where published_at is not null and ((entity = 'action' and entity_id = ?) or (entity = 'statement' and entity_id = ?)) order by entity",
      id,
      statementId,
    );
    expect(live).toEqual([
      { entity: "action", entity_id: id },
      { entity: "statement", entity_id: statementId },
    ]);
    await admin.close();
  });
});
