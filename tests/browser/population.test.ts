import path from "node:path";
import { repoRoot } from "../setup/paths";
import { Visitor, withServerAndBrowser } from "../support/browser";
import { passSecondFactor } from "../support/second-factor";

const running = withServerAndBrowser();
const fixture = (name: string) => path.join(repoRoot, "tests/fixtures/dfe", name);

async function signIn(admin: Visitor, url: string) {
  const { page } = admin;
  await admin.goto(url);
  await page.getByLabel("Email address").fill("admin@example.org");
  await page.getByLabel("Password").fill("demo admin password");
  await admin.navigate(() => page.keyboard.press("Enter"));
  await passSecondFactor(admin, running.server, "admin@example.org");
}

describe("who we are not hearing from", () => {
  it("takes the DfE file with JavaScript off, refusing bad rows by line, and compares the demo responses with the chosen local authority", async () => {
    const admin = await Visitor.open(running.browser, { javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    const { page } = admin;
    await signIn(admin, `${running.server.url}/admin/population`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Local population");

    await page.getByLabel("Period", { exact: true }).selectOption({ label: "Autumn 2026" });
    await page.getByLabel("CSV file").setInputFiles(fixture("sen-excerpt-broken.csv"));
    await admin.navigate(() => page.getByRole("button", { name: "Upload and continue" }).click());
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.getByRole("alert").getByRole("link").allTextContents()).toEqual([
      "The file cannot be used. Fix the problems listed and upload it again. Nothing was saved.",
    ]);
    const problems = await page.locator("#file-problems li").allTextContents();
    expect(problems.map((problem) => problem.split(":")[0])).toEqual(["Line 12", "Line 15", "Line 18", "Line 20", "Line 23", "Line 26"]);
    // The period chosen is kept.
    expect(await page.getByLabel("Period", { exact: true }).locator("option:checked").textContent()).toBe("Autumn 2026");

    await page.getByLabel("CSV file").setInputFiles(fixture("sen-excerpt.csv"));
    await admin.navigate(() => page.getByRole("button", { name: "Upload and continue" }).click());
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Choose your local authority");
    expect(await page.getByLabel("Local authority").locator("option").allTextContents()).toEqual([
      "Choose a local authority",
      "Bristol, City of",
      "Peterborough",
      "Thurrock",
      "Tower Hamlets",
    ]);
    await page.getByLabel("Local authority").selectOption("Tower Hamlets");
    expect(await page.getByLabel("Census year").locator("option:checked").textContent()).toBe("2025/26");
    await admin.navigate(() => page.getByRole("button", { name: "Save population" }).click());

    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Local population for Autumn 2026");
    expect(await page.getByRole("status").textContent()).toBe("Population saved.");
    expect(await page.getByText("Figures for Tower Hamlets").count()).toBe(1);
    expect(await page.getByRole("heading", { level: 2, name: "Who we are not hearing from" }).count()).toBe(1);
    const ethnicity = page.getByRole("table", { name: /^Ethnicity: respondents to/ });
    expect(await ethnicity.getByRole("columnheader").allTextContents()).toEqual([
      "Group",
      "Respondents",
      "Share of respondents (95% interval)",
      "Local population",
      "Respondents if in line",
      "Compared with the population",
    ]);
    expect(await ethnicity.getByRole("rowheader").allTextContents()).toEqual([
      "Asian or Asian British",
      "Black, Black British, Caribbean or African",
      "Mixed or multiple ethnic groups",
      "White",
      "Another ethnic group",
    ]);
    // Tower Hamlets: 5,533 of 9,758 pupils with SEN in a classified ethnic group are Asian.
    const asian = ethnicity.getByRole("row", { name: /^Asian or Asian British/ });
    expect(await asian.getByRole("cell").nth(2).textContent()).toBe("5,533 of 9,758 (56.7%)");
    const judgements = await ethnicity.locator("tbody tr td:last-child").allTextContents();
    expect(judgements.every((judgement) => ["Under-represented", "In line", "Over-represented", "Too small to judge"].includes(judgement))).toBe(true);

    // Only young people: the parents' questions have no answers then.
    await page.getByLabel("Who answered").selectOption({ label: "Young people" });
    await admin.navigate(() => page.getByRole("button", { name: "Show" }).click());
    expect(new URL(page.url()).searchParams.get("audience")).toBe("young_person");
    expect(
      await page
        .getByRole("table", { name: /^Ethnicity/ })
        .locator("tbody td:last-child")
        .allTextContents(),
    ).toEqual(Array(5).fill("Too small to judge"));

    await admin.navigate(() => page.getByRole("link", { name: "Back to local population" }).click());
    expect(
      await page
        .getByRole("row", { name: /Autumn 2026/ })
        .getByRole("cell")
        .first()
        .textContent(),
    ).toBe("Tower Hamlets");
    await admin.close();
  });

  it("shows the comparison on a 320 px screen without the page scrolling sideways", async () => {
    const admin = await Visitor.open(running.browser, { viewport: { width: 320, height: 640 } });
    const { page } = admin;
    await signIn(admin, `${running.server.url}/admin/population`);
    await admin.navigate(() => page.getByRole("link", { name: "Autumn 2026" }).click());
    expect(await page.getByRole("heading", { level: 2, name: "Who we are not hearing from" }).count()).toBe(1);
    expect(await page.getByRole("region", { name: /^Ethnicity: respondents to/ }).count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await admin.navigate(() => page.getByRole("link", { name: "Back to local population" }).click());
    await admin.navigate(() => page.getByRole("link", { name: "Choose which survey questions are compared" }).click());
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Questions compared with the population");
    expect(await page.getByLabel("What is your child’s ethnic group?").locator("option:checked").textContent()).toBe("Ethnicity");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await admin.close();
  });
});
