import { withServerAndBrowser, Visitor } from "../support/browser";

const running = withServerAndBrowser();

describe("pages anyone can open", () => {
  it("are accessible, in English with lang and dir set, and link the journey together", async () => {
    const visitor = await Visitor.open(running.browser);
    const { page } = visitor;
    await visitor.goto(`${running.server.url}/`);
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.locator("html").getAttribute("dir")).toBe("ltr");
    await expect.poll(() => page.title()).toBe("Tell us about SEND services in your area – You said, we did");

    await visitor.navigate(() => page.getByRole("link", { name: "See the surveys" }).click());
    await visitor.navigate(() => page.getByRole("link", { name: "Young people: your views" }).click());
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Young people: your views");
    expect(await page.getByText("0800 1111").count()).toBeGreaterThan(0);
    expect(await page.getByText("If you tell us that you or someone else is not safe").count()).toBe(1);

    await visitor.navigate(() => page.getByRole("link", { name: "Read our privacy notice" }).click());
    expect(await page.getByText("Northmoor Council and Northmoor Parent Carer Forum runs this portal").count()).toBe(1);

    await visitor.navigate(() => page.getByRole("link", { name: "Accessibility statement" }).click());
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Accessibility statement");

    await visitor.navigate(() => page.getByRole("navigation").getByRole("link", { name: "You said, we did" }).click());
    expect(await page.getByRole("heading", { level: 2, name: /at a glance$/ }).count()).toBe(1);
    await page.getByLabel("Period").selectOption("2025-26");
    await visitor.navigate(() => page.getByRole("button", { name: "Show" }).click());
    expect(await page.getByRole("heading", { level: 2, name: "Communication and case-worker contact" }).count()).toBe(1);
    await page.getByLabel("What happened").selectOption("not_possible");
    await visitor.navigate(() => page.getByRole("button", { name: "Show" }).click());
    expect(await page.getByText("Why it was not possible").count()).toBe(1);

    await visitor.navigate(() => page.getByRole("link", { name: "Continue a saved survey" }).first().click());
    expect(await page.getByLabel("Continue a saved survey").count()).toBe(1);
    await visitor.close();
  });

  it("answer an unknown address with a 404 page in the person's language", async () => {
    const visitor = await Visitor.open(running.browser);
    const response = await visitor.goto(`${running.server.url}/no-such-page`);
    expect(response?.status()).toBe(404);
    expect(await visitor.page.getByRole("heading", { level: 1 }).textContent()).toBe("Page not found");
    const survey = await visitor.goto(`${running.server.url}/surveys/no-such-survey`);
    expect(survey?.status()).toBe(404);
    expect(await visitor.page.title()).toBe("We cannot find that survey – You said, we did");
    await visitor.close();
  });

  it("send the security headers and no JavaScript on survey pages but Listen", async () => {
    const response = await fetch(`${running.server.url}/surveys/parents-and-carers`, { headers: { "Accept-Encoding": "gzip" } });
    const csp = response.headers.get("Content-Security-Policy") ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("Referrer-Policy")).toBe("strict-origin-when-cross-origin");
    expect(response.headers.get("Content-Encoding")).toBe("gzip");
    // The one script is Listen (decision 009): no framework, nothing that hydrates the page.
    const scripts = (await response.text()).match(/<script[^>]*>/g) ?? [];
    expect(scripts).toHaveLength(1);
    expect(scripts[0]).toMatch(/src="\/listen\.js" nonce="[A-Za-z0-9+/=]+"/);
  });
});
