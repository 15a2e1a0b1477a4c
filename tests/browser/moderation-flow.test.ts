import type { Locator, Page } from "playwright-core";
import { Visitor, withServerAndBrowser } from "../support/browser";

const running = withServerAndBrowser();

const isFocused = (locator: Locator) => locator.evaluate((element) => element === document.activeElement);
async function tabTo(page: Page, locator: Locator, limit = 150) {
  for (let i = 0; i < limit; i++) {
    if (await isFocused(locator)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`could not reach ${String(locator)} with the Tab key`);
}

async function signIn(visitor: Visitor) {
  const { page } = visitor;
  await visitor.goto(`${running.server.url}/moderate`);
  await page.getByLabel("Email address").fill("moderator@example.org");
  await page.getByLabel("Password").fill("demo moderator password");
  await visitor.navigate(() => page.getByLabel("Password").press("Enter"));
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Responses");
}

/** A New response, never tagged, whose free text the demo moderators have tagged before in other responses. */
function newResponseSaying(start: string): number {
  const rows = running.server.query<{ id: number }>(
    `select r.id from responses r where r.status = 'new' and r.flagged = 0
       and not exists (select 1 from response_themes rt where rt.response_id = r.id)
       and exists (select 1 from answers a where a.response_id = r.id and a.text like ?)
     order by r.id limit 1`,
    `${start}%`,
  );
  expect(rows, `a new response saying "${start}…"`).toHaveLength(1);
  return rows[0].id;
}

const transport = "Home-to-school transport";

describe("tagging a response from the keyboard", () => {
  it("with JavaScript off: suggests without ticking, saves, opens at the focused Saved message, and the status is In review", async () => {
    const { server } = running;
    const visitor = await Visitor.open(running.browser, { javaScriptEnabled: false });
    const { page } = visitor;
    await signIn(visitor);
    const id = newResponseSaying("Transport to school changed");
    await visitor.goto(`${server.url}/moderate/responses/${id}`);

    // The suggestion is words a screen reader hears with the checkbox, and the box is not ticked.
    const box = page.getByLabel(transport, { exact: true });
    expect(await box.isChecked()).toBe(false);
    const hint = await box.evaluate((input) => document.getElementById(input.getAttribute("aria-describedby") ?? "")?.textContent ?? "");
    expect(hint).toMatch(/^Suggested \(because of: [^)]+\)$/);
    expect(hint).toContain("transport");
    expect(server.query("select theme_id from response_themes where response_id = ?", id)).toEqual([]);

    // Whole words in the status radios, not a letter a line.
    for (const status of ["New", "In review", "Done"]) {
      const label = page.locator("label.govuk-radios__label", { hasText: status });
      const box = (await label.boundingBox())!;
      expect(box.width, `the "${status}" label`).toBeGreaterThan(box.height);
    }
    expect(await page.getByLabel("New", { exact: true }).isChecked()).toBe(true);

    await tabTo(page, box);
    await page.keyboard.press("Space");
    await tabTo(page, page.getByRole("button", { name: "Save", exact: true }));
    // The page it lands on is audited below, at its address without the #saved fragment.
    await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);

    expect(page.url()).toBe(`${server.url}/moderate/responses/${id}?saved=1#saved`);
    const banner = page.getByRole("alert");
    expect(await banner.textContent()).toContain("Saved.");
    expect(await banner.textContent()).toContain("Status: In review");
    expect(await isFocused(page.locator("#saved"))).toBe(true);
    expect(await page.getByLabel("In review", { exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel(transport, { exact: true }).isChecked()).toBe(true);
    expect(server.query<{ status: string }>("select status from responses where id = ?", id)).toEqual([{ status: "in_review" }]);
    // The next Tab goes on from the message into the tag form.
    await page.keyboard.press("Tab");
    expect(await isFocused(page.getByLabel("Find a theme"))).toBe(true);
    await visitor.goto(`${server.url}/moderate/responses/${id}?saved=1`);

    await visitor.goto(`${server.url}/moderate/waiting`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Waiting for you");
    await visitor.close();
  });

  it("with JavaScript on: focus moves to the Saved message after the save too", async () => {
    const { server } = running;
    const visitor = await Visitor.open(running.browser);
    const { page } = visitor;
    await signIn(visitor);
    const id = newResponseSaying("Transport to school changed");
    await visitor.goto(`${server.url}/moderate/responses/${id}`);
    await page.getByLabel(transport, { exact: true }).check();
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.locator("#saved").waitFor();
    await visitor.audit();
    expect(await isFocused(page.locator("#saved"))).toBe(true);
    expect(await page.getByLabel("In review", { exact: true }).isChecked()).toBe(true);
    await visitor.close();
  });
});
