import { Visitor, withServerAndBrowser } from "../support/browser";
import { passSecondFactor } from "../support/second-factor";

const running = withServerAndBrowser();

describe("retention, backups and the privacy notice", () => {
  it("an administrator sets them up with JavaScript off, and the public notice follows", async () => {
    const admin = await Visitor.open(running.browser, { javaScriptEnabled: false });
    const { page } = admin;
    await admin.goto(`${running.server.url}/admin`);
    await page.getByLabel("Email address").fill("admin@example.org");
    await page.getByLabel("Password").fill("demo admin password");
    await admin.navigate(() => page.keyboard.press("Enter"));
    await passSecondFactor(admin, running.server, "admin@example.org");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Administration");

    await admin.navigate(() => page.getByRole("main").getByRole("link", { name: "Settings" }).click());
    const prompt = page.getByRole("region", { name: "Important" });
    expect(await prompt.getByRole("link").allTextContents()).toEqual(["Data controller", "Data protection officer’s contact details", "Lawful basis"]);
    await page.getByLabel("Data controller").fill("Northmoor Borough Council");
    await page.getByLabel("Data protection officer’s contact details").fill("dpo@northmoor.example");
    await page.getByLabel("Public task (Article 6(1)(e))").check();
    await page.getByLabel("Take a backup every night").check();
    await admin.navigate(() => page.getByRole("button", { name: "Save settings" }).click());
    expect(await page.getByRole("status").textContent()).toBe("Settings saved.");
    expect(await page.getByRole("region", { name: "Important" }).count()).toBe(0);
    expect(await page.getByLabel("Take a backup every night").isChecked()).toBe(true);

    await admin.navigate(() => page.getByRole("link", { name: "Retention periods, and what the nightly purge would delete" }).click());
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Retention and deletion");
    await page.getByLabel("Free-text answers, in months").fill("2");
    await admin.navigate(() => page.getByRole("button", { name: "Save retention periods" }).click());
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.getByRole("alert").getByRole("link").allTextContents()).toEqual(["Enter a whole number of months from 3 to 120"]);
    expect(await page.getByLabel("Free-text answers, in months").inputValue()).toBe("2");
    await page.getByLabel("Free-text answers, in months").fill("18");
    await admin.navigate(() => page.getByRole("button", { name: "Save retention periods" }).click());
    expect(await page.getByRole("status").textContent()).toBe("Retention periods saved. The privacy notice now shows them.");

    await admin.navigate(() => page.getByRole("button", { name: "Check now" }).click());
    const dryRun = page.getByRole("table", { name: /^If the purge ran at / });
    expect(await dryRun.getByRole("rowheader").allTextContents()).toContain("Free-text answers whose words are removed");
    await admin.close();

    const reader = await Visitor.open(running.browser, { javaScriptEnabled: false });
    await reader.goto(`${running.server.url}/privacy`);
    const notice = reader.page.getByRole("main");
    expect(
      await notice
        .getByText("The data controller, the organisation responsible for your information under data protection law, is Northmoor Borough Council.")
        .count(),
    ).toBe(1);
    expect(await notice.getByText("Kept for 18 months after you sent it, then removed").count()).toBe(1);
    expect(await notice.getByText("Each kept for 7 days, then replaced by a newer one").count()).toBe(1);
    await reader.navigate(() => notice.getByRole("link", { name: "Ask us to delete your answers" }).click());
    expect(new URL(reader.page.url()).pathname).toBe("/my-feedback");

    await reader.goto(`${running.server.url}/privacy?lng=ar`);
    expect(await reader.page.locator("html").getAttribute("dir")).toBe("rtl");
    expect(await reader.page.getByText("Northmoor Borough Council").count()).toBe(1);
    await reader.close();
  });
});
