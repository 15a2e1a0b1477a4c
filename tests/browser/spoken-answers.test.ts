import { chromium, type Browser, type Locator } from "playwright-core";
import { Visitor, withServerAndBrowser } from "../support/browser";
import { sineWav } from "../support/audio";

const running = withServerAndBrowser();
const oneChange = "What one thing would make the biggest difference to your child and family?";

/** Through the parents' survey with JavaScript off, agreeing where an answer is needed; `onPage` answers the pages it knows. */
async function answerSurvey(visitor: Visitor, onPage: (heading: string) => Promise<void>) {
  const { page } = visitor;
  await visitor.goto(`${running.server.url}/surveys/parents-and-carers`);
  await visitor.navigate(() => page.getByRole("button", { name: "Start now" }).click());
  for (let step = 0; step < 25; step++) {
    const heading = (await page.getByRole("heading", { level: 1 }).textContent()) ?? "";
    if (heading === "Check your answers") return;
    const agree = page.getByLabel("Agree", { exact: true });
    if ((await agree.count()) > 0) await agree.check();
    await onPage(heading);
    await visitor.navigate(() => page.getByRole("button", { name: "Continue" }).click());
  }
  throw new Error("never reached Check your answers");
}

describe("spoken answers with JavaScript off", () => {
  it("a parent sends a recording through the file input; a moderator plays it, types it up; the check holds it; the recording is gone", async () => {
    const { server } = running;
    const parent = await Visitor.open(running.browser, { javaScriptEnabled: false, viewport: { width: 375, height: 740 } });
    let { page } = parent;
    await answerSurvey(parent, async (heading) => {
      if (!heading.includes(oneChange)) return;
      const input = page.getByLabel("Or record your answer");
      expect(await input.getAttribute("accept")).toBe("audio/*");
      expect(await input.getAttribute("capture")).not.toBeNull();
      await input.setInputFiles({ name: "answer.wav", mimeType: "audio/wav", buffer: sineWav(2) });
    });
    expect(await page.getByText("Spoken answer (0:02)").count()).toBe(1);
    expect(await page.getByRole("link", { name: new RegExp(`^Change or remove.*${oneChange.slice(0, 20)}`) }).count()).toBe(1);
    await parent.navigate(() => page.getByRole("button", { name: "Continue" }).click());
    await page.getByLabel("No, do not quote my words").check();
    await parent.navigate(() => page.getByRole("button", { name: "Send my answers" }).click());
    const reference = ((await page.locator(".app-reference").textContent()) ?? "").replaceAll("-", "");
    await parent.close();

    const [spoken] = server.query<{ id: number; response_id: number; bytes: number }>(
      `select s.id, s.response_id, (select count(*) from spoken_audio a where a.spoken_answer_id = s.id) as bytes
         from spoken_answers s join responses r on r.id = s.response_id where r.reference = ?`,
      reference,
    );
    expect(spoken.bytes).toBe(1);

    const moderator = await Visitor.open(running.browser, { javaScriptEnabled: false });
    page = moderator.page;
    await moderator.goto(`${server.url}/moderate`);
    await page.getByLabel("Email address").fill("moderator@example.org");
    await page.getByLabel("Password").fill("demo moderator password");
    await moderator.navigate(() => page.getByLabel("Password").press("Enter"));
    // The spoken answer's own page first: the recording, the question, and the same form.
    await moderator.goto(`${server.url}/moderate/spoken/${spoken.id}`);
    expect(await page.getByRole("heading", { level: 2, name: oneChange }).count()).toBe(1);
    expect(await page.locator(`audio[src="/moderate/spoken/${spoken.id}/audio"]`).count()).toBe(1);
    await moderator.goto(`${server.url}/moderate/responses/${spoken.response_id}`);
    const block = page.getByRole("region", { name: "Spoken answers" });
    expect(await block.getByText("Spoken answer (0:02)").count()).toBe(1);
    const source = (await block.locator("audio").getAttribute("src")) ?? "";
    const audio = await moderator.context.request.get(`${server.url}${source}`);
    expect(audio.status()).toBe(200);
    expect(audio.headers()["content-type"]).toBe("audio/wav");
    expect(audio.headers()["cache-control"]).toContain("no-store");
    expect((await audio.body()).subarray(8, 12).toString("ascii")).toBe("WAVE");
    await block.getByLabel("Type what was said").fill("The plan is always late and i dont feel safe at home, my stepdad hits me");
    await moderator.navigate(() => block.getByRole("button", { name: "Save and delete the recording" }).click());
    // Held by the check: it leaves the moderator's view, as a flagged response does.
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Responses");
    await moderator.close();

    const [after] = server.query<{ flagged: number; concerns: number; bytes: number; typed: string | null; text: string | null }>(
      `select r.flagged,
              (select count(*) from safeguarding_concerns c where c.response_id = r.id and c.source = 'detected') as concerns,
              (select count(*) from spoken_audio a where a.spoken_answer_id = s.id) as bytes,
              s.transcribed_at as typed,
              (select a.text from answers a where a.response_id = r.id and a.question_id = s.question_id) as text
         from spoken_answers s join responses r on r.id = s.response_id where s.id = ?`,
      spoken.id,
    );
    expect(after).toMatchObject({ flagged: 1, concerns: 1, bytes: 0, text: "The plan is always late and i dont feel safe at home, my stepdad hits me" });
    expect(after.typed).not.toBeNull();
  });
});

describe("the recorder with JavaScript on", () => {
  let browser: Browser;
  beforeAll(async () => {
    // Chromium's own fake microphone, granted without asking: only for this test.
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  const isFocused = (locator: Locator) => locator.evaluate((element) => element === document.activeElement);

  it("records from the keyboard, says so to screen readers, replays, and sends the recording in the same file input", async () => {
    const visitor = await Visitor.open(browser);
    const { page } = visitor;
    await visitor.context.grantPermissions(["microphone"]);
    await visitor.goto(`${running.server.url}/surveys/parents-and-carers`);
    await visitor.navigate(() => page.getByRole("button", { name: "Start now" }).click());
    await visitor.goto(`${running.server.url}/surveys/parents-and-carers/questions/one-change`);
    const record = page.getByRole("button", { name: "Record", exact: true });
    await record.waitFor({ state: "visible" });
    for (let i = 0; i < 40 && !(await isFocused(record)); i++) await page.keyboard.press("Tab");
    expect(await isFocused(record)).toBe(true);
    await page.keyboard.press("Enter");
    const stop = page.getByRole("button", { name: "Stop recording" });
    await stop.waitFor({ state: "visible" });
    expect(await isFocused(stop)).toBe(true);
    expect(await page.getByRole("status").filter({ hasText: "Recording…" }).count()).toBe(1);
    await page.getByRole("timer").filter({ hasText: "Recording… 0:01" }).waitFor();
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "Recording saved" }).waitFor();
    expect(await isFocused(page.getByRole("button", { name: "Record again" }))).toBe(true);
    expect(await page.locator("audio[data-record-replay]").isVisible()).toBe(true);
    expect(await page.getByLabel("Or record your answer").evaluate((input) => (input as HTMLInputElement).files?.length)).toBe(1);
    await visitor.audit();
    await visitor.navigate(() => page.getByRole("button", { name: "Continue" }).click());
    // Accepted: the browser's own recording passed the content check and the survey moved on.
    expect(await page.getByRole("heading", { level: 1 }).textContent()).not.toContain("What one thing");
    expect(running.server.query<{ n: number }>("select count(*) as n from spoken_answers where draft_id is not null")[0].n).toBeGreaterThanOrEqual(1);
    await visitor.close();
  });
});
