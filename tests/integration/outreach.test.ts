import { rebuildAggregates } from "~/aggregates/rebuild.server";
import { getDb } from "~/db.server";
import { LINK_CODE_LENGTH } from "~/outreach/links.server";
import { submitDraft } from "~/responses/responses.server";
import * as insight from "~/routes/moderate.insight";
import * as linkPage from "~/routes/moderate.outreach.$id";
import * as pdf from "~/routes/moderate.outreach.$id_.pdf.$lang";
import * as poster from "~/routes/moderate.outreach.$id_.poster.$lang";
import * as linksPage from "~/routes/moderate.outreach._index";
import * as shortAddress from "~/routes/s.$code";
import * as start from "~/routes/surveys.$slug._index";
import { CODE_ALPHABET } from "~/surveys/codes";
import { saveAnswers } from "~/surveys/drafts.server";
import { allowedValues, type Answers, type QuestionView } from "~/surveys/model";
import { getSurvey } from "~/surveys/surveys.server";
import { createParentSurvey, createStaff } from "../support/factories";
import { call, CookieJar, readJson } from "../support/remix";

const db = () => getDb();
type Person = Awaited<ReturnType<typeof createStaff>>;
type Failure = { errors: { field: string; message: string }[]; values: Record<string, string> };
const DISCLOSURE = "my dad hits me with his belt when i get stuff wrong and i got marks on my legs";

const as = (person: Person) => ({ headers: { Cookie: person.cookie } });
const make = (person: Person, form: Record<string, string>) =>
  call(linksPage.action, { path: "/moderate/outreach", form: { csrf: person.csrf, ...form }, ...as(person) });
const setState = (person: Person, id: number, intent: "pause" | "resume") =>
  call(linkPage.action, { path: `/moderate/outreach/${id}`, params: { id: String(id) }, form: { csrf: person.csrf, intent }, ...as(person) });
const linkRow = (id: number) => db().selectFrom("outreach_links").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const auditOf = (id: number) =>
  db().selectFrom("audit_log").select("action").where("entity", "=", "outreach_link").where("entity_id", "=", String(id)).orderBy("id").execute();

async function newLink(person: Person, slug: string, name = "Greenfield Primary newsletter") {
  const { response } = await make(person, { name, kind: "newsletter", survey: slug });
  expect(response.status).toBe(303);
  return Number(response.headers.get("Location")?.match(/outreach\/(\d+)/)?.[1]);
}

function answersFor(questions: QuestionView[], words: string): Answers {
  return Object.fromEntries(
    questions.map((question) => {
      if (question.kind === "free_text") return [question.id, words];
      const value = allowedValues(question)[0];
      return [question.id, question.kind === "multiple_choice" ? [value] : value];
    }),
  );
}

/** A person follows the short address (or not), starts the survey with the cookies they got, and sends it. */
async function followAndSend(slug: string, code: string | null, words = "The school listened to us") {
  const jar = new CookieJar();
  if (code) {
    const followed = await call(shortAddress.loader, { path: `/s/${code}`, params: { code }, jar });
    expect(followed.response.status).toBe(303);
    expect(followed.response.headers.get("Location")).toBe(`/surveys/${slug}`);
  }
  const started = await call(start.action, { path: `/surveys/${slug}`, params: { slug }, form: { intent: "start" }, jar });
  expect(started.response.status).toBe(303);
  const draft = await db().selectFrom("drafts").select(["id", "outreach_link_id"]).orderBy("id", "desc").executeTakeFirstOrThrow();
  const view = (await getSurvey(db(), slug, "en"))!;
  await saveAnswers(db(), draft.id, view.questions, answersFor(view.questions, words));
  const sent = await submitDraft(db(), view, draft.id, { quote: false }, "en");
  if (sent.status !== "submitted") throw new Error(sent.status);
  const response = await db().selectFrom("responses").select(["id", "outreach_link_id"]).where("reference", "=", sent.reference).executeTakeFirstOrThrow();
  return { jar, draft, response };
}

const countsFor = (id: number) => db().selectFrom("outreach_counts").select(["audience", "n"]).where("outreach_link_id", "=", id).where("n", "!=", 0).execute();

describe("outreach links", () => {
  it("are made by a moderator with a short unambiguous code, and audited", async () => {
    const moderator = await createStaff(db(), "moderator");
    const slug = await createParentSurvey(db());
    const id = await newLink(moderator, slug);
    const link = await linkRow(id);
    expect(link).toMatchObject({ name: "Greenfield Primary newsletter", kind: "newsletter", paused_at: null, created_by: moderator.id });
    expect(link.code).toHaveLength(LINK_CODE_LENGTH);
    expect([...link.code].every((char) => CODE_ALPHABET.includes(char))).toBe(true);
    expect(link.code).not.toMatch(/[01OIL]/);
    expect(await auditOf(id)).toEqual([{ action: "outreach.create" }]);

    const page = await readJson<{ address: { short: string; url: string }; qr: string }>(
      (await call(linkPage.loader, { path: `/moderate/outreach/${id}`, params: { id: String(id) }, ...as(moderator) })).response,
    );
    expect(page.address.short).toMatch(new RegExp(`/s/${link.code}$`));
    expect(page.qr).toContain("<svg");
  });

  it("refuse an empty name, an unknown kind or survey with 400, keep what was typed, and change nothing", async () => {
    const moderator = await createStaff(db(), "moderator");
    const slug = await createParentSurvey(db());
    const before = await db()
      .selectFrom("outreach_links")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const auditBefore = await db()
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();

    const empty = await make(moderator, { name: "  ", kind: "school", survey: slug });
    expect(empty.response.status).toBe(400);
    expect((await readJson<Failure>(empty.response)).errors).toEqual([{ field: "name", message: "Enter where you will share the link" }]);

    const unknown = await make(moderator, { name: "Oak Hub", kind: "family_hub", survey: "no-such-survey" });
    expect(unknown.response.status).toBe(400);
    const failure = await readJson<Failure>(unknown.response);
    expect(failure.errors).toEqual([{ field: "survey", message: "Choose a survey that is still in use" }]);
    expect(failure.values).toMatchObject({ name: "Oak Hub", kind: "family_hub", survey: "no-such-survey" });

    const badKind = await make(moderator, { name: "Oak Hub", kind: "pub", survey: slug });
    expect(badKind.response.status).toBe(400);
    expect((await readJson<Failure>(badKind.response)).errors.map((error) => error.field)).toEqual(["kind"]);

    expect(
      await db()
        .selectFrom("outreach_links")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow(),
    ).toEqual(before);
    expect(
      await db()
        .selectFrom("audit_log")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow(),
    ).toEqual(auditBefore);
  });

  it("are for staff who moderate: anyone else is sent to sign in", async () => {
    const slug = await createParentSurvey(db());
    const { response } = await call(linksPage.action, { path: "/moderate/outreach", form: { name: "x", kind: "school", survey: slug } });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toMatch(/^\/sign-in/);
  });

  it("record the link on the draft and on the response sent from it, and count it on the dashboard", async () => {
    const admin = await createStaff(db(), "administrator");
    const slug = await createParentSurvey(db());
    const id = await newLink(admin, slug);
    const { code } = await linkRow(id);

    const { draft, response } = await followAndSend(slug, code.toLowerCase());
    expect(draft.outreach_link_id).toBe(id);
    expect(response.outreach_link_id).toBe(id);
    expect(await countsFor(id)).toEqual([{ audience: "parent_carer", n: 1 }]);

    // Someone who came another way is not counted under the link.
    const direct = await followAndSend(slug, null);
    expect(direct.response.outreach_link_id).toBeNull();

    // A held response counts nowhere, and nor does the draft it came from.
    const held = await followAndSend(slug, code, DISCLOSURE);
    expect(held.response.outreach_link_id).toBe(id);
    expect(await countsFor(id)).toEqual([{ audience: "parent_carer", n: 1 }]);

    // The kept counts are what a full recount finds.
    const kept = await countsFor(id);
    await rebuildAggregates(db());
    expect(await countsFor(id)).toEqual(kept);

    const page = await call(insight.loader, { path: `/moderate/insight?survey=${slug}`, ...as(admin) });
    const data = await readJson<{ outreach: { id: number; responses: number; byAudience: Record<string, number>; started: number; sent: number }[] }>(
      page.response,
    );
    expect(data.outreach).toEqual([expect.objectContaining({ id, responses: 1, byAudience: { parent_carer: 1, young_person: 0 }, started: 1, sent: 1 })]);
  });

  it("when paused, still open the survey but record nothing; resumed, they record again", async () => {
    const moderator = await createStaff(db(), "moderator");
    const slug = await createParentSurvey(db());
    const id = await newLink(moderator, slug);
    const { code } = await linkRow(id);

    // Followed before the pause, started after it: still nothing recorded.
    const early = new CookieJar();
    await call(shortAddress.loader, { path: `/s/${code}`, params: { code }, jar: early });

    expect((await setState(moderator, id, "pause")).response.status).toBe(303);
    expect((await linkRow(id)).paused_at).not.toBeNull();

    const followed = await call(shortAddress.loader, { path: `/s/${code}`, params: { code } });
    expect(followed.response.status).toBe(303);
    expect(followed.response.headers.get("Location")).toBe(`/surveys/${slug}`);
    expect(followed.response.headers.getSetCookie()).toEqual([]);

    const { draft, response } = await followAndSend(slug, code);
    expect(draft.outreach_link_id).toBeNull();
    expect(response.outreach_link_id).toBeNull();
    await call(start.action, { path: `/surveys/${slug}`, params: { slug }, form: { intent: "start" }, jar: early });
    expect((await db().selectFrom("drafts").select("outreach_link_id").orderBy("id", "desc").executeTakeFirstOrThrow()).outreach_link_id).toBeNull();
    expect(await countsFor(id)).toEqual([]);

    expect((await setState(moderator, id, "resume")).response.status).toBe(303);
    expect((await followAndSend(slug, code)).response.outreach_link_id).toBe(id);
    expect(await auditOf(id)).toEqual([{ action: "outreach.create" }, { action: "outreach.pause" }, { action: "outreach.resume" }]);
  });

  it("answer an unknown short address with a 404 in the person's language", async () => {
    const english = await call(shortAddress.loader, { path: "/s/ZZZZZZ", params: { code: "ZZZZZZ" } });
    expect(english.response.status).toBe(404);
    expect(await readJson(english.response)).toMatchObject({ kind: "linkNotFound", title: "We cannot find that link", link: { to: "/surveys" } });

    const polish = await call(shortAddress.loader, { path: "/s/abc?lng=pl", params: { code: "abc" } });
    expect(polish.response.status).toBe(404);
    expect(await readJson(polish.response)).toMatchObject({ kind: "linkNotFound", title: "Nie możemy znaleźć tego linku" });
  });

  it("print as a poster and cards in each language the survey is complete in, and as PDF where the font covers it", async () => {
    const moderator = await createStaff(db(), "moderator");
    const slug = await createParentSurvey(db());
    const id = await newLink(moderator, slug);
    const { code } = await linkRow(id);
    const open = (lang: string, size = "") =>
      call(poster.loader, { path: `/moderate/outreach/${id}/poster/${lang}${size}`, params: { id: String(id), lang }, ...as(moderator) });

    const polish = await readJson<{ size: string; poster: { title: string; time: string; forWhom: string; address: { short: string }; qr: string } }>(
      (await open("pl")).response,
    );
    const survey = (await getSurvey(db(), slug, "pl"))!;
    expect(polish.size).toBe("poster");
    expect(polish.poster).toMatchObject({
      title: survey.title,
      forWhom: "Dla rodziców i opiekunów",
      address: { short: expect.stringMatching(new RegExp(`/s/${code}$`)) },
    });
    expect(polish.poster.qr).toContain("<svg");
    expect((await readJson<{ size: string }>((await open("pl", "?size=card")).response)).size).toBe("card");
    expect((await open("xx")).response.status).toBe(404);

    for (const lang of ["en", "pl", "ro"]) {
      const file = await call(pdf.loader, { path: `/moderate/outreach/${id}/pdf/${lang}`, params: { id: String(id), lang }, ...as(moderator) });
      expect(file.response.headers.get("Content-Type")).toBe("application/pdf");
      expect(
        Buffer.from(await file.response.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe("%PDF-");
    }
    const rtl = await call(pdf.loader, { path: `/moderate/outreach/${id}/pdf/ar`, params: { id: String(id), lang: "ar" }, ...as(moderator) });
    expect(rtl.response.status).toBe(404);
  });
});
