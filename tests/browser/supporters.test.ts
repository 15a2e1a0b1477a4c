import { Visitor, withServerAndBrowser } from "../support/browser";

const running = withServerAndBrowser();
const heading = (visitor: Visitor) => visitor.page.getByRole("heading", { level: 1 }).textContent();

async function signIn(visitor: Visitor, email: string, password: string, start: string) {
  const { page } = visitor;
  await visitor.goto(`${running.server.url}${start}`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await visitor.navigate(() => page.getByRole("button", { name: "Sign in" }).click());
}

describe("a supporter helping a young person answer in Polish, with JavaScript off", () => {
  it("starts a supported response, answers it on the survey's own pages, sends it and prints the reference slip", async () => {
    const { server } = running;
    const supporter = await Visitor.open(running.browser, { javaScriptEnabled: false });
    const { page } = supporter;
    // Signing in with nowhere in particular to go lands on the supporter's own page.
    await signIn(supporter, "supporter@example.org", "demo supporter password", "/sign-in");
    expect(new URL(page.url()).pathname).toBe("/support");
    expect(await heading(supporter)).toBe("Help someone answer");
    expect(await page.getByRole("link", { name: "Responses" }).count()).toBe(0);

    await supporter.navigate(() => page.getByRole("link", { name: /Young people: your views/ }).click());
    expect(await heading(supporter)).toBe("I am helping someone answer");

    // Without the person's agreement and without the language being interpreted: refused, nothing typed lost.
    await page.getByLabel("Interpreting from another language").check();
    await page.getByLabel("Polski").check();
    const refused = await supporter.navigate(() => page.getByRole("button", { name: "Start the survey" }).click());
    expect(refused?.status()).toBe(400);
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.getByRole("link", { name: "Tick the box to confirm the person has agreed to answer" }).count()).toBe(1);
    expect(await page.getByRole("link", { name: "Enter the language you are interpreting from" }).count()).toBe(1);
    expect(await page.getByLabel("Interpreting from another language").isChecked()).toBe(true);
    expect(await page.getByLabel("Polski").isChecked()).toBe(true);

    await page.getByLabel("The person I am helping has agreed to answer, with my help").check();
    await page.getByLabel("Which language are you interpreting from?").fill("Polish");
    await supporter.navigate(() => page.getByRole("button", { name: "Start the survey" }).click());
    expect(new URL(page.url()).pathname).toMatch(/^\/surveys\/young-people\/questions\//);
    expect(await page.locator("html").getAttribute("lang")).toBe("pl");

    // The young person's answers, on the pages any respondent sees, in Polish.
    for (let step = 0; step < 20 && (await heading(supporter)) !== "Sprawdź swoje odpowiedzi"; step++) {
      if ((await page.getByRole("radio").count()) > 0) await page.getByRole("radio").first().check();
      if ((await page.getByRole("textbox").count()) > 0) await page.getByRole("textbox").first().fill("Chcę więcej pomocy z matematyki.");
      await supporter.navigate(() => page.getByRole("button", { name: "Dalej" }).click());
    }
    expect(await heading(supporter)).toBe("Sprawdź swoje odpowiedzi");
    await supporter.navigate(() => page.getByRole("button", { name: "Dalej" }).click());
    await page.getByLabel("Nie, nie zgadzam się na cytowanie moich słów").check();
    await supporter.navigate(() => page.getByRole("button", { name: "Wyślij moje odpowiedzi" }).click());
    expect(await heading(supporter)).toBe("Dziękujemy, Twoje odpowiedzi zostały wysłane");
    const shown = (await page.locator(".app-reference").textContent()) ?? "";
    const reference = shown.replaceAll("-", "");

    const [stored] = server.query<{ id: number; lang: string; support_kind: string; support_language: string; audience: string }>(
      "select id, lang, support_kind, support_language, audience from responses where reference = ?",
      reference,
    );
    expect(stored).toMatchObject({ lang: "pl", support_kind: "interpreting", support_language: "Polish", audience: "young_person" });

    // The slip: a page of its own, the reference in large type, and nothing but it when printed.
    await supporter.navigate(() => page.getByRole("link", { name: "Wydrukuj kartkę z numerem referencyjnym" }).click());
    expect(await heading(supporter)).toBe("Twoja kartka z numerem referencyjnym");
    expect(await page.locator(".app-slip .app-reference").textContent()).toBe(shown);
    // With JavaScript off the print button stays hidden: the browser's own Print does the job.
    expect(await page.getByRole("button", { name: "Wydrukuj tę kartkę" }).count()).toBe(0);
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".app-slip").isVisible()).toBe(true);
    expect(await page.locator(".app-staff-bar").isVisible()).toBe(false);
    expect(await page.locator(".govuk-back-link").isVisible()).toBe(false);
    await supporter.screenshot("supporter-reference-slip-print");
    await page.emulateMedia({ media: "screen" });

    // Going back to a question of the sent answers opens nothing of them.
    await supporter.goto(`${server.url}/surveys/young-people/check`);
    expect(new URL(page.url()).pathname).toBe("/surveys/young-people/confirmation");
    expect(await page.getByText("Chcę więcej pomocy z matematyki.").count()).toBe(0);
    // Nor can a supporter open any response.
    const forbidden = await supporter.goto(`${server.url}/moderate/responses/${stored.id}`);
    expect(forbidden?.status()).toBe(403);
    await supporter.close();

    // A moderator sees how it was helped, and can find it by the kind of help.
    const moderator = await Visitor.open(running.browser, { javaScriptEnabled: false });
    await signIn(moderator, "moderator@example.org", "demo moderator password", "/moderate?support=interpreting");
    expect(await moderator.page.locator(`a[href^="/moderate/responses/${stored.id}"]`).count()).toBeGreaterThan(0);
    await moderator.goto(`${server.url}/moderate/responses/${stored.id}`);
    expect(await moderator.page.getByText("Supported: interpreting from Polish").count()).toBe(1);
    await moderator.close();
  });
});
