import type { Page } from "playwright-core";
import { Visitor, withServerAndBrowser } from "../support/browser";

const running = withServerAndBrowser();
const EASY_PAGE = "/you-said-we-did?period=2025-26&lng=en-x-easyread";

/** The languages this Chromium can speak: voices load asynchronously, so give them a moment. */
function voiceLanguages(page: Page) {
  return page.evaluate(async () => {
    for (let i = 0; i < 10 && speechSynthesis.getVoices().length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    return speechSynthesis.getVoices().map((voice) => voice.lang.toLowerCase().split(/[-_]/)[0]);
  });
}

describe("the public page in Easy Read", () => {
  it("is in Easy Read wording, marks what staff have not put into Easy Read yet, and offers Listen where the browser can speak", async () => {
    const visitor = await Visitor.open(running.browser);
    const { page } = visitor;
    await visitor.goto(`${running.server.url}${EASY_PAGE}`);
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await expect
      .poll(() => page.locator("main .govuk-body-l").first().innerText())
      .toBe("This page shows what families and young people told us in our surveys. It also shows what was done about it.");
    expect(await page.getByRole("heading", { name: "Choose what to see" }).count()).toBe(1);
    expect(await page.getByRole("heading", { name: "How we work out the numbers" }).count()).toBe(1);
    // The demo's actions are written in English only: each such text is marked, in Easy Read words.
    const marks = await page.locator(".app-not-easy-read").allInnerTexts();
    expect(marks.length).toBeGreaterThan(0);
    expect(new Set(marks.map((mark) => mark.trim().toLowerCase()))).toEqual(new Set(["not in easy read yet"]));

    const listen = page.locator("[data-listen-button]");
    expect(await listen.count()).toBe(1);
    expect(await listen.getAttribute("aria-label")).toBe("Listen to this page read out loud");
    // With JavaScript on, /listen.js shows the button wherever the browser has an English voice.
    const canSpeak = (await voiceLanguages(page)).includes("en");
    await expect.poll(() => listen.isVisible()).toBe(canSpeak);
    if (canSpeak) {
      await listen.click();
      expect(await listen.getAttribute("aria-pressed")).toBe("true");
      await listen.click();
      expect(await listen.getAttribute("aria-pressed")).toBe("false");
    }

    // The same button on an action's page and on /my-feedback, where the update messages lead.
    for (const path of ["/you-said-we-did/actions/1?lng=en-x-easyread", "/my-feedback?lng=en-x-easyread"]) {
      await visitor.goto(`${running.server.url}${path}`);
      expect(await page.locator("[data-listen-button]").getAttribute("data-listen-read")).toBe("page");
      await expect.poll(() => page.locator("[data-listen-button]").isVisible()).toBe(canSpeak);
    }
    await visitor.close();
  });

  it("offers no Listen button with JavaScript off, and is still in Easy Read", async () => {
    const visitor = await Visitor.open(running.browser, { javaScriptEnabled: false });
    const { page } = visitor;
    await visitor.goto(`${running.server.url}${EASY_PAGE}`);
    expect(await page.locator("main .govuk-body-l").first().innerText()).toBe(
      "This page shows what families and young people told us in our surveys. It also shows what was done about it.",
    );
    expect(await page.locator("[data-listen-button]").isVisible()).toBe(false);
    expect(await page.getByRole("button", { name: "Listen to this page read out loud" }).count()).toBe(0);
    await visitor.close();
  });
});
