import { withServerAndBrowser, Visitor } from "../support/browser";

const running = withServerAndBrowser();

describe("the public 'You said, we did' pages", () => {
  for (const javaScriptEnabled of [true, false]) {
    it(`work from overview to theme to action and back with JavaScript ${javaScriptEnabled ? "on" : "off"}`, async () => {
      const visitor = await Visitor.open(running.browser, { javaScriptEnabled });
      const { page } = visitor;
      await visitor.goto(`${running.server.url}/you-said-we-did?period=2025-26`);

      // The charts are SVG with a text alternative, and the same figures are in a table beside them.
      const chart = page.getByRole("img", { name: /How many responses raised each theme/ });
      expect(await chart.count()).toBe(1);
      const table = page.getByRole("table", { name: /How many responses raised each theme/ });
      const firstRow = table.getByRole("row").nth(1);
      const [theme, figure] = [await firstRow.getByRole("rowheader").textContent(), await firstRow.getByRole("cell").textContent()];
      expect(await chart.locator("desc").textContent()).toContain(`${theme}: ${figure}`);

      // Filters are a GET form: the address can be shared.
      await page.getByLabel("Search").fill("transport");
      await visitor.navigate(() => page.getByRole("button", { name: "Show" }).click());
      expect(page.url()).toContain("q=transport");
      expect(await page.getByRole("heading", { level: 2, name: "Home-to-school transport" }).count()).toBe(1);

      await visitor.navigate(() => page.getByRole("heading", { level: 2, name: "Home-to-school transport" }).getByRole("link").click());
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Home-to-school transport");
      await visitor.navigate(() => page.getByRole("link", { name: "Same-week transport changes for children with EHC plans" }).click());
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Same-week transport changes for children with EHC plans");
      expect(await page.getByText("Why it was not possible").count()).toBe(1);
      expect(await page.getByRole("heading", { level: 2, name: "History" }).count()).toBe(1);
      await visitor.navigate(() => page.getByRole("link", { name: "Home-to-school transport" }).click());
      await visitor.navigate(() => page.getByRole("link", { name: "Back" }).click());
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("You said, we did");
      await visitor.close();
    });
  }

  it("print the annual report with contents, each theme on its own page", async () => {
    const visitor = await Visitor.open(running.browser);
    const { page } = visitor;
    await visitor.goto(`${running.server.url}/you-said-we-did?period=2025-26`);
    await visitor.navigate(() => page.getByRole("link", { name: "Printable report for this period" }).click());
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("You said, we did: report for 2025–26");
    const contents = page.getByRole("navigation", { name: "Contents" }).getByRole("listitem");
    expect(await contents.count()).toBeGreaterThanOrEqual(4);

    await page.emulateMedia({ media: "print" });
    await visitor.audit();
    // In print the site's navigation and the back link go; each theme section starts a new page.
    expect(
      await page
        .locator("header.app-header, .govuk-footer, .govuk-back-link")
        .evaluateAll((nodes) => nodes.filter((node) => getComputedStyle(node).display !== "none").length),
    ).toBe(0);
    expect(
      await page
        .locator(".app-ysd-section")
        .first()
        .evaluate((node) => getComputedStyle(node).breakBefore),
    ).toBe("page");
    const pdf = await page.pdf({ format: "A4" });
    const pages = pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    expect(pages).toBeGreaterThanOrEqual(2 + (await page.locator(".app-ysd-section").count()));
    await visitor.screenshot("annual-report-print");
    await visitor.close();
  });
});
