import { Visitor, withServerAndBrowser } from "../support/browser";
import { passSecondFactor } from "../support/second-factor";

const running = withServerAndBrowser();

async function signIn(visitor: Visitor, path: string) {
  await visitor.goto(`${running.server.url}${path}`);
  await visitor.page.getByLabel("Email address").fill("admin@example.org");
  await visitor.page.getByLabel("Password").fill("demo admin password");
  await visitor.navigate(() => visitor.page.keyboard.press("Enter"));
  await passSecondFactor(visitor, running.server, "admin@example.org");
}

/** The figure under a headline on the dashboard, as a number. */
async function keyFigure(visitor: Visitor, name: string) {
  const text = await visitor.page
    .locator(".app-overview__item", { has: visitor.page.getByText(name, { exact: true }) })
    .locator(".app-overview__figure")
    .textContent();
  return Number(text?.replace(/[^0-9]/g, ""));
}

/** What the demo database holds for the current period (autumn 2026), counted without the dashboard. */
function receivedInAutumn(audience?: string) {
  const [row] = running.server.query<{ n: number }>(
    `select count(*) as n from responses where flagged = 0 and submitted_at >= '2026-09-01' and submitted_at < '2027-01-01'${audience ? " and audience = ?" : ""}`,
    ...(audience ? [audience] : []),
  );
  return row.n;
}

describe("the insight dashboard", () => {
  it("shows the period's figures at 1280 px, and its filter form works with JavaScript off", async () => {
    const admin = await Visitor.open(running.browser, { javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    const { page } = admin;
    await signIn(admin, "/moderate/insight");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Insight");
    expect(await page.getByRole("combobox", { name: "Period" }).locator("option:checked").textContent()).toBe("Autumn 2026");
    expect(await keyFigure(admin, "Responses received")).toBe(receivedInAutumn());
    // Every chart has its figures in a table too.
    expect(await page.locator("figure.app-chart").count()).toBeGreaterThanOrEqual(5);
    for (const figure of await page.locator("figure.app-chart").all()) expect(await figure.locator("table").count()).toBe(1);

    await page.getByLabel("Who answered", { exact: true }).selectOption({ label: "Young people" });
    await page.getByLabel("Week").check();
    await admin.navigate(() => page.getByRole("button", { name: "Show figures" }).click());
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ period: "autumn-2026", audience: "young_person", by: "week" });
    expect(await page.getByLabel("Who answered", { exact: true }).locator("option:checked").textContent()).toBe("Young people");
    expect(await keyFigure(admin, "Responses received")).toBe(receivedInAutumn("young_person"));
    expect(await page.getByRole("table", { name: "Responses received each week" }).count()).toBe(1);

    // A value it does not know is ignored, never an error.
    const odd = await admin.goto(`${running.server.url}/moderate/insight?period=nope&by=fortnight&audience=teachers`);
    expect(odd?.status()).toBe(200);
    expect(await keyFigure(admin, "Responses received")).toBe(receivedInAutumn());
    await admin.close();
  });

  it("works at 320 px, and its chart words keep the system's text colour in forced-colours mode", async () => {
    const admin = await Visitor.open(running.browser, { viewport: { width: 320, height: 640 } });
    const { page } = admin;
    await signIn(admin, "/moderate/insight");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Insight");
    // On a phone the drawings give way to the tables, which scroll inside the page rather than widening it.
    expect(await page.locator(".app-chart__svg").first().isVisible()).toBe(false);
    expect(await page.getByRole("table", { name: "Responses received each month" }).isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ forcedColors: "active", colorScheme: "dark" });
    const colours = await page.evaluate(() => {
      const probe = document.createElement("span");
      probe.style.color = "CanvasText";
      document.body.append(probe);
      return {
        canvasText: getComputedStyle(probe).color,
        labels: [...document.querySelectorAll(".app-chart__label, .app-chart__value, .app-insight-axis")].map((text) => getComputedStyle(text).fill),
      };
    });
    expect(colours.labels.length).toBeGreaterThan(10);
    expect(new Set(colours.labels)).toEqual(new Set([colours.canvasText]));
    await admin.close();
  });
});
