import type { Page } from "playwright-core";
import { Visitor, withServerAndBrowser } from "../support/browser";
import { passSecondFactor } from "../support/second-factor";

const running = withServerAndBrowser();

async function signIn(visitor: Visitor, email: string, password: string, start: string) {
  const { page } = visitor;
  await visitor.goto(`${running.server.url}${start}`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await visitor.navigate(() => page.getByLabel("Password").press("Enter"));
  await passSecondFactor(visitor, running.server, email);
}

const main = (page: Page) => page.locator("main");

describe("an administrator builds a survey for parents and young people with JavaScript off, and a parent answers it in Polish", () => {
  it("builds, translates, opens, is answered in Polish, and reaches the moderation queue", async () => {
    const admin = await Visitor.open(running.browser, { javaScriptEnabled: false });
    const { page } = admin;
    await signIn(admin, "admin@example.org", "demo admin password", "/admin/surveys");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Surveys");
    await admin.navigate(() => main(page).getByRole("link", { name: "Create a survey" }).click());

    // A mistake first: the GOV.UK date pattern, with what was typed kept.
    await page.getByLabel("Title").fill("Short breaks: what you think");
    await page.getByLabel("Short name for its web address").fill("short-breaks-2027");
    await page.getByLabel("Parents, carers and young people").check();
    await page.getByLabel("Summary").fill("Tell us about short breaks for your child.");
    await page.getByLabel("Start text").fill("It takes about three minutes.");
    await page.getByLabel("How many minutes it takes").fill("3");
    await page.locator("#closesOn").fill("31");
    await page.locator("#closesOn-year").fill("2099");
    await admin.navigate(() => main(page).getByRole("button", { name: "Create survey" }).click());
    expect(await page.locator(".govuk-error-summary").textContent()).toContain("Closing date must include a month");
    expect(await page.getByLabel("Title").inputValue()).toBe("Short breaks: what you think");
    await page.locator("#closesOn-month").fill("12");
    await admin.navigate(() => main(page).getByRole("button", { name: "Create survey" }).click());
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Short breaks: what you think");

    // Two questions: a choice, and a free-text question shown after one answer to it.
    await admin.navigate(() => main(page).getByRole("link", { name: "Add a question" }).click());
    await page.getByLabel("Question", { exact: true }).fill("Has your child had a short break this year?");
    await page.getByLabel("One answer from a list").check();
    await page.getByLabel("Option 1", { exact: true }).fill("Yes, and it helped");
    await page.getByLabel("Option 2", { exact: true }).fill("Yes, but it did not help");
    await page.getByLabel("Option 3", { exact: true }).fill("No");
    await admin.navigate(() => main(page).getByRole("button", { name: "Save question" }).click());
    expect(await main(page).textContent()).toContain("Question saved.");

    await admin.navigate(() => main(page).getByRole("link", { name: "Add a question" }).click());
    await page.getByLabel("Question", { exact: true }).fill("What would make short breaks better?");
    await page.getByLabel("Their own words").check();
    await page
      .getByLabel("When to show it")
      .selectOption({ label: "When “Has your child had a short break this year?” is answered “Yes, but it did not help”" });
    await admin.navigate(() => main(page).getByRole("button", { name: "Save question" }).click());
    expect(await main(page).getByText("Shown only when “Has your child had a short break this year?” is answered “Yes, but it did not help”").count()).toBe(1);

    // Polish, side by side with English, until it is complete.
    await admin.navigate(() => main(page).getByRole("link", { name: "Polish" }).click());
    const boxes = main(page).locator("textarea");
    const count = await boxes.count();
    // Title, summary, start text, two questions and three options.
    expect(count).toBe(8);
    for (let index = 0; index < count; index++) await boxes.nth(index).fill(`Tekst po polsku ${index + 1}`);
    await admin.navigate(() => main(page).getByRole("button", { name: "Save translations" }).click());
    expect(await main(page).textContent()).toContain("8 of 8 texts");
    expect(await main(page).textContent()).toContain("The survey is offered in Polish.");

    await admin.navigate(() => main(page).getByRole("link", { name: "Back to the survey" }).click());
    await admin.navigate(() => main(page).getByRole("link", { name: "Preview as a respondent" }).click());
    await admin.navigate(() => main(page).getByRole("link", { name: "Next page" }).click());
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain("Has your child had a short break this year?");
    await admin.navigate(() => main(page).getByRole("link", { name: "Back to the survey" }).click());
    await admin.navigate(() => main(page).getByRole("button", { name: "Open the survey" }).click());
    expect(await main(page).textContent()).toContain("The survey is open.");
    await admin.navigate(() => main(page).getByRole("link", { name: "History of changes" }).click());
    expect(await main(page).textContent()).toContain("Saved Polish translations: 8 of 8 texts");
    await admin.close();

    // A parent, in Polish, with JavaScript off.
    const parent = await Visitor.open(running.browser, { javaScriptEnabled: false, locale: "pl-PL" });
    const respondent = parent.page;
    await parent.goto(`${running.server.url}/surveys/short-breaks-2027`);
    expect(await respondent.locator("html").getAttribute("lang")).toBe("pl");
    expect(await respondent.getByRole("heading", { level: 1 }).textContent()).toBe("Tekst po polsku 1");
    // A survey for both asks who is answering, in Polish, before anything is kept.
    await parent.navigate(() => respondent.locator("button[name=intent][value=start]").click());
    expect(await respondent.locator(".govuk-error-summary").textContent()).toContain("Wybierz, kto odpowiada");
    await respondent.locator("input[name=audience][value=parent_carer]").check();
    await parent.navigate(() => respondent.locator("button[name=intent][value=start]").click());
    await respondent.locator("input[name=answer]").nth(1).check();
    await parent.navigate(() => respondent.locator("button[name=intent][value=continue]").click());
    await respondent.locator("textarea[name=answer]").fill("Więcej miejsc w weekendy.");
    await parent.navigate(() => respondent.locator("button[name=intent][value=continue]").click());
    await parent.navigate(() => main(respondent).locator("button[type=submit]").first().click());
    await respondent.locator("input[name=quote][value=no]").check();
    await parent.navigate(() => main(respondent).locator("button[type=submit]").click());
    expect(respondent.url()).toMatch(/\/surveys\/short-breaks-2027\/confirmation$/);
    await parent.close();

    // The moderator finds it in the queue, in the words it was written in.
    const moderator = await Visitor.open(running.browser);
    await signIn(moderator, "moderator@example.org", "demo moderator password", "/moderate?lang=pl&audience=parent_carer");
    expect(await main(moderator.page).getByText("Więcej miejsc w weekendy.").count()).toBe(1);
    await moderator.close();
  });
});
