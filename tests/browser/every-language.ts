/**
 * Every public and respondent page in every language, on a 320 px screen with JavaScript off. The
 * languages are shared out over a few test files (languages-N.test.ts), each with its own server
 * and browser, so that they run side by side; a language added to the portal is in one of them.
 */
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { flatten } from "~/i18n/check";
import { easyRead, htmlLang, supportedLanguages, textDirection } from "~/i18n/config";
import { Visitor, withServerAndBrowser } from "../support/browser";

// Every English key ("ysd.title", "start.heading"…): if one shows on a page, a translation is missing.
const localeDir = path.resolve(import.meta.dirname, "../../locales/en");
const keys = new Set(
  fs
    .readdirSync(localeDir)
    .flatMap((file) =>
      [...flatten(JSON.parse(fs.readFileSync(path.join(localeDir, file), "utf8"))).keys()].map((key) => key.replace(/_(zero|one|two|few|many|other)$/, "")),
    ),
);

const publicPages = [
  "/",
  "/surveys",
  "/you-said-we-did?period=2025-26",
  "/you-said-we-did/themes/communication?period=2025-26",
  "/you-said-we-did/actions/1",
  "/you-said-we-did/report?period=2025-26",
  "/my-feedback",
  "/resume",
  "/privacy",
  "/accessibility",
];

/** The page is in the language, marked up as such, shows no raw keys and fits a 320 px screen (WCAG 1.4.10). */
export async function expectRightFor(page: Page, lang: string) {
  const where = `${page.url()} in ${lang}`;
  expect(await page.locator("html").getAttribute("lang"), where).toBe(htmlLang(lang));
  expect(await page.locator("html").getAttribute("dir"), where).toBe(textDirection(lang));
  const text = await page.locator("body").innerText();
  const raw = (text.match(/\b[a-z][a-zA-Z]*(?:\.[a-zA-Z_]+)+\b/g) ?? []).filter((token) => keys.has(token));
  expect(raw, `untranslated keys on ${where}`).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `sideways scrolling on ${where}`).toBeLessThanOrEqual(0);
}

/** Answers every question with its first option or a sentence, to the check page. */
export async function answerEverything(visitor: Visitor, lang: string) {
  const { page } = visitor;
  for (let step = 0; step < 30 && page.url().includes("/questions/"); step++) {
    await expectRightFor(page, lang);
    // Nothing that needs JavaScript is offered without it.
    expect(await page.locator("[data-listen-button]").isVisible()).toBe(false);
    const form = page.locator("main form[method=post]");
    const choice = form.locator("input[type=radio], input[type=checkbox]").first();
    if (await choice.count()) await choice.check();
    const textarea = form.locator("textarea");
    if (await textarea.count()) await textarea.fill("Mai multă ajutor la școală, please.");
    await visitor.navigate(() => form.locator("button[value=continue]").click());
  }
  expect(page.url()).toContain("/check");
  await expectRightFor(page, lang);
}

export async function sendAnswers(visitor: Visitor, lang: string, young: boolean) {
  const { page } = visitor;
  await visitor.navigate(() => page.locator("main .govuk-button").first().click());
  expect(page.url()).toContain("/consent");
  await expectRightFor(page, lang);
  await page.locator("input[name=quote][value=yes]").check();
  if (young) await page.locator("input[name=helped][value=teacher]").check();
  await visitor.navigate(() => page.locator("main form button[type=submit]").click());
  expect(page.url()).toContain("/confirmation");
  await expectRightFor(page, lang);
}

/** The test for each language in this share of them: part `part` (from 1) of `of`. */
export function everyPageInTheseLanguages(running: ReturnType<typeof withServerAndBrowser>, part: number, of: number) {
  const languages = supportedLanguages.filter((_, index) => index % of === part - 1);
  describe(`every public and respondent page in ${languages.join(", ")}`, () => {
    for (const lang of languages) {
      it(`works in ${lang} on a 320 px screen with JavaScript off`, async () => {
        const visitor = await Visitor.open(running.browser, { javaScriptEnabled: false, viewport: { width: 320, height: 720 }, locale: "en-GB" });
        const { page } = visitor;
        for (const [index, url] of publicPages.entries()) {
          // The first address carries ?lng=; the choice is then remembered.
          await visitor.goto(`${running.server.url}${url}${index === 0 ? `?lng=${lang}` : ""}`);
          await expectRightFor(page, lang);
        }
        const missing = await visitor.goto(`${running.server.url}/no-such-page`);
        expect(missing?.status()).toBe(404);
        await expectRightFor(page, lang);

        await visitor.goto(`${running.server.url}/surveys/young-people`);
        await expectRightFor(page, lang);
        if (lang === easyRead) expect(await page.locator("img.app-picture").count()).toBe(1);
        await visitor.navigate(() => page.locator("button[name=intent][value=start]").click());
        if (lang === easyRead) expect(await page.locator("img.app-picture[alt='']").count()).toBe(1);
        if (lang === "ur" || lang === easyRead) await visitor.screenshot(`youth-question-${lang}`);
        await answerEverything(visitor, lang);
        await sendAnswers(visitor, lang, true);
        await visitor.close();
      });
    }
  });
}
