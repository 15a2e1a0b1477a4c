import fs from "node:fs";
import { Visitor, withServerAndBrowser } from "../support/browser";

const running = withServerAndBrowser();

describe("exports", () => {
  it("let a moderator choose a survey and download its responses as CSV with JavaScript off, at 1280 and 320 pixels wide", async () => {
    const moderator = await Visitor.open(running.browser, { javaScriptEnabled: false, viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const { page } = moderator;
    await moderator.goto(`${running.server.url}/moderate/exports`);
    await page.getByLabel("Email address").fill("moderator@example.org");
    await page.getByLabel("Password").fill("demo moderator password");
    await moderator.navigate(() => page.keyboard.press("Enter"));
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Export responses");
    // Only safeguarding leads and administrators are offered held responses.
    expect(await page.getByLabel("Include responses held for safeguarding").count()).toBe(0);

    // Nothing chosen: the problem is named, at its field.
    await moderator.navigate(() => page.getByRole("button", { name: "Continue" }).click());
    expect(await page.title()).toMatch(/^Error: Export responses/);
    expect(await page.getByRole("alert").getByRole("link").allTextContents()).toEqual(["Choose a survey"]);

    await page.getByLabel("Survey", { exact: true }).selectOption({ label: "Parents and carers: SEND services in our area" });
    await page.getByLabel("CSV", { exact: true }).check();
    await moderator.navigate(() => page.getByRole("button", { name: "Continue" }).click());
    expect(await page.getByRole("heading", { name: "Your export" }).count()).toBe(1);
    expect(await page.getByText(/^\d[\d,]* responses?$/).count()).toBe(1);

    await page.setViewportSize({ width: 320, height: 640 });
    await moderator.audit();

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download CSV file" }).click()]);
    expect(download.suggestedFilename()).toBe("parents-and-carers-responses-all.csv");
    const file = fs.readFileSync((await download.path()) as string, "utf8");
    const header = file.replace(/^\uFEFF/, "").split("\r\n")[0];
    expect(header.startsWith("Reference,Sent at (UTC),Survey version,Language,Who answered,Status,Who helped,Agreed to be quoted,Themes,")).toBe(true);
    expect(header).toContain("Which of these has your child waited too long for in the last year?: Child and adolescent mental health services (CAMHS)");
    expect(file.split("\r\n").length).toBeGreaterThan(2);
    await moderator.close();
  });
});
