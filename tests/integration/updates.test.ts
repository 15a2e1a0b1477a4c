import http from "node:http";
import { randomBytes, randomUUID } from "node:crypto";
import nodemailer from "nodemailer";
import { createAction, changeStatus, addUpdate } from "~/actions/actions.server";
import { getDb } from "~/db.server";
import { deliverDue, deliverDueTexts, retryDelay } from "~/mail/outbox.server";
import { approvePublication, requestPublication } from "~/publishing/publishing.server";
import * as confirmation from "~/routes/surveys.$slug.confirmation";
import * as consent from "~/routes/surveys.$slug.consent";
import * as question from "~/routes/surveys.$slug.questions.$key";
import * as start from "~/routes/surveys.$slug._index";
import * as updates from "~/routes/surveys.$slug.updates";
import * as unsubscribePage from "~/routes/updates.unsubscribe.$token";
import * as seenPage from "~/routes/updates.seen.$token";
import * as insight from "~/routes/moderate.insight";
import * as publicPage from "~/routes/you-said-we-did._index";
import { forgetSettings, saveSettings } from "~/settings.server";
import { openContact, sealContact } from "~/updates/contact-crypto.server";
import { freePort, startMailCatcher, type CaughtMail } from "../support/http";
import { deleteExpiredContacts, ukMobile } from "~/updates/contacts.server";
import { queueWeeklyUpdates, WEEK_MS } from "~/updates/digest.server";
import { notifyTextSender } from "~/updates/notify.server";
import { recordSeen } from "~/updates/seen.server";
import { call, CookieJar, readJson } from "../support/remix";
import { createEveryKindSurvey, createResponse, createStaff, holdResponse } from "../support/factories";

// Set before anything reads the environment: the contact key, as production sets it.
process.env.CONTACT_ENCRYPTION_KEY = randomBytes(32).toString("base64");

const db = () => getDb();
const ORIGIN = "http://localhost:3000";
const WORDS = "SECRETWORDS";
const DAY = 24 * 60 * 60 * 1000;

/** A person answers the every-kind survey (its scale question is on the communication theme) and sends it. */
async function sendSurvey(slug: string, lang = "en") {
  const jar = new CookieJar();
  const q = `?lng=${lang}`;
  await call(start.action, { path: `/surveys/${slug}${q}`, params: { slug }, form: { intent: "start" }, jar });
  const answers: [string, string | string[]][] = [
    ["route", "left"],
    ["left-only", "yes"],
    ["agree", "disagree"],
    ["faces", "good"],
    ["many", ["a"]],
    ["words", WORDS],
    ["age", "prefer_not_to_say"],
  ];
  for (const [key, answer] of answers) {
    await call(question.action, { path: `/surveys/${slug}/questions/${key}${q}`, params: { slug, key }, form: { intent: "continue", answer }, jar });
  }
  const sent = await call(consent.action, { path: `/surveys/${slug}/consent${q}`, params: { slug }, form: { quote: "no" }, jar });
  expect(sent.response.status).toBe(303);
  const { id } = await db()
    .selectFrom("responses as r")
    .innerJoin("surveys as s", "s.id", "r.survey_id")
    .select("r.id")
    .where("s.slug", "=", slug)
    .orderBy("r.id", "desc")
    .executeTakeFirstOrThrow();
  return { jar, responseId: id, q };
}

function subscribe(slug: string, jar: CookieJar, form: Record<string, string>, q = "") {
  return call(updates.action, { path: `/surveys/${slug}/updates${q}`, params: { slug }, form, jar });
}

async function themeId(slug: string) {
  return (await db().selectFrom("themes").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id;
}

/** An action on the communication theme, published by two people. */
async function publishAction(title: string, at: Date) {
  const [author, second] = [await createStaff(db(), "moderator"), await createStaff(db(), "administrator", "pcf")];
  const staff = (person: typeof author, organisation: string) => ({ id: person.id, name: "x", email: person.email, role: "moderator" as const, organisation });
  const input = {
    title,
    description: "d",
    owner: "o",
    partner: "council" as const,
    due_on: "2027-03-31",
    measure: "m",
    theme: [await themeId("communication")],
    survey: [],
    period: undefined,
  };
  const id = await createAction(db(), input, author.id, at);
  await requestPublication(db(), "action", id, staff(author, "council"), at);
  await approvePublication(db(), "action", id, staff(second, "pcf"), at);
  return { id, author };
}

async function withCatcher<T>(work: (transport: nodemailer.Transporter, caught: CaughtMail[]) => Promise<T>): Promise<T> {
  const { port, caught, close } = await startMailCatcher();
  const transport = nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true });
  try {
    return await work(transport, caught);
  } finally {
    transport.close();
    await close();
  }
}

/** A header's value from a raw message, unfolded. */
const header = (raw: string, name: string) =>
  new RegExp(`^${name}:((?:.*)(?:\\r?\\n[ \\t].*)*)`, "mi")
    .exec(raw)?.[1]
    .replace(/\r?\n[ \t]/g, " ")
    .trim();

/** Quoted-printable (the body, and a `Q`-encoded subject) back to text. */
function quotedPrintable(encoded: string): string {
  const bytes: number[] = [];
  const text = encoded.replace(/=\r?\n/g, "");
  for (let i = 0; i < text.length; i++) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === "=" && /^[0-9A-F]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(text[i]));
  }
  return Buffer.from(bytes).toString("utf8");
}
const subjectOf = (raw: string) =>
  (header(raw, "Subject") ?? "")
    // Between two encoded words, white space is not part of the text (RFC 2047).
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?UTF-8\?Q\?(.*?)\?=/gi, (_, words: string) => quotedPrintable(words.replaceAll("_", " ")))
    .replace(/\s+/g, " ");

describe("tell me when something changes", () => {
  // Each test starts with nobody subscribed and nothing waiting: the file shares one database.
  beforeEach(async () => {
    for (const table of ["update_answers", "update_messages", "update_contacts", "outbox"] as const) await db().deleteFrom(table).execute();
  });

  it("is offered at the end of the survey, and bad input gets 400 with messages, keeping what was typed", async () => {
    const slug = await createEveryKindSurvey(db());
    const { jar } = await sendSurvey(slug);
    const page = await call(confirmation.loader, { path: `/surveys/${slug}/confirmation`, params: { slug }, jar });
    expect(await readJson(page.response)).toMatchObject({ updates: { email: true, text: false }, updatesTo: `/surveys/${slug}/updates` });

    const bad = await subscribe(slug, jar, { email: "not an address" });
    expect(bad.response.status).toBe(400);
    const failure = await readJson<{ errors: { field: string; message: string }[]; values: Record<string, string> }>(bad.response);
    expect(failure.errors).toEqual([{ field: "email", message: "Enter an email address in the correct format, like name@example.com" }]);
    expect(failure.values.email).toBe("not an address");

    const empty = await subscribe(slug, jar, { email: "" });
    expect(empty.response.status).toBe(400);
    expect((await readJson<{ errors: { message: string }[] }>(empty.response)).errors[0].message).toBe("Enter an email address");
    expect(await db().selectFrom("update_contacts").select("id").execute()).toHaveLength(0);

    // Where GOV.UK Notify is set up, a mobile number too; a landline is refused in the person's language.
    await saveSettings(db(), { notify_api_key: `test-${"a".repeat(36)}-${"b".repeat(36)}`, notify_sms_template_id: "f33517ff-2a88-4f6e-b855-c550268ce08a" });
    const landline = await subscribe(slug, jar, { email: "", phone: "020 7946 0000" }, "?lng=pl");
    expect(landline.response.status).toBe(400);
    const polish = await readJson<{ errors: { field: string; message: string }[]; values: Record<string, string> }>(landline.response);
    expect(polish.errors).toEqual([{ field: "phone", message: "Wpisz brytyjski numer telefonu komórkowego, na przykład 07700 900982" }]);
    expect(polish.values.phone).toBe("020 7946 0000");
    await saveSettings(db(), { notify_api_key: "", notify_sms_template_id: "" });
  });

  it("keeps the address sealed, apart from the answers, and never on a page", async () => {
    const slug = await createEveryKindSurvey(db());
    const { jar, responseId } = await sendSurvey(slug);
    const saved = await subscribe(slug, jar, { email: "parent@example.org" });
    expect(saved.response.status).toBe(303);
    expect(saved.response.headers.get("Location")).toBe(`/surveys/${slug}/updates?saved=1`);
    const row = await db().selectFrom("update_contacts").selectAll().where("response_id", "=", responseId).executeTakeFirstOrThrow();
    expect(row.contact).toMatch(/^enc1\./);
    expect(row.contact).not.toContain("parent");
    const page = await call(updates.loader, { path: `/surveys/${slug}/updates?saved=1`, params: { slug }, jar });
    expect(await page.response.text()).not.toContain("parent@example.org");
  });

  it("sends one message in the person's language after an action is published, with a working one-click unsubscribe and no answer text", async () => {
    const slug = await createEveryKindSurvey(db());
    const { jar, responseId, q } = await sendSurvey(slug, "pl");
    await subscribe(slug, jar, { email: "rodzic@example.org" }, q);
    const published = new Date(Date.now() + 60_000);
    await publishAction("Reply within 5 days", published);

    const now = new Date(Date.now() + 120_000);
    expect(await queueWeeklyUpdates(db(), ORIGIN, now)).toBe(1);
    await withCatcher(async (transport, caught) => {
      expect(await deliverDue(db(), transport, "portal@example.org", now)).toBe(1);
      expect(caught).toHaveLength(1);
      const [mail] = caught;
      expect(mail.to).toEqual(["rodzic@example.org"]);
      const body = quotedPrintable(mail.body);
      expect(subjectOf(mail.body)).toBe("Co się zmieniło od wypełnienia naszej ankiety");
      expect(body).toContain("Nowe działanie: Reply within 5 days (Zaplanowane)");
      expect(body).toContain("Czy widzisz, co zrobiono w sprawie tego, co nam przekazano?");
      expect(body).not.toContain(WORDS);
      expect(header(mail.body, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
      const unsubscribeUrl = /<([^>]+)>/.exec(header(mail.body, "List-Unsubscribe") ?? "")?.[1] ?? "";
      expect(unsubscribeUrl).toMatch(new RegExp(`^${ORIGIN}/updates/unsubscribe/`));
      expect(body).toMatch(new RegExp(`Tak: ${ORIGIN}/updates/seen/[\\w-]+\\?answer=yes`));
      expect(body).toMatch(new RegExp(`Nie: ${ORIGIN}/updates/seen/[\\w-]+\\?answer=no`));
      expect(body).toContain(`${ORIGIN}/my-feedback`);

      // Once sent, the outbox forgets the sealed address.
      expect((await db().selectFrom("outbox").select("recipient").where("kind", "=", "update").executeTakeFirstOrThrow()).recipient).toBe("");

      // Following the link changes nothing; the one-click POST of RFC 8058 deletes the contact.
      const token = unsubscribeUrl.split("/").at(-1)!;
      const shown = await call(unsubscribePage.loader, { path: `/updates/unsubscribe/${token}`, params: { token } });
      expect(shown.response.status).toBe(200);
      expect(await db().selectFrom("update_contacts").select("id").where("response_id", "=", responseId).execute()).toHaveLength(1);
      const oneClick = await call(unsubscribePage.action, {
        path: `/updates/unsubscribe/${token}`,
        params: { token },
        form: { "List-Unsubscribe": "One-Click" },
      });
      expect(oneClick.response.status).toBe(200);
      expect(await db().selectFrom("update_contacts").select("id").where("response_id", "=", responseId).execute()).toHaveLength(0);
      const again = await call(unsubscribePage.loader, { path: `/updates/unsubscribe/${token}`, params: { token } });
      expect(again.response.status).toBe(404);
    });
  });

  it("makes several changes in one week into one message, and tells the next change a week later", async () => {
    const slug = await createEveryKindSurvey(db());
    const { jar, responseId } = await sendSurvey(slug);
    await subscribe(slug, jar, { email: "carer@example.org" });
    const t0 = Date.now();
    const { id, author } = await publishAction("Named case worker", new Date(t0 + 60_000));
    const version = async () => (await db().selectFrom("actions").select("version").where("id", "=", id).executeTakeFirstOrThrow()).version;
    await changeStatus(db(), id, { status: "in_progress", version: await version(), reason: "" }, author.id, new Date(t0 + 2 * 60_000));
    await addUpdate(db(), id, { body: "Half the teams have one", updateOn: "2026-12-05" }, author.id, new Date(t0 + 3 * 60_000));
    expect(await queueWeeklyUpdates(db(), ORIGIN, new Date(t0 + 4 * 60_000))).toBe(1);

    // A change the next day waits for the person's week to pass.
    await changeStatus(db(), id, { status: "done", version: await version(), impact: "Every family has one" }, author.id, new Date(t0 + DAY));
    expect(await queueWeeklyUpdates(db(), ORIGIN, new Date(t0 + 2 * DAY))).toBe(0);
    expect(await queueWeeklyUpdates(db(), ORIGIN, new Date(t0 + 4 * 60_000 + WEEK_MS))).toBe(1);
    // Nothing new: nothing sent.
    expect(await queueWeeklyUpdates(db(), ORIGIN, new Date(t0 + 3 * WEEK_MS))).toBe(0);

    const mails = await db().selectFrom("outbox").select("payload").where("kind", "=", "update").orderBy("id").execute();
    expect(mails).toHaveLength(2);
    const [first, second] = mails.map((mail) => JSON.parse(mail.payload) as { text: string });
    expect(first.text).toContain("New action: Named case worker (In progress)");
    expect(second.text).toContain("Named case worker: now Done");
    expect(await db().selectFrom("update_messages").select("id").where("response_id", "=", responseId).execute()).toHaveLength(2);
  });

  it("sends nothing about a response held for safeguarding", async () => {
    const slug = await createEveryKindSurvey(db());
    const { jar, responseId } = await sendSurvey(slug);
    await subscribe(slug, jar, { email: "held@example.org" });
    await holdResponse(db(), responseId);
    await publishAction("Held back", new Date(Date.now() + 60_000));
    expect(await queueWeeklyUpdates(db(), ORIGIN, new Date(Date.now() + 120_000))).toBe(0);
  });

  it("deletes a contact once its time has passed (12 months by default)", async () => {
    const slug = await createEveryKindSurvey(db());
    const { jar, responseId } = await sendSurvey(slug);
    await subscribe(slug, jar, { email: "soon@example.org" });
    expect(await deleteExpiredContacts(db(), new Date(Date.now() + 300 * DAY))).toBe(0);
    expect(await deleteExpiredContacts(db(), new Date(Date.now() + 367 * DAY))).toBe(1);
    expect(await db().selectFrom("update_contacts").select("id").where("response_id", "=", responseId).execute()).toHaveLength(0);
  });

  it("retries a message the mail server refused, logging no address, and the survey was sent regardless", async () => {
    const slug = await createEveryKindSurvey(db());
    const { jar } = await sendSurvey(slug);
    await subscribe(slug, jar, { email: "retry@example.org" });
    await publishAction("Retry action", new Date(Date.now() + 60_000));
    const now = new Date(Date.now() + 120_000);
    expect(await queueWeeklyUpdates(db(), ORIGIN, now)).toBe(1);
    const logged: string[] = [];
    const nobody = nodemailer.createTransport({ host: "127.0.0.1", port: await freePort(), secure: false, ignoreTLS: true, connectionTimeout: 2000 });
    expect(await deliverDue(db(), nobody, "portal@example.org", now, (line) => logged.push(line))).toBe(0);
    nobody.close();
    const waiting = await db().selectFrom("outbox").select(["attempts", "last_error", "sent_at"]).where("kind", "=", "update").executeTakeFirstOrThrow();
    expect(waiting).toMatchObject({ attempts: 1, sent_at: null });
    expect(logged.join("\n")).toMatch(/not delivered \(attempt 1\)/);
    expect(logged.join("\n") + (waiting.last_error ?? "")).not.toContain("retry@example.org");
    await withCatcher(async (transport, caught) => {
      expect(await deliverDue(db(), transport, "portal@example.org", new Date(now.getTime() + retryDelay(1) + 1000))).toBe(1);
      expect(caught.map((mail) => mail.to)).toEqual([["retry@example.org"]]);
    });
  });

  it("sends text messages through GOV.UK Notify's endpoints", async () => {
    const received: { method: string; url: string; auth: string; body: Record<string, unknown> }[] = [];
    const notify = http.createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString()));
      req.on("end", () => {
        received.push({
          method: req.method ?? "",
          url: req.url ?? "",
          auth: req.headers.authorization ?? "",
          body: body ? (JSON.parse(body) as Record<string, unknown>) : {},
        });
        res.setHeader("Content-Type", "application/json");
        if (req.method === "POST" && req.url === "/v2/notifications/sms") {
          res.statusCode = 201;
          res.end(JSON.stringify({ id: "740e5834-3a29-46b4-9a6f-16142fde533a", content: { body: "x" }, template: {}, uri: "" }));
        } else if (req.method === "GET" && req.url?.startsWith("/v2/notifications/")) {
          res.end(JSON.stringify({ id: req.url.split("/").at(-1), status: "delivered" }));
        } else {
          res.statusCode = 404;
          res.end(JSON.stringify({ errors: [{ error: "NotFound", message: "no such endpoint" }] }));
        }
      });
    });
    const port = await freePort();
    await new Promise<void>((resolve) => notify.listen(port, "127.0.0.1", resolve));
    try {
      const settings = {
        notify_api_key: `portal_test-${"1".repeat(8)}-1111-1111-1111-${"1".repeat(12)}-${"2".repeat(8)}-2222-2222-2222-${"2".repeat(12)}`,
        notify_sms_template_id: "f33517ff-2a88-4f6e-b855-c550268ce08a",
      };
      await saveSettings(db(), settings);
      const slug = await createEveryKindSurvey(db());
      const { jar, q } = await sendSurvey(slug, "es");
      const saved = await subscribe(slug, jar, { email: "", phone: "07700 900982" }, q);
      expect(saved.response.status).toBe(303);
      await publishAction("Text action", new Date(Date.now() + 60_000));
      const now = new Date(Date.now() + 120_000);
      expect(await queueWeeklyUpdates(db(), ORIGIN, now)).toBe(1);
      // The mail worker leaves text messages alone.
      await withCatcher(async (transport, caught) => {
        expect(await deliverDue(db(), transport, "portal@example.org", now)).toBe(0);
        expect(caught).toHaveLength(0);
      });
      const send = notifyTextSender(settings, `http://127.0.0.1:${port}`)!;
      expect(await deliverDueTexts(db(), send, now)).toBe(1);
      expect(received).toHaveLength(1);
      const [sms] = received;
      expect(sms).toMatchObject({
        method: "POST",
        url: "/v2/notifications/sms",
        body: { phone_number: "+447700900982", template_id: settings.notify_sms_template_id },
      });
      expect(sms.auth).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
      const words = (sms.body.personalisation as { body: string }).body;
      expect(words).toContain("¿Puede ver lo que se hizo?");
      expect(words).toContain(`${ORIGIN}/my-feedback`);
      expect(words).not.toContain(WORDS);

      // A refusal from Notify waits for a retry, and the log names no number.
      const refusing = notifyTextSender(settings, `http://127.0.0.1:${port}/refuse`)!;
      await db()
        .updateTable("outbox")
        .set({
          sent_at: null,
          recipient: (await db().selectFrom("update_contacts").select("contact").where("channel", "=", "sms").executeTakeFirstOrThrow()).contact,
        })
        .where("kind", "=", "update-text")
        .execute();
      const logged: string[] = [];
      expect(await deliverDueTexts(db(), refusing, now, (line) => logged.push(line))).toBe(0);
      expect(logged.join("\n")).toMatch(/text \d+ not delivered \(attempt 1\): GOV.UK Notify answered 404/);
      expect(logged.join("\n")).not.toMatch(/7700/);
    } finally {
      await saveSettings(db(), { notify_api_key: "", notify_sms_template_id: "" });
      forgetSettings();
      await new Promise<void>((resolve) => notify.close(() => resolve()));
    }
  });

  it("counts Yes and No on the dashboard, and following the links alone changes nothing", async () => {
    const moderator = await createStaff(db(), "moderator");
    const tokens: string[] = [];
    for (const address of ["yes@example.org", "no@example.org"]) {
      const slug = await createEveryKindSurvey(db());
      const { jar } = await sendSurvey(slug);
      await subscribe(slug, jar, { email: address });
    }
    await publishAction("Seen action", new Date(Date.now() + 60_000));
    expect(await queueWeeklyUpdates(db(), ORIGIN, new Date(Date.now() + 120_000))).toBe(2);
    for (const row of await db().selectFrom("update_messages").select("token").orderBy("id").execute()) tokens.push(row.token);
    const seen = async () => {
      const { response } = await call(insight.loader, { path: "/moderate/insight", headers: { Cookie: moderator.cookie } });
      return (await readJson<{ actionSeen: { yes: number; answered: number; target: number } }>(response)).actionSeen;
    };
    const before = await seen();

    // A mail scanner follows both links of both messages.
    for (const token of tokens) {
      for (const answer of ["yes", "no"]) {
        const page = await call(seenPage.loader, { path: `/updates/seen/${token}?answer=${answer}`, params: { token } });
        expect(page.response.status).toBe(200);
      }
    }
    expect(await seen()).toEqual(before);

    const [yesToken, noToken] = tokens.slice(-2);
    const yes = await call(seenPage.action, { path: `/updates/seen/${yesToken}`, params: { token: yesToken }, form: { answer: "yes" } });
    expect(yes.response.status).toBe(200);
    await call(seenPage.action, { path: `/updates/seen/${noToken}`, params: { token: noToken }, form: { answer: "no" } });
    expect(await seen()).toEqual({ yes: before.yes + 1, answered: before.answered + 2, target: 90 });

    // Answering again changes that person's answer, not the count of people.
    await call(seenPage.action, { path: `/updates/seen/${noToken}`, params: { token: noToken }, form: { answer: "yes" } });
    expect(await seen()).toMatchObject({ yes: before.yes + 2, answered: before.answered + 2 });

    const bad = await call(seenPage.action, { path: `/updates/seen/${yesToken}`, params: { token: yesToken }, form: { answer: "maybe" } });
    expect(bad.response.status).toBe(400);
    const unknown = await call(seenPage.loader, { path: "/updates/seen/nope?answer=yes", params: { token: "nope" } });
    expect(unknown.response.status).toBe(404);
  });

  it("shows the share on the public page only once enough people have answered", async () => {
    const slug = await createEveryKindSurvey(db());
    const answerAs = async (answer: "yes" | "no") => {
      const responseId = await createResponse(db(), slug, { route: "left", "left-only": "yes", agree: "agree" });
      const token = randomUUID();
      await db().insertInto("update_messages").values({ response_id: responseId, token, created_at: new Date().toISOString() }).execute();
      expect(await recordSeen(db(), token, answer)).toBe(true);
    };
    const shown = async () =>
      (await readJson<{ actionSeen: number | null }>((await call(publicPage.loader, { path: "/you-said-we-did" })).response)).actionSeen;
    for (let i = 0; i < 9; i++) await answerAs("yes");
    for (let i = 0; i < 10; i++) await answerAs("no");
    // Nine said yes: under the smallest published figure (10), so the share is not shown.
    expect(await shown()).toBeNull();
    await answerAs("yes");
    expect(await shown()).toBe(50);
  });

  it("seals a contact so that only the key opens it, and reads UK mobile numbers however they are typed", () => {
    const key = randomBytes(32);
    const sealed = sealContact("parent@example.org", key);
    expect(sealed).not.toEqual(sealContact("parent@example.org", key));
    expect(openContact(sealed, key)).toBe("parent@example.org");
    expect(() => openContact(sealed, randomBytes(32))).toThrow();
    const [prefix, iv, tag, body] = sealed.split(".");
    const altered = [prefix, iv, tag, Buffer.from("x" + Buffer.from(body, "base64url").toString("latin1"), "latin1").toString("base64url")].join(".");
    expect(() => openContact(altered, key)).toThrow();
    expect(["07700 900982", "+44 7700 900982", "0044 (7700) 900-982"].map(ukMobile)).toEqual(["+447700900982", "+447700900982", "+447700900982"]);
    expect(["020 7946 0000", "07700 90098", "447700900982", ""].map(ukMobile)).toEqual([undefined, undefined, undefined, undefined]);
  });
});
