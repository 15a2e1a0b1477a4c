import type { Locator, Page } from "playwright-core";
import { withServerAndBrowser, Visitor } from "../support/browser";

const running = withServerAndBrowser();

const isFocused = (locator: Locator) => locator.evaluate((element) => element === document.activeElement);

/** Presses Tab until the element has focus, as a keyboard user would. */
async function tabTo(page: Page, locator: Locator, limit = 80) {
  for (let i = 0; i < limit; i++) {
    if (await isFocused(locator)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`could not reach ${String(locator)} with the Tab key`);
}

/** Tabs into a radio group, then uses the arrow keys, as keyboard users do. */
async function chooseRadio(page: Page, label: string) {
  const target = page.getByLabel(label, { exact: true });
  await tabTo(page, page.getByRole("radio").first());
  await page.keyboard.press("Space");
  for (let i = 0; i < 12 && !(await isFocused(target)); i++) await page.keyboard.press("ArrowDown");
  expect(await target.isChecked()).toBe(true);
}

async function pressContinue(visitor: Visitor, name = "Continue") {
  const button = visitor.page.getByRole("button", { name, exact: true });
  await tabTo(visitor.page, button);
  return visitor.navigate(() => visitor.page.keyboard.press("Enter"));
}

type Step = { radio: string } | { checkboxes: string[] } | { text: string } | { skip: true };

const parentAnswers: [string, Step][] = [
  ["Which of these best describes the support your child or young person gets?", { radio: "They have an EHC plan" }],
  ["The EHC needs assessment was finished within 20 weeks.", { radio: "Disagree" }],
  ["My child’s EHC plan describes their needs and the help they get accurately.", { radio: "Don’t know" }],
  ["Has your child’s EHC plan been reviewed in the last 12 months?", { radio: "Yes" }],
  ["When I contact the SEND team, I get a reply and I know who is dealing with my child’s case.", { radio: "Strongly disagree" }],
  ["How easy is it to find information about SEND services on the Local Offer website?", { radio: "Hard" }],
  ["My child’s school, nursery or college understands their needs and gives them the right support.", { radio: "Agree" }],
  ["Which of these has your child waited too long for in the last year?", { checkboxes: ["Speech and language therapy", "Occupational therapy"] }],
  ["Has anyone talked with you and your child about preparing for adulthood?", { radio: "Not yet, my child is under 14" }],
  ["I feel my views are listened to when decisions are made about my child’s support.", { radio: "Disagree" }],
  ["Do you know of anything that has changed because of what parents and carers have said?", { skip: true }],
  ["What is working well for your child and family?", { text: "The speech therapist at school is brilliant." }],
  ["What one thing would make the biggest difference to your child and family?", { text: "Answering emails within a week." }],
  ["How old is your child or young person?", { radio: "5 to 10" }],
  ["Where does your child or young person learn?", { radio: "Mainstream school" }],
  ["What is your child’s ethnic group?", { radio: "Prefer not to say" }],
  ["What is the main language spoken at home?", { skip: true }],
];

describe("a parent using only the keyboard", () => {
  it("completes the parent survey, checks the answers and gets a reference", async () => {
    const visitor = await Visitor.open(running.browser);
    const { page } = visitor;
    await visitor.goto(`${running.server.url}/surveys/parents-and-carers`);
    await tabTo(page, page.getByRole("button", { name: "Start now" }));
    await visitor.navigate(() => page.keyboard.press("Enter"));

    for (const [index, [question, step]] of parentAnswers.entries()) {
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain(question);
      // The EHC plan questions appear once the first answer says there is a plan.
      const total = index === 0 ? parentAnswers.length - 3 : parentAnswers.length;
      expect(await page.getByText(`Question ${index + 1} of ${total}`).count()).toBe(1);
      if ("radio" in step) await chooseRadio(page, step.radio);
      if ("checkboxes" in step) {
        for (const label of step.checkboxes) {
          await tabTo(page, page.getByLabel(label));
          await page.keyboard.press("Space");
        }
      }
      if ("text" in step) {
        await tabTo(page, page.getByRole("textbox"));
        await page.keyboard.type(step.text);
      }
      await pressContinue(visitor);
    }

    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Check your answers");
    expect(await page.getByText("Speech and language therapy").count()).toBe(1);
    expect(await page.getByText("Answering emails within a week.").count()).toBe(1);
    await tabTo(page, page.getByRole("button", { name: "Continue" }));
    await visitor.navigate(() => page.keyboard.press("Enter"));

    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("May we quote your words?");
    await chooseRadio(page, "Yes, you may quote my words without anything that could identify me");
    await pressContinue(visitor, "Send my answers");

    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Thank you, your answers have been sent");
    const reference = (await page.locator(".app-reference").textContent()) ?? "";
    expect(reference).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);

    const [stored] = running.server.query<{ id: number; quote_consent: number }>(
      "select id, quote_consent from responses where reference = ?",
      reference.replaceAll("-", ""),
    );
    expect(stored.quote_consent).toBe(1);
    const answers = running.server.query<{ key: string; choice: string | null; text: string | null }>(
      "select q.key, a.choice, a.text from answers a join questions q on q.id = a.question_id where a.response_id = ? order by a.id",
      stored.id,
    );
    expect(answers).toHaveLength(16);
    expect(answers).toContainEqual({ key: "health-waits", choice: "occupational_therapy", text: null });
    expect(answers).toContainEqual({ key: "ethnicity", choice: "prefer_not_to_say", text: null });
    await visitor.close();
  });
});

describe("a young person with JavaScript switched off", () => {
  it("completes the youth survey with the smiley faces", async () => {
    const visitor = await Visitor.open(running.browser, { javaScriptEnabled: false, viewport: { width: 375, height: 740 } });
    const { page } = visitor;
    await visitor.goto(`${running.server.url}/surveys/young-people`);
    await visitor.navigate(() => page.getByRole("button", { name: "Start now" }).click());

    const faces = ["Good", "Really good", "OK", "Bad", "Good"];
    for (const face of faces) {
      expect(await page.getByText("Need to talk to someone?").count()).toBe(1);
      await page.getByLabel(face, { exact: true }).check();
      if (face === "OK") await visitor.screenshot("youth-smiley-scale");
      await visitor.navigate(() => page.getByRole("button", { name: "Continue" }).click());
    }
    await page.getByLabel("Yes", { exact: true }).check();
    await visitor.navigate(() => page.getByRole("button", { name: "Continue" }).click());
    await page.getByRole("textbox").fill("My teaching assistant helps me with maths.");
    await visitor.navigate(() => page.getByRole("button", { name: "Continue" }).click());
    await visitor.navigate(() => page.getByRole("button", { name: "Continue" }).click());
    await page.getByLabel("14 or 15").check();
    await visitor.navigate(() => page.getByRole("button", { name: "Continue" }).click());

    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Check your answers");
    await visitor.navigate(() => page.getByRole("button", { name: "Continue" }).click());
    await page.getByLabel("No, do not quote my words").check();
    await visitor.navigate(() => page.getByRole("button", { name: "Send my answers" }).click());
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Thank you, your answers have been sent");
    const reference = ((await page.locator(".app-reference").textContent()) ?? "").replaceAll("-", "");
    const rows = running.server.query<{ quote_consent: number }>("select quote_consent from responses where reference = ?", reference);
    expect(rows).toEqual([{ quote_consent: 0 }]);

    // Later, with the reference: which themes the answers counted under; never the words.
    await visitor.goto(`${running.server.url}/my-feedback`);
    await page.getByLabel("Your reference").fill(reference.toLowerCase());
    await visitor.navigate(() => page.getByRole("button", { name: "Show me" }).click());
    expect(await page.getByRole("heading", { name: "Your answers were counted under these themes" }).count()).toBe(1);
    expect(await page.getByText("SEN support in mainstream school").count()).toBe(1);
    expect(await page.getByText("My teaching assistant helps me with maths.").count()).toBe(0);
    await visitor.close();
  });
});

describe("a mistake, and putting it right", () => {
  it("shows the GOV.UK error pattern, focused, and keeps the other answers", async () => {
    const visitor = await Visitor.open(running.browser);
    const { page } = visitor;
    await visitor.goto(`${running.server.url}/surveys/young-people`);
    await visitor.navigate(() => page.getByRole("button", { name: "Start now" }).click());
    await page.getByLabel("Really good").check();
    await visitor.navigate(() => page.getByRole("button", { name: "Continue" }).click());

    const response = await visitor.navigate(() => page.getByRole("button", { name: "Continue" }).click());
    expect(response?.status()).toBe(200);
    await visitor.navigate(() => page.getByRole("button", { name: "Continue" }).click());
    // Question 3 is required: Continue without an answer.
    const failed = await visitor.navigate(() => page.getByRole("button", { name: "Continue" }).click());
    expect(failed?.status()).toBe(400);
    expect(await page.title()).toBe("Error: How well do adults listen to you when they plan your help? – You said, we did");
    const summary = page.locator(".govuk-error-summary");
    expect(await summary.getByRole("heading").textContent()).toBe("There is a problem");
    expect(await isFocused(summary)).toBe(true);
    expect(await page.locator("#answer-error").textContent()).toBe("Error: Select an answer");
    expect(await page.locator("fieldset").getAttribute("aria-describedby")).toContain("answer-error");

    await summary.getByRole("link", { name: "Select an answer" }).click();
    expect(await isFocused(page.locator("#answer"))).toBe(true);
    await page.getByLabel("OK", { exact: true }).check();
    await visitor.navigate(() => page.getByRole("button", { name: "Continue" }).click());
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain("How good is the help you get with your health?");

    await visitor.navigate(() => page.getByRole("link", { name: "Back" }).click());
    await visitor.navigate(() => page.getByRole("link", { name: "Back" }).click());
    await visitor.navigate(() => page.getByRole("link", { name: "Back" }).click());
    expect(await page.getByLabel("Really good").isChecked()).toBe(true);
    await visitor.close();
  });
});

describe("save and come back later", () => {
  it("gives a code that opens the answers in another browser", async () => {
    const first = await Visitor.open(running.browser);
    await first.goto(`${running.server.url}/surveys/parents-and-carers`);
    await first.navigate(() => first.page.getByRole("button", { name: "Start now" }).click());
    await first.page.getByLabel("They get SEN support at school or college, without an EHC plan").check();
    await first.navigate(() => first.page.getByRole("button", { name: "Continue" }).click());
    await first.page.getByLabel("Agree", { exact: true }).check();
    await first.navigate(() => first.page.getByRole("button", { name: "Save and come back later" }).click());
    expect(await first.page.getByRole("heading", { level: 1 }).textContent()).toBe("Your answers have been saved");
    const code = (await first.page.locator(".app-reference").textContent()) ?? "";
    expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    await first.close();

    const second = await Visitor.open(running.browser, { javaScriptEnabled: false });
    const { page } = second;
    await second.goto(`${running.server.url}/resume`);
    await page.getByLabel("Continue a saved survey").fill(code.toLowerCase());
    await second.navigate(() => page.getByRole("button", { name: "Continue" }).click());
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain("How easy is it to find information");
    expect(await page.getByText("Question 3 of 14").count()).toBe(1);
    await second.navigate(() => page.getByRole("link", { name: "Back" }).click());
    expect(await page.getByLabel("Agree", { exact: true }).isChecked()).toBe(true);
    await second.close();
  });
});

describe("submitting twice", () => {
  it("records one response for a double click and a resend from the back button", async () => {
    const visitor = await Visitor.open(running.browser, { javaScriptEnabled: false });
    const { page } = visitor;
    await visitor.goto(`${running.server.url}/surveys/young-people`);
    await visitor.navigate(() => page.getByRole("button", { name: "Start now" }).click());
    await page.getByLabel("Good", { exact: true }).check();
    await visitor.navigate(() => page.getByRole("button", { name: "Continue" }).click());
    await visitor.navigate(() => page.getByRole("button", { name: "Continue" }).click());
    await page.getByLabel("Good", { exact: true }).check();
    await visitor.navigate(() => page.getByRole("button", { name: "Continue" }).click());
    await visitor.goto(`${running.server.url}/surveys/young-people/consent`);
    await page.getByLabel("Yes, you may quote my words without anything that could identify me").check();
    const before = running.server.query<{ n: number }>("select count(*) as n from responses")[0].n;

    // The second click starts a second submission, which cancels the first page load: wait for
    // where the person ends up, not for the first navigation.
    await Promise.all([page.waitForURL(/\/surveys\/young-people\/confirmation$/), page.getByRole("button", { name: "Send my answers" }).dblclick()]);
    await visitor.audit();
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Thank you, your answers have been sent");
    await page.goBack();
    await visitor.audit();
    // The form page comes back from the browser's history; sending it again must not add a response.
    const resend = await page.request.post(`${running.server.url}/surveys/young-people/consent`, { form: { quote: "yes" }, maxRedirects: 0 });
    expect(resend.status()).toBe(303);
    expect(resend.headers().location).toBe("/surveys/young-people/confirmation");

    const after = running.server.query<{ n: number }>("select count(*) as n from responses")[0].n;
    expect(after - before).toBe(1);
    await visitor.close();
  });
});
