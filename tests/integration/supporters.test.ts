import { getDb } from "~/db.server";
import { fixedT } from "~/i18n/i18n.server";
import { queueCounts, queuePage } from "~/moderation/queue.server";
import { nextStep } from "~/accounts/sign-in-steps.server";
import * as secondFactor from "~/routes/account.second-factor";
import * as users from "~/routes/admin.users._index";
import * as queue from "~/routes/moderate._index";
import * as exportsPage from "~/routes/moderate.exports._index";
import * as download from "~/routes/moderate.exports.download";
import * as insight from "~/routes/moderate.insight";
import * as responsePage from "~/routes/moderate.responses.$id";
import * as safeguarding from "~/routes/moderate.safeguarding._index";
import * as signIn from "~/routes/sign-in";
import * as supportList from "~/routes/support._index";
import * as supportStart from "~/routes/support.$slug";
import * as check from "~/routes/surveys.$slug.check";
import * as confirmation from "~/routes/surveys.$slug.confirmation";
import * as consent from "~/routes/surveys.$slug.consent";
import * as question from "~/routes/surveys.$slug.questions.$key";
import * as slip from "~/routes/surveys.$slug.slip";
import { createEveryKindSurvey, createStaff } from "../support/factories";
import { call, CookieJar, readJson } from "../support/remix";

const db = () => getDb();

/** A browser in which this member of staff is signed in. */
function signedIn(person: { cookie: string }) {
  const jar = new CookieJar();
  jar.store(new Response(null, { headers: { "Set-Cookie": person.cookie } }));
  return jar;
}

function start(slug: string, form: Record<string, string>, jar: CookieJar, csrf: string) {
  return call(supportStart.action, { path: `/support/${slug}`, params: { slug }, form: { csrf, ...form }, jar });
}

async function answerAll(slug: string, jar: CookieJar) {
  for (const [key, value] of [
    ["route", "left"],
    ["left-only", "yes"],
    ["agree", "agree"],
    ["faces", "good"],
    ["many", ["a"]],
    ["words", "More replies"],
    ["age", "prefer_not_to_say"],
  ] as const) {
    const { response } = await call(question.action, {
      path: `/surveys/${slug}/questions/${key}`,
      params: { slug, key },
      form: { intent: "continue", answer: value as string | string[] },
      jar,
    });
    expect(response.status, key).toBe(303);
  }
  const sent = await call(consent.action, { path: `/surveys/${slug}/consent`, params: { slug }, form: { quote: "no" }, jar });
  expect(sent.response.status).toBe(303);
}

const latestResponse = (slug: string) =>
  db()
    .selectFrom("responses as r")
    .innerJoin("surveys as s", "s.id", "r.survey_id")
    .selectAll("r")
    .where("s.slug", "=", slug)
    .orderBy("r.id", "desc")
    .executeTakeFirstOrThrow();

describe("supported responses", () => {
  it("marks a response a supporter helped with by its kind of help, and never by who helped", async () => {
    const slug = await createEveryKindSurvey(db());
    const supporter = await createStaff(db(), "supporter");
    const jar = signedIn(supporter);

    const list = await call(supportList.loader, { path: "/support", jar });
    expect(list.response.status).toBe(200);
    expect((await readJson<{ surveys: { slug: string }[] }>(list.response)).surveys.map((s) => s.slug)).toContain(slug);

    const started = await start(slug, { consent: "yes", kind: "interpreting", language: " Polish ", lang: "en" }, jar, supporter.csrf);
    expect(started.response.status).toBe(303);
    expect(started.response.headers.get("Location")).toBe(`/surveys/${slug}/questions/route?lng=en`);
    await answerAll(slug, jar);

    const stored = await latestResponse(slug);
    expect(stored.support_kind).toBe("interpreting");
    expect(stored.support_language).toBe("Polish");
    // Nothing on the response points at the supporter.
    expect(Object.keys(stored).filter((column) => /user|supporter|staff/.test(column))).toEqual([]);
    const person = await db().selectFrom("users").select(["name", "email"]).where("id", "=", supporter.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(person.email);
    expect(JSON.stringify(stored)).not.toContain(person.name);

    // The audit log says who started a supported draft of which survey, never which response.
    const entries = await db().selectFrom("audit_log").selectAll().where("user_id", "=", supporter.id).where("action", "=", "support.start").execute();
    expect(entries).toHaveLength(1);
    expect(entries[0].entity).toBe("survey");
    expect(entries[0].after).not.toContain(String(stored.id));

    // Staff see how it was helped on the response page, and can filter the queue by it.
    const moderator = await createStaff(db(), "moderator");
    const page = await call(responsePage.loader, {
      path: `/moderate/responses/${stored.id}`,
      params: { id: String(stored.id) },
      headers: { Cookie: moderator.cookie },
    });
    expect(page.response.status).toBe(200);
    const shown = await readJson<{ response: { support: { kind: string; language: string } } }>(page.response);
    expect(shown.response.support).toEqual({ kind: "interpreting", language: "Polish" });
    expect(fixedT("en", "staff")("support.response.interpreting", { language: "Polish" })).toBe("Supported: interpreting from Polish");

    const ids = async (support?: "any" | "interpreting" | "reading_aloud") =>
      (await queuePage(db(), { survey: slug, support }, "en")).rows.map((row) => row.id);
    expect(await ids("any")).toEqual([stored.id]);
    expect(await ids("interpreting")).toEqual([stored.id]);
    expect(await ids("reading_aloud")).toEqual([]);
    expect(await queueCounts(db(), { survey: slug, support: "interpreting" })).toEqual({ new: 1, in_review: 0, done: 0 });
    expect(await queueCounts(db(), { survey: slug, support: "reading_aloud" })).toEqual({ new: 0, in_review: 0, done: 0 });
    const viaPage = await call(queue.loader, { path: `/moderate?survey=${slug}&support=interpreting`, headers: { Cookie: moderator.cookie } });
    expect((await readJson<{ page: { rows: { id: number }[] }; filters: { support: string } }>(viaPage.response)).page.rows.map((row) => row.id)).toEqual([
      stored.id,
    ]);
  });

  it("records each kind of help, and counts a supported response like any other", async () => {
    const slug = await createEveryKindSurvey(db());
    const supporter = await createStaff(db(), "supporter");
    for (const kind of ["reading_aloud", "typing", "pictures"]) {
      const jar = signedIn(supporter);
      // A language typed for another kind of help is not kept.
      expect((await start(slug, { consent: "yes", kind, language: "Welsh", lang: "en" }, jar, supporter.csrf)).response.status).toBe(303);
      await answerAll(slug, jar);
      const stored = await latestResponse(slug);
      expect(stored.support_kind).toBe(kind);
      expect(stored.support_language).toBeNull();
    }
    const unsupported = await queueCounts(db(), { survey: slug });
    expect(unsupported.new).toBe(3);
    expect((await queueCounts(db(), { survey: slug, support: "any" })).new).toBe(3);
  });

  it("refuses a start without the person's agreement, or interpreting without a language: 400, the errors in order, nothing typed lost, nothing made", async () => {
    const slug = await createEveryKindSurvey(db());
    const supporter = await createStaff(db(), "supporter");
    const jar = signedIn(supporter);
    const drafts = async () =>
      Number(
        (
          await db()
            .selectFrom("drafts")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await drafts();

    const { response } = await start(slug, { kind: "interpreting", language: "", lang: "en" }, jar, supporter.csrf);
    expect(response.status).toBe(400);
    const body = await readJson<{ errors: { field: string; message: string }[]; values: Record<string, string> }>(response);
    expect(body.errors).toEqual([
      { field: "consent", message: "Tick the box to confirm the person has agreed to answer" },
      { field: "language", message: "Enter the language you are interpreting from" },
    ]);
    expect(body.values).toMatchObject({ kind: "interpreting", lang: "en" });
    expect(response.headers.get("Set-Cookie")).toBeNull();

    const noKind = await start(slug, { consent: "yes", lang: "xx" }, jar, supporter.csrf);
    expect(noKind.response.status).toBe(400);
    expect((await readJson<{ errors: { field: string }[] }>(noKind.response)).errors.map((error) => error.field)).toEqual(["kind", "lang"]);

    // In the supporter's language.
    const polish = await call(supportStart.action, {
      path: `/support/${slug}?lng=pl`,
      params: { slug },
      form: { csrf: supporter.csrf, kind: "typing", lang: "en" },
      jar,
    });
    expect(polish.response.status).toBe(400);
    expect((await readJson<{ errors: { message: string }[] }>(polish.response)).errors[0].message).toBe(fixedT("pl", "staff")("support.errors.consent"));

    // Without the session's CSRF token: refused before anything is read.
    const forged = await start(slug, { csrf: "forged", consent: "yes", kind: "typing", lang: "en" }, jar, "forged");
    expect(forged.response.status).toBe(403);
    expect(await drafts()).toBe(before);
  });

  it("cannot reopen answers once sent: the question and check pages go to the confirmation, which shows the reference and a slip", async () => {
    const slug = await createEveryKindSurvey(db());
    const supporter = await createStaff(db(), "supporter");
    const jar = signedIn(supporter);
    await start(slug, { consent: "yes", kind: "typing", lang: "en" }, jar, supporter.csrf);
    await answerAll(slug, jar);
    const stored = await latestResponse(slug);

    const again = await call(question.loader, { path: `/surveys/${slug}/questions/words`, params: { slug, key: "words" }, jar });
    expect(again.response.status).toBe(303);
    expect(again.response.headers.get("Location")).toBe(`/surveys/${slug}/confirmation`);
    const changed = await call(question.action, {
      path: `/surveys/${slug}/questions/words`,
      params: { slug, key: "words" },
      form: { intent: "continue", answer: "Changed afterwards" },
      jar,
    });
    expect(changed.response.status).toBe(303);
    expect(changed.response.headers.get("Location")).toBe(`/surveys/${slug}/confirmation`);
    const checkPage = await call(check.loader, { path: `/surveys/${slug}/check`, params: { slug }, jar });
    expect(checkPage.response.headers.get("Location")).toBe(`/surveys/${slug}/confirmation`);
    const words = await db().selectFrom("answers").select("text").where("response_id", "=", stored.id).where("text", "is not", null).execute();
    expect(words.map((word) => word.text)).toEqual(["More replies"]);

    const done = await call(confirmation.loader, { path: `/surveys/${slug}/confirmation`, params: { slug }, jar });
    const shown = await readJson<Record<string, unknown>>(done.response);
    expect(shown.slip).toBe(`/surveys/${slug}/slip`);
    expect(JSON.stringify(shown)).not.toContain("More replies");
    const printed = await call(slip.loader, { path: `/surveys/${slug}/slip`, params: { slug }, jar });
    expect(printed.response.status).toBe(200);
    const slipData = await readJson<{ reference: string; address: string }>(printed.response);
    expect(slipData.reference.replace(/-/g, "")).toBe(stored.reference);
    expect(slipData.address).toMatch(/\/my-feedback$/);
    expect(JSON.stringify(slipData)).not.toContain("More replies");

    // The draft keeps nothing of the answers.
    const draft = await db().selectFrom("drafts").select("answers").where("response_id", "=", stored.id).executeTakeFirstOrThrow();
    expect(draft.answers).toBe("{}");
  });

  it("offers no slip to someone who answered alone", async () => {
    const slug = await createEveryKindSurvey(db());
    const moderator = await createStaff(db(), "moderator");
    const jar = signedIn(moderator);
    // Staff may help someone answer too; this one starts the public way, as any respondent.
    const { action: publicStart } = await import("~/routes/surveys.$slug._index");
    await call(publicStart, { path: `/surveys/${slug}`, params: { slug }, form: { intent: "start" }, jar });
    await answerAll(slug, jar);
    const done = await call(confirmation.loader, { path: `/surveys/${slug}/confirmation`, params: { slug }, jar });
    expect((await readJson<{ slip: string | null }>(done.response)).slip).toBeNull();
    expect((await latestResponse(slug)).support_kind).toBeNull();
  });

  it("lets a supporter read no response: the queue, a response, exports, safeguarding and the dashboard are all 403", async () => {
    const slug = await createEveryKindSurvey(db());
    const supporter = await createStaff(db(), "supporter");
    const jar = signedIn(supporter);
    await start(slug, { consent: "yes", kind: "pictures", lang: "en" }, jar, supporter.csrf);
    await answerAll(slug, jar);
    const id = String((await latestResponse(slug)).id);
    const headers = { Cookie: supporter.cookie };
    const refused = [
      call(queue.loader, { path: "/moderate", headers }),
      call(queue.loader, { path: `/moderate?support=pictures`, headers }),
      call(responsePage.loader, { path: `/moderate/responses/${id}`, params: { id }, headers }),
      call(exportsPage.loader, { path: "/moderate/exports", headers }),
      call(download.loader, { path: `/moderate/exports/download?survey=${slug}&format=csv`, headers }),
      call(safeguarding.loader, { path: "/moderate/safeguarding", headers }),
      call(insight.loader, { path: "/moderate/insight", headers }),
    ];
    for (const { response } of await Promise.all(refused)) {
      expect(response.status).toBe(403);
      expect(await readJson(response)).toMatchObject({ kind: "forbidden" });
    }
    // Their own account page is theirs.
    expect((await call(secondFactor.loader, { path: "/account/second-factor", headers })).response.status).toBe(200);
    // And nobody signed in is sent to sign in.
    const anonymous = await call(supportList.loader, { path: "/support" });
    expect(anonymous.response.status).toBe(302);
    expect(anonymous.response.headers.get("Location")).toBe("/sign-in?redirectTo=%2Fsupport");
  });

  it("is added by an administrator like other staff, and needs no second factor", async () => {
    const admin = await createStaff(db(), "administrator");
    const { response } = await call(users.action, {
      path: "/admin/users",
      form: {
        csrf: admin.csrf,
        name: "Priya Shah",
        email: "priya.shah@example.org",
        role: "supporter",
        organisation: "other",
        password: "first day password 2026",
      },
      headers: { Cookie: admin.cookie },
    });
    expect(response.status).toBe(200);
    const added = await db()
      .selectFrom("users")
      .select(["role", "totp_enabled_at", "must_change_password"])
      .where("email", "=", "priya.shah@example.org")
      .executeTakeFirstOrThrow();
    expect(added.role).toBe("supporter");
    // After the temporary password is changed, nothing more is asked: see docs/decisions/028-supported-responses.md.
    expect(nextStep(added, "password")).toBe("change_password");
    expect(nextStep(added, "change_password")).toBeNull();
  });

  it("sends a supporter who signs in to their own page, not the queue", async () => {
    const supporter = await createStaff(db(), "supporter");
    const { response } = await call(signIn.action, {
      path: "/sign-in",
      form: { email: supporter.email, password: supporter.password, redirectTo: "/moderate" },
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe("/support");
    // Already signed in: the sign-in page sends them there too.
    const again = await call(signIn.loader, { path: "/sign-in", headers: { Cookie: supporter.cookie } });
    expect(again.response.headers.get("Location")).toBe("/support");
  });
});
