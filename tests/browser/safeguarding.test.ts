import { Visitor, withServerAndBrowser } from "../support/browser";
import { passSecondFactor } from "../support/second-factor";

const running = withServerAndBrowser();

describe("a disclosure reaches the safeguarding lead", () => {
  it("a young person writes that they are not safe; a lead sees the banner, opens it, hands it over and closes it", async () => {
    const { server } = running;
    const young = await Visitor.open(running.browser, { javaScriptEnabled: false, viewport: { width: 375, height: 740 } });
    let { page } = young;
    await young.goto(`${server.url}/surveys/young-people`);
    await young.navigate(() => page.getByRole("button", { name: "Start now" }).click());
    for (const face of ["Good", "Good", "OK", "Bad", "Good"]) {
      await page.getByLabel(face, { exact: true }).check();
      await young.navigate(() => page.getByRole("button", { name: "Continue" }).click());
    }
    await page.getByLabel("Yes", { exact: true }).check();
    await young.navigate(() => page.getByRole("button", { name: "Continue" }).click());
    // At the point of writing: where to get help now.
    const box = page.getByRole("textbox");
    expect(await box.getAttribute("aria-describedby")).toContain("answer-hint");
    expect(await page.locator("#answer-hint").textContent()).toContain("If you are not safe, tell someone now");
    await box.fill("i dont feel safe at home, my stepdad hits me when mum is out");
    await young.navigate(() => page.getByRole("button", { name: "Continue" }).click());
    await young.navigate(() => page.getByRole("button", { name: "Continue" }).click());
    await page.getByLabel("14 or 15").check();
    await young.navigate(() => page.getByRole("button", { name: "Continue" }).click());
    await young.navigate(() => page.getByRole("button", { name: "Continue" }).click());
    await page.getByLabel("No, do not quote my words").check();
    await young.navigate(() => page.getByRole("button", { name: "Send my answers" }).click());
    expect(await page.getByRole("heading", { name: "If you told us someone is not safe" }).count()).toBe(1);
    expect(await page.getByRole("link", { name: "116 123" }).getAttribute("href")).toBe("tel:116123");
    await young.screenshot("safeguarding-confirmation");
    const reference = (await page.locator(".app-reference").textContent()) ?? "";
    await young.close();

    const lead = await Visitor.open(running.browser);
    page = lead.page;
    await lead.goto(`${server.url}/moderate`);
    await page.getByLabel("Email address").fill("lead@example.org");
    await page.getByLabel("Password").fill("demo safeguarding password");
    await lead.navigate(() => page.keyboard.press("Enter"));
    await passSecondFactor(lead, running.server, "lead@example.org");
    const banner = page.getByRole("region", { name: "Safeguarding" });
    expect(await banner.textContent()).toMatch(/new possible safeguarding concerns? (is|are) waiting/);
    expect(
      await page
        .getByRole("navigation", { name: /staff/i })
        .getByRole("link", { name: /Safeguarding \(\d+ new\)/ })
        .count(),
    ).toBe(1);
    await lead.navigate(() => banner.getByRole("link", { name: "Read them now" }).click());
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Safeguarding concerns");
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: reference }) });
    expect(await row.textContent()).toContain("stepdad hits me");
    expect(await row.textContent()).toContain("Found automatically");
    await lead.screenshot("safeguarding-list");

    await lead.navigate(() => row.getByRole("link", { name: reference }).click());
    await lead.navigate(() => page.getByRole("button", { name: "I am looking at this" }).click());
    expect(await page.getByText("The other leads can see that you are looking at this concern.").count()).toBe(1);
    await page.getByLabel("Who was it passed to?").fill("Children's Services front door (MASH)");
    await page.getByRole("group", { name: "When was it passed on?" }).getByLabel("Day").fill("4");
    await page.getByRole("group", { name: "When was it passed on?" }).getByLabel("Month").fill("12");
    await page.getByRole("group", { name: "When was it passed on?" }).getByLabel("Year").fill("2026");
    await page.getByLabel("What was done?").fill("Phoned MASH; the school's DSL is seeing the young person today.");
    await lead.navigate(() => page.getByRole("button", { name: "Record handover" }).click());
    expect(await page.getByText("Handover recorded.").count()).toBe(1);
    await lead.screenshot("safeguarding-concern");
    await page.getByLabel("What was the outcome?").fill("Strategy meeting held; a social worker is allocated.");
    await lead.navigate(() => page.getByRole("button", { name: "Close concern" }).click());
    expect(await page.getByText("This concern is closed.").count()).toBe(1);

    const id = Number(new URL(page.url()).pathname.split("/").pop());
    const [stored] = server.query<{ state: string; decision: string; flagged: number }>(
      "select c.state, c.decision, r.flagged from safeguarding_concerns c join responses r on r.id = c.response_id where c.id = ?",
      id,
    );
    expect(stored).toEqual({ state: "closed", decision: "concern", flagged: 1 });
    // The lead tries a sentence against the phrase lists, then adds a phrase people in the area use.
    await lead.goto(`${server.url}/admin/safeguarding-phrases`);
    await page.getByLabel("Sentence to try").fill("my step dad does the sandbag thing on me");
    await lead.navigate(() => page.getByRole("button", { name: "Try it" }).click());
    expect(await page.locator("#try-result").textContent()).toContain("would not raise a possible concern");
    await page.getByLabel("What it is about").selectOption("physical_abuse");
    await page.getByLabel("Phrase").fill("sandbag thing");
    await lead.navigate(() => page.getByRole("button", { name: "Add phrase" }).click());
    expect(await page.getByRole("cell", { name: "sandbag thing", exact: true }).count()).toBe(1);
    await page.getByLabel("Sentence to try").fill("my step dad does the sandbag thing on me");
    await lead.navigate(() => page.getByRole("button", { name: "Try it" }).click());
    expect(await page.locator("#try-result").textContent()).toContain("Physical abuse");

    const views = server.query<{ n: number }>("select count(*) as n from audit_log where action = 'safeguarding.view' and after like ?", `%"concern":${id}%`);
    expect(views[0].n).toBeGreaterThanOrEqual(3);
    await lead.close();
  });
});
