import { Visitor, withServerAndBrowser } from "../support/browser";
import { passSecondFactor } from "../support/second-factor";

const running = withServerAndBrowser();

describe("periods", () => {
  it("are added, named in other languages and deleted through GOV.UK forms with JavaScript off", async () => {
    const admin = await Visitor.open(running.browser, { javaScriptEnabled: false });
    const { page } = admin;
    await admin.goto(`${running.server.url}/admin/periods`);
    await page.getByLabel("Email address").fill("admin@example.org");
    await page.getByLabel("Password").fill("demo admin password");
    await admin.navigate(() => page.keyboard.press("Enter"));
    await passSecondFactor(admin, running.server, "admin@example.org");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Periods");

    const date = async (legend: string, day: string, month: string, year: string) => {
      const group = page.getByRole("group", { name: legend });
      await group.getByLabel("Day").fill(day);
      await group.getByLabel("Month").fill(month);
      await group.getByLabel("Year").fill(year);
    };
    await page.getByLabel("Name in English").fill("Spring 2027");
    await page.getByLabel("Short name for web addresses").fill("spring-2027");
    await date("Start date", "1", "", "2027");
    await date("End date", "30", "6", "2027");
    await admin.navigate(() => page.getByRole("button", { name: "Add period" }).click());
    expect(await page.title()).toMatch(/^Error: /);
    const problems = page.getByRole("alert").getByRole("link");
    expect(await problems.allTextContents()).toEqual(["Start date must include a month"]);
    // What was typed is still there.
    expect(await page.getByLabel("Name in English").inputValue()).toBe("Spring 2027");
    expect(await page.getByRole("group", { name: "Start date" }).getByLabel("Year").inputValue()).toBe("2027");

    await page.getByRole("group", { name: "Start date" }).getByLabel("Month").fill("3");
    await admin.navigate(() => page.getByRole("button", { name: "Add period" }).click());
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Change “Spring 2027”");
    expect(await page.getByText("Not public yet").count()).toBe(1);
    expect(await page.getByText("Not named yet in 11 of 11 languages").count()).toBe(1);

    const polish = page.getByLabel("Name in Polish");
    expect(await polish.getAttribute("lang")).toBe("pl");
    await polish.fill("Wiosna 2027");
    await admin.navigate(() => page.getByRole("button", { name: "Save period" }).click());
    expect(await page.getByText("Period saved.").count()).toBe(1);
    expect(await page.getByText("Not named yet in 10 of 11 languages").count()).toBe(1);

    // Stretching it back into the autumn is refused, naming the period it would overlap.
    await date("Start date", "1", "12", "2026");
    await admin.navigate(() => page.getByRole("button", { name: "Save period" }).click());
    expect(
      await page
        .getByRole("alert")
        .getByRole("link", { name: /overlap “Autumn 2026”/ })
        .count(),
    ).toBe(1);

    await admin.navigate(() => page.getByRole("button", { name: "Delete this period" }).click());
    expect(await page.getByText("Period deleted.").count()).toBe(1);

    // A period with published statements can only be closed.
    await admin.navigate(() => page.getByRole("link", { name: "2025–26" }).click());
    await admin.navigate(() => page.getByRole("button", { name: "Delete this period" }).click());
    expect(
      await page
        .getByRole("alert")
        .getByRole("link", { name: /Close it instead/ })
        .count(),
    ).toBe(1);
    await admin.close();
  });

  it("show the reader's own name for a period on the public page", async () => {
    const visitor = await Visitor.open(running.browser);
    await visitor.goto(`${running.server.url}/you-said-we-did?period=autumn-2026&lng=pl`);
    expect(await visitor.page.getByRole("heading", { level: 2, name: "Podsumowanie: Jesień 2026" }).count()).toBe(1);
    expect(await visitor.page.getByRole("combobox", { name: "Okres" }).locator("option:checked").textContent()).toBe("Jesień 2026");
    await visitor.close();
  });
});
