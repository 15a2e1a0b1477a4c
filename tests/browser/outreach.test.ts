import path from "node:path";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import type { Page } from "playwright-core";
import { artifactsDir, Visitor, withServerAndBrowser } from "../support/browser";
import { passSecondFactor } from "../support/second-factor";

const running = withServerAndBrowser();
const NAME = "Greenfield Primary newsletter";

async function signIn(visitor: Visitor, path: string) {
  await visitor.goto(`${running.server.url}${path}`);
  await visitor.page.getByLabel("Email address").fill("admin@example.org");
  await visitor.page.getByLabel("Password").fill("demo admin password");
  await visitor.navigate(() => visitor.page.keyboard.press("Enter"));
  await passSecondFactor(visitor, running.server, "admin@example.org");
}

/** Reads the QR code in an element from a screenshot of it, as a phone camera would. */
async function readQr(page: Page, selector: string): Promise<string | null> {
  const png = PNG.sync.read(await page.locator(selector).screenshot());
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

/** How many pages Chromium's PDF of the page has: each is a `/Type /Page` object. */
const pagesIn = (pdf: Buffer) => pdf.toString("latin1").match(/\/Type\s*\/Page\b(?!s)/g)?.length ?? 0;

/** Answers every question on the page with its first choice, or a few words, as someone in a hurry would. */
async function answerPage(page: Page) {
  const groups = await page.$$eval("main input[type=radio], main input[type=checkbox]", (inputs) => [
    ...new Set(inputs.map((input) => `${(input as HTMLInputElement).type}:${(input as HTMLInputElement).name}`)),
  ]);
  for (const group of groups) {
    const [type, name] = group.split(":");
    await page.locator(`main input[type=${type}][name="${name}"]`).first().check();
  }
  for (const box of await page.locator("main textarea").all()) await box.fill("I saw this in the school newsletter.");
}

describe("outreach links", () => {
  it("make a poster whose QR code opens the short address, and count a response sent through it with JavaScript off", async () => {
    const admin = await Visitor.open(running.browser, { viewport: { width: 1280, height: 900 } });
    const { page } = admin;
    await signIn(admin, "/moderate/outreach");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Outreach links");

    // Sent empty, the form says what is missing and keeps nothing back.
    await admin.navigate(() => page.getByRole("button", { name: "Make link" }).click());
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.getByRole("link", { name: "Enter where you will share the link" }).count()).toBe(1);

    await page.getByLabel("Where you will share it").fill(NAME);
    await page.getByLabel("Kind of place").selectOption("newsletter");
    await page.getByLabel("Survey").selectOption("parents-and-carers");
    await admin.navigate(() => page.getByRole("button", { name: "Make link" }).click());
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(NAME);
    const [link] = running.server.query<{ id: number; code: string }>("select id, code from outreach_links where name = ?", NAME);
    expect(link.code).toMatch(/^[2-9A-HJKMNP-TV-Z]{6}$/);

    await admin.navigate(() => page.locator("main li", { hasText: "English" }).getByRole("link", { name: "Poster", exact: true }).click());
    const shortAddress = `${new URL(running.server.url).host}/s/${link.code}`;
    expect(await page.locator(".app-poster__address").textContent()).toBe(shortAddress);
    await admin.screenshot("outreach-poster");
    const scanned = await readQr(page, ".app-poster__qr");
    expect(scanned).toBe(`${running.server.url}/s/${link.code}`);

    // Printed, the poster stands alone on an A4 page: no header, staff bar or instructions.
    await page.emulateMedia({ media: "print" });
    for (const hidden of [".app-header", ".app-staff-bar", ".app-concern-banner", ".app-no-print"])
      expect(await page.locator(hidden).first().isVisible()).toBe(false);
    expect(await page.locator(".app-poster").isVisible()).toBe(true);
    expect(pagesIn(await page.pdf({ preferCSSPageSize: true, path: path.join(artifactsDir, "outreach-poster.pdf") }))).toBe(1);
    await page.emulateMedia({ media: null });
    await admin.navigate(() => page.getByRole("link", { name: "Back to the link" }).click());
    await admin.navigate(() => page.locator("main li", { hasText: "English" }).getByRole("link", { name: "Pocket cards", exact: true }).click());
    expect(await page.locator(".app-card").count()).toBe(8);
    expect(await readQr(page, ".app-card__qr >> nth=0")).toBe(scanned);
    expect(pagesIn(await page.pdf({ preferCSSPageSize: true }))).toBe(1);

    // A parent scans it with JavaScript off: the survey opens, and what they send counts under the link.
    const parent = await Visitor.open(running.browser, { javaScriptEnabled: false });
    await parent.goto(scanned!);
    expect(new URL(parent.page.url()).pathname).toBe("/surveys/parents-and-carers");
    await parent.navigate(() => parent.page.getByRole("button", { name: "Start now" }).click());
    for (let step = 0; (await parent.page.getByRole("heading", { level: 1 }).textContent()) !== "Check your answers"; step++) {
      if (step > 40) throw new Error("the survey never reached its check page");
      await answerPage(parent.page);
      await parent.navigate(() => parent.page.getByRole("button", { name: "Continue", exact: true }).click());
    }
    await parent.navigate(() => parent.page.getByRole("button", { name: "Continue", exact: true }).click());
    await parent.page.getByLabel("No, do not quote my words").check();
    await parent.navigate(() => parent.page.getByRole("button", { name: "Send my answers" }).click());
    const reference = ((await parent.page.locator(".app-reference").textContent()) ?? "").replaceAll("-", "");
    expect(running.server.query("select outreach_link_id from responses where reference = ?", reference)).toEqual([{ outreach_link_id: link.id }]);
    await parent.close();

    await admin.goto(`${running.server.url}/moderate/insight?survey=parents-and-carers`);
    const row = page.getByRole("table", { name: /Responses by outreach link/ }).getByRole("row", { name: new RegExp(NAME) });
    expect(await row.locator("td").allTextContents()).toEqual(["1", "1", "0", "1", "100%"]);
    await admin.close();
  });

  it("answer a short address that does not exist with a page in the person's language", async () => {
    const visitor = await Visitor.open(running.browser, { javaScriptEnabled: false, locale: "pl-PL" });
    const response = await visitor.goto(`${running.server.url}/s/ZZZZZZ?lng=pl`);
    expect(response?.status()).toBe(404);
    expect(await visitor.page.getByRole("heading", { level: 1 }).textContent()).toBe("Nie możemy znaleźć tego linku");
    expect(
      await visitor.page
        .getByRole("link", { name: /ankiety/i })
        .first()
        .getAttribute("href"),
    ).toMatch(/\/surveys/);
    await visitor.close();
  });
});
