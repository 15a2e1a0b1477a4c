import { withServerAndBrowser, Visitor } from "../support/browser";

const running = withServerAndBrowser();

const continueButton = (visitor: Visitor, name = "Continue") => visitor.navigate(() => visitor.page.getByRole("button", { name, exact: true }).click());

describe("a young person deleting their answers, with JavaScript switched off", () => {
  it("saves part way, comes back with the code, sends, and later deletes the answers with reference and code", async () => {
    const visitor = await Visitor.open(running.browser, { javaScriptEnabled: false, viewport: { width: 375, height: 740 } });
    const { page } = visitor;
    const url = running.server.url;

    await visitor.goto(`${url}/surveys/young-people`);
    await continueButton(visitor, "Start now");
    await page.getByLabel("Good", { exact: true }).check();
    await continueButton(visitor, "Save and come back later");
    const code = (await page.locator(".app-reference").textContent()) ?? "";
    expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);

    // Back another day, with the code: it is spent on the way in, and still proves the answers are theirs.
    await visitor.goto(`${url}/resume`);
    await page.getByLabel("Continue a saved survey").fill(code);
    await continueButton(visitor);
    for (const face of ["Really good", "OK", "Bad", "Good"]) {
      await page.getByLabel(face, { exact: true }).check();
      await continueButton(visitor);
    }
    await page.getByLabel("Yes", { exact: true }).check();
    await continueButton(visitor);
    await page.getByRole("textbox").fill("Snowdrift the bus to college is always late.");
    await continueButton(visitor);
    await continueButton(visitor);
    await page.getByLabel("14 or 15").check();
    await continueButton(visitor);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Check your answers");
    await continueButton(visitor);
    await page.getByLabel("No, do not quote my words").check();
    await continueButton(visitor, "Send my answers");
    const reference = (await page.locator(".app-reference").textContent()) ?? "";
    expect(running.server.query("select id from responses where reference = ?", reference.replaceAll("-", ""))).toHaveLength(1);

    // Later: what happened to my answers, and from there, ask for them to be deleted.
    await visitor.goto(`${url}/my-feedback`);
    await page.getByLabel("Your reference").fill(reference);
    await continueButton(visitor, "Show me");
    await continueButton(visitor, "Ask for these answers to be deleted");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Ask for your answers to be deleted");
    expect(await page.getByLabel("Your reference").inputValue()).toBe(reference);

    // A mistyped code: the GOV.UK error pattern, and nothing typed is lost.
    await page.getByLabel("Your code from saving your answers (if you have one)").fill("2222-2222-2222");
    const wrong = await continueButton(visitor);
    expect(wrong?.status()).toBe(400);
    expect(await page.title()).toBe("Error: Ask for your answers to be deleted – You said, we did");
    expect(await page.locator(".govuk-error-summary").getByRole("link").textContent()).toContain("That code does not go with this reference");
    expect(await page.getByLabel("Your reference").inputValue()).toBe(reference);

    await page.getByLabel("Your code from saving your answers (if you have one)").fill(code.toLowerCase());
    await continueButton(visitor);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Are you sure you want to delete your answers?");
    expect(await page.getByText("This cannot be undone.").count()).toBe(1);
    expect(await page.getByRole("heading", { name: "What we keep" }).count()).toBe(1);
    // Nothing has gone until they say yes.
    const [{ n }] = running.server.query<{ n: number }>(
      "select count(*) as n from answers a join responses r on r.id = a.response_id where r.reference = ?",
      reference.replaceAll("-", ""),
    );
    expect(n).toBeGreaterThan(5);

    await continueButton(visitor, "Yes, delete my answers");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Your answers have been deleted");
    expect(await page.getByText(`Your ${n} answers.`).count()).toBe(1);
    expect(running.server.query("select id from responses where reference = ?", reference.replaceAll("-", ""))).toEqual([]);
    expect(running.server.query("select count(*) as n from answers where text like '%Snowdrift%'")).toEqual([{ n: 0 }]);

    await visitor.goto(`${url}/my-feedback`);
    await page.getByLabel("Your reference").fill(reference);
    await continueButton(visitor, "Show me");
    expect(await page.getByText("The answers with this reference were deleted on").count()).toBe(1);
    await visitor.close();
  });

  it("asks with the reference only, is told a moderator checks it first and how long that takes, and a moderator deletes it", async () => {
    const visitor = await Visitor.open(running.browser, { javaScriptEnabled: false });
    const { page } = visitor;
    const [{ reference }] = running.server.query<{ reference: string }>("select reference from responses where flagged = 0 order by id limit 1");

    await visitor.goto(`${running.server.url}/my-feedback/delete`);
    await page.getByLabel("Your reference").fill(reference.toLowerCase());
    await continueButton(visitor);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Do you want to ask for your answers to be deleted?");
    await continueButton(visitor, "Send my request");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("We have your request");
    expect(await page.getByText("always within one month").count()).toBe(1);
    expect(
      running.server.query("select e.state, e.verified from erasure_requests e join responses r on r.id = e.response_id where r.reference = ?", reference),
    ).toEqual([{ state: "waiting", verified: 0 }]);
    await visitor.close();

    // A moderator finds it in the staff navigation, checks it and deletes the answers.
    const moderator = await Visitor.open(running.browser, { javaScriptEnabled: false });
    const staff = moderator.page;
    await moderator.goto(`${running.server.url}/moderate`);
    await staff.getByLabel("Email address").fill("moderator@example.org");
    await staff.getByLabel("Password").fill("demo moderator password");
    await moderator.navigate(() => staff.getByLabel("Password").press("Enter"));
    await moderator.navigate(() => staff.getByRole("link", { name: "Deletion requests" }).click());
    const formatted = reference.match(/.{4}/g)!.join("-");
    const row = staff.getByRole("row").filter({ hasText: formatted });
    await moderator.navigate(() => row.getByRole("link", { name: "Check and decide" }).click());
    expect(await staff.getByRole("heading", { level: 1 }).textContent()).toBe(`Delete response ${formatted}`);
    expect(await staff.getByLabel("Why are you deleting it?").inputValue()).toBe("The person asked for it, with their reference.");
    await moderator.navigate(() => staff.getByRole("button", { name: "Delete this response" }).click());
    expect(await staff.getByText("The response was deleted.").count()).toBe(1);
    expect(running.server.query("select id from responses where reference = ?", reference)).toEqual([]);
    await moderator.close();
  });
});
