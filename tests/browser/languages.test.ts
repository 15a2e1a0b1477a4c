import { everyPageInTheseLanguages, answerEverything, expectRightFor, sendAnswers } from "./every-language";
import parentsAndCarers from "../../db/seed/surveys/parents-and-carers.survey.json";
import { Visitor, withServerAndBrowser } from "../support/browser";

const running = withServerAndBrowser();

everyPageInTheseLanguages(running, 1, 3);

describe("choosing a language", () => {
  it("completes the parent survey in Polish, keyboard and all", async () => {
    const visitor = await Visitor.open(running.browser, { locale: "pl-PL" });
    const { page } = visitor;
    // Polish from the browser's Accept-Language on a first visit.
    await visitor.goto(`${running.server.url}/surveys/parents-and-carers`);
    await expectRightFor(page, "pl");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(parentsAndCarers.text.pl.title);
    await visitor.navigate(() => page.locator("button[name=intent][value=start]").click());
    await answerEverything(visitor, "pl");
    await sendAnswers(visitor, "pl", false);
    await visitor.close();
  });

  it("opens a shared ?lng=ro link in Romanian, and remembers it", async () => {
    const visitor = await Visitor.open(running.browser, { locale: "en-GB" });
    const { page } = visitor;
    await visitor.goto(`${running.server.url}/surveys/young-people?lng=ro`);
    expect(await page.locator("html").getAttribute("lang")).toBe("ro");
    await visitor.goto(`${running.server.url}/you-said-we-did`);
    expect(await page.locator("html").getAttribute("lang")).toBe("ro");
    // The switcher on every page changes it back, without JavaScript.
    await page.locator("#app-language").selectOption("en");
    await visitor.navigate(() => page.locator("form.app-language button").click());
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(new URL(page.url()).pathname).toBe("/you-said-we-did");
    await visitor.close();
  });

  it("shows Listen only where the browser has a voice for the page's language", async () => {
    const visitor = await Visitor.open(running.browser);
    const { page } = visitor;
    for (const lang of ["en", "ur"]) {
      await visitor.goto(`${running.server.url}/surveys/young-people?lng=${lang}`);
      await visitor.navigate(() => page.locator("button[name=intent][value=start]").click());
      const voices = await page.evaluate(async () => {
        // Voices load asynchronously in some browsers: give them a moment.
        for (let i = 0; i < 10 && speechSynthesis.getVoices().length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
        return speechSynthesis.getVoices().map((voice) => voice.lang.toLowerCase().split(/[-_]/)[0]);
      });
      await expect.poll(() => page.locator("[data-listen-button]").isVisible()).toBe(voices.includes(lang));
    }
    await visitor.close();
  });
});
