import { randomBytes } from "node:crypto";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { createAction } from "~/actions/actions.server";
import { getDb } from "~/db.server";
import { instanceFor } from "~/i18n/i18n.server";
import { approvePublication, requestPublication } from "~/publishing/publishing.server";
import * as actionPage from "~/routes/moderate.actions.$id";
import * as translateAction from "~/routes/moderate.actions.$id_.translate.$lang";
import * as newAction from "~/routes/moderate.actions.new";
import * as supportStart from "~/routes/support.$slug";
import * as confirmation from "~/routes/surveys.$slug.confirmation";
import * as consent from "~/routes/surveys.$slug.consent";
import * as question from "~/routes/surveys.$slug.questions.$key";
import * as start from "~/routes/surveys.$slug._index";
import * as updates from "~/routes/surveys.$slug.updates";
import * as publicActionPage from "~/routes/you-said-we-did.actions.$id";
import { queueWeeklyUpdates, updateLinks, updateText } from "~/updates/digest.server";
import { UpdatesForm } from "~/updates/UpdatesForm";
import { createEveryKindSurvey, createStaff } from "../support/factories";
import { call, CookieJar, readJson } from "../support/remix";
import { renderPage } from "../support/render";

// Set before anything reads the environment: the contact key, as production sets it.
process.env.CONTACT_ENCRYPTION_KEY = randomBytes(32).toString("base64");

const db = () => getDb();
const EASY = "en-x-easyread";
type Person = Awaited<ReturnType<typeof createStaff>>;
const as = (person: Person) => ({ Cookie: person.cookie });

/** Answers the every-kind survey in the browser whose cookies are in `jar`, and sends it. */
async function answerAll(slug: string, jar: CookieJar, q = "") {
  const answers: [string, string | string[]][] = [
    ["route", "left"],
    ["left-only", "yes"],
    ["agree", "disagree"],
    ["faces", "good"],
    ["many", ["a"]],
    ["words", "Nobody rings back."],
    ["age", "prefer_not_to_say"],
  ];
  for (const [key, answer] of answers) {
    const { response } = await call(question.action, {
      path: `/surveys/${slug}/questions/${key}${q}`,
      params: { slug, key },
      form: { intent: "continue", answer },
      jar,
    });
    expect(response.status, key).toBe(303);
  }
  const sent = await call(consent.action, { path: `/surveys/${slug}/consent${q}`, params: { slug }, form: { quote: "no" }, jar });
  expect(sent.response.status).toBe(303);
}

const subscribe = (slug: string, jar: CookieJar, email: string, q = "") =>
  call(updates.action, { path: `/surveys/${slug}/updates${q}`, params: { slug }, form: { email }, jar });

// Each test starts with nobody subscribed and nothing waiting: the file shares one database.
beforeEach(async () => {
  for (const table of ["update_answers", "update_messages", "update_contacts", "outbox"] as const) await db().deleteFrom(table).execute();
});

describe("Easy Read on the public pages", () => {
  it("shows an action's Easy Read words, and the English of what has none plainly marked as not in Easy Read yet", async () => {
    const [author, second] = [await createStaff(db(), "moderator"), await createStaff(db(), "administrator", "pcf")];
    const form = {
      csrf: author.csrf,
      title: "Reply to every email within 5 working days",
      description: "Each family now has a named case officer.",
      owner: "SEND casework team",
      partner: "council",
      "due_on-day": "31",
      "due_on-month": "3",
      "due_on-year": "2027",
      measure: "90% of emails answered within 5 working days",
      theme: ["4"],
    };
    const created = await call(newAction.action, { path: "/moderate/actions/new", form, headers: as(author) });
    const id = Number(created.response.headers.get("Location")?.match(/actions\/(\d+)/)?.[1]);
    const translated = await call(translateAction.action, {
      path: `/moderate/actions/${id}/translate/${EASY}`,
      params: { id: String(id), lang: EASY },
      form: { csrf: author.csrf, title: "We will answer your email in 1 week", description: "", measure: "" },
      headers: as(author),
    });
    expect(translated.response.status).toBe(303);
    const act = (person: Person, intent: string) =>
      call(actionPage.action, { path: `/moderate/actions/${id}`, params: { id: String(id) }, form: { csrf: person.csrf, intent }, headers: as(person) });
    expect((await act(author, "publish-request")).response.status).toBe(303);
    expect((await act(second, "publish-approve")).response.status).toBe(303);

    const page = (lang: string) => renderPage(publicActionPage, "/you-said-we-did/actions/:id", `/you-said-we-did/actions/${id}?lng=${lang}`, lang);
    const easy = await page(EASY);
    const heading = easy.querySelector("h1")!;
    expect(heading.textContent).toBe("We will answer your email in 1 week");
    const description = easy.querySelector("p.app-free-text")!;
    expect(description.querySelector(".app-not-easy-read")?.textContent).toBe("Not in Easy Read yet");
    expect(description.textContent).toBe("Not in Easy Read yet Each family now has a named case officer.");
    const measure = [...easy.querySelectorAll("dd")].find((dd) => dd.textContent?.includes("90% of emails"))!;
    expect(measure.textContent).toBe("Not in Easy Read yet 90% of emails answered within 5 working days");
    // Easy Read wording for the page's own words, and the Listen button for the whole page.
    expect(easy.querySelector(".govuk-caption-l")!.textContent).toBe("What we did");
    const listen = easy.querySelector("[data-listen-button]")!;
    expect(listen.getAttribute("data-listen-read")).toBe("page");
    expect(listen.getAttribute("aria-label")).toBe("Listen to this page read out loud");

    // Other languages fall back to English marked with lang="en" as before: the Easy Read mark is for Easy Read alone.
    for (const lang of ["en", "pl"]) expect((await page(lang)).querySelectorAll(".app-not-easy-read")).toHaveLength(0);
  });
});

describe("updates in Easy Read", () => {
  it("sends someone who answered in Easy Read an Easy Read message that says the page can be read aloud", async () => {
    const slug = await createEveryKindSurvey(db());
    const jar = new CookieJar();
    const q = `?lng=${EASY}`;
    await call(start.action, { path: `/surveys/${slug}${q}`, params: { slug }, form: { intent: "start" }, jar });
    await answerAll(slug, jar, q);
    expect((await subscribe(slug, jar, "reader@example.org", q)).response.status).toBe(303);
    expect((await db().selectFrom("update_contacts").select("lang").executeTakeFirstOrThrow()).lang).toBe(EASY);

    const [author, second] = [await createStaff(db(), "moderator"), await createStaff(db(), "administrator", "pcf")];
    const staff = (person: Person, organisation: string) => ({ id: person.id, name: "x", email: person.email, role: "moderator" as const, organisation });
    const theme = await db().selectFrom("themes").select("id").where("slug", "=", "communication").executeTakeFirstOrThrow();
    const at = new Date(Date.now() + 60_000);
    const input = {
      title: "Named case worker",
      description: "d",
      owner: "o",
      partner: "council" as const,
      due_on: "2027-03-31",
      measure: "m",
      theme: [theme.id],
      survey: [],
      period: undefined,
    };
    const id = await createAction(db(), input, author.id, at);
    await requestPublication(db(), "action", id, staff(author, "council"), at);
    await approvePublication(db(), "action", id, staff(second, "pcf"), at);

    expect(await queueWeeklyUpdates(db(), "http://localhost:3000", new Date(Date.now() + 120_000))).toBe(1);
    const mail = JSON.parse((await db().selectFrom("outbox").select("payload").where("kind", "=", "update").executeTakeFirstOrThrow()).payload) as {
      text: string;
    };
    expect(mail.text).toContain("You asked us to tell you when something changes. This is about what you told us. Since our last message:");
    expect(mail.text).toContain("New action: Named case worker (Planned)");
    expect(mail.text).toContain("http://localhost:3000/my-feedback\nYou can listen to that page. Press the Listen button.");
    expect(mail.text).not.toContain("Nobody rings back.");

    // The text message says the same in one line; English readers get the English line.
    const links = updateLinks("http://localhost:3000", "c", "m");
    expect(updateText(EASY, links)).toMatch(/You can listen to that page\. Press the Listen button\.$/);
    expect(updateText("en", links)).toMatch(/That page can be read aloud to you: press the Listen button\.$/);
  });
});

describe("a supporter and the updates form", () => {
  it("tells the supporter to enter the person's own address, and refuses the supporter's own, keeping what was typed", async () => {
    const slug = await createEveryKindSurvey(db());
    const supporter = await createStaff(db(), "supporter");
    const jar = new CookieJar();
    jar.store(new Response(null, { headers: { "Set-Cookie": supporter.cookie } }));
    const started = await call(supportStart.action, {
      path: `/support/${slug}`,
      params: { slug },
      form: { csrf: supporter.csrf, consent: "yes", kind: "typing", lang: "en" },
      jar,
    });
    expect(started.response.status).toBe(303);
    await answerAll(slug, jar);

    const page = await readJson<{ supported: boolean }>((await call(updates.loader, { path: `/surveys/${slug}/updates`, params: { slug }, jar })).response);
    expect(page.supported).toBe(true);
    const form = (supported: boolean) =>
      renderToString(
        createElement(
          I18nextProvider,
          { i18n: instanceFor("en") },
          createElement(UpdatesForm, { action: "", offer: { email: true, text: false }, supported, headingLevel: 1 }),
        ),
      );
    expect(form(true)).toContain("You are helping someone answer: enter their own email address, never yours.");
    expect(form(false)).not.toContain("You are helping someone");

    const own = ` ${supporter.email.toUpperCase()} `;
    const refused = await subscribe(slug, jar, own);
    expect(refused.response.status).toBe(400);
    const failure = await readJson<{ errors: { field: string; message: string }[]; values: Record<string, string> }>(refused.response);
    expect(failure.errors).toEqual([{ field: "email", message: "This is your own email address. Enter the email address of the person you are helping" }]);
    expect(failure.values.email).toBe(own);
    expect(await db().selectFrom("update_contacts").select("id").execute()).toHaveLength(0);

    expect((await subscribe(slug, jar, "the.parent@example.org")).response.status).toBe(303);
    expect(await db().selectFrom("update_contacts").select("id").execute()).toHaveLength(1);
  });

  it("asks nothing of someone answering alone", async () => {
    const slug = await createEveryKindSurvey(db());
    const jar = new CookieJar();
    await call(start.action, { path: `/surveys/${slug}`, params: { slug }, form: { intent: "start" }, jar });
    await answerAll(slug, jar);
    const page = await readJson<{ supported: boolean }>((await call(updates.loader, { path: `/surveys/${slug}/updates`, params: { slug }, jar })).response);
    expect(page.supported).toBe(false);
    const shown = await readJson<{ slip: string | null }>(
      (await call(confirmation.loader, { path: `/surveys/${slug}/confirmation`, params: { slug }, jar })).response,
    );
    expect(shown.slip).toBeNull();
  });
});
