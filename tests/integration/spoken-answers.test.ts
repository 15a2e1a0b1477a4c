import type { AppLoadContext } from "@remix-run/node";
import { getDb } from "~/db.server";
import { eraseByModerator } from "~/responses/erasure.server";
import * as spokenAudio from "~/routes/moderate.spoken.$id_.audio";
import * as spokenPage from "~/routes/moderate.spoken.$id";
import * as safeguardingList from "~/routes/moderate.safeguarding._index";
import * as responsePage from "~/routes/moderate.responses.$id";
import * as check from "~/routes/surveys.$slug.check";
import * as consent from "~/routes/surveys.$slug.consent";
import * as question from "~/routes/surveys.$slug.questions.$key";
import * as start from "~/routes/surveys.$slug._index";
import * as spokenSettings from "~/routes/admin.settings_.spoken";
import { forgetSettings, saveSettings } from "~/settings.server";
import { purgeUntypedRecordings } from "~/spoken/recordings.server";
import { deleteExpiredDrafts } from "~/surveys/drafts.server";
import { parentSurvey, youngPeopleSurvey, createParentSurvey, createYoungPeopleSurvey, createStaff } from "../support/factories";
import { pngBytes, sineWav } from "../support/audio";
import { call, CookieJar, readJson } from "../support/remix";

const db = () => getDb();
type RouteFunction = (args: { request: Request; params: Record<string, string>; context: AppLoadContext }) => unknown;

/** Posts a question page as a browser does when it carries a file: multipart, the typed answer and the recording together. */
async function postPage(slug: string, key: string, jar: CookieJar, fields: [string, string | File][]) {
  const form = new FormData();
  for (const [name, value] of fields) form.append(name, value);
  const request = new Request(`http://localhost/surveys/${slug}/questions/${key}`, { method: "POST", body: form, headers: { Cookie: jar.header() } });
  const context: AppLoadContext = { cspNonce: "test-nonce", clientAddress: "192.0.2.1" };
  let response: Response;
  try {
    const result = await (question.action as RouteFunction)({ request, params: { slug, key }, context });
    response = result instanceof Response ? result : Response.json(result);
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    response = thrown;
  }
  jar.store(response);
  return response;
}

const wavFile = (seconds: number, name = "answer.wav") => new File([new Uint8Array(sineWav(seconds))], name, { type: "audio/wav" });

/** A parents' survey whose two free-text questions share a page and the second is required, answered up to that page. */
async function parentsToTheLastPage() {
  const slug = await createParentSurvey(db(), {
    questions: parentSurvey.questions.map((q) => (q.key === "one-change" ? { ...q, required: true, samePage: true } : q)),
  });
  const jar = new CookieJar();
  await call(start.action, { path: `/surveys/${slug}`, params: { slug }, form: { intent: "start" }, jar });
  for (const key of ["contact-reply", "setting-support", "views-listened-to"]) {
    await call(question.action, { path: `/surveys/${slug}/questions/${key}`, params: { slug, key }, form: { intent: "continue", answer: "agree" }, jar });
  }
  const ids = Object.fromEntries(
    (
      await db().selectFrom("questions as q").innerJoin("surveys as s", "s.id", "q.survey_id").select(["q.id", "q.key"]).where("s.slug", "=", slug).execute()
    ).map((row) => [row.key, row.id]),
  );
  return { slug, jar, working: `answer-${ids["working-well"]}`, change: `answer-${ids["one-change"]}`, changeId: ids["one-change"] as number };
}

async function send(slug: string, jar: CookieJar) {
  const sent = await call(consent.action, { path: `/surveys/${slug}/consent`, params: { slug }, form: { quote: "yes", website: "" }, jar });
  expect(sent.response.status).toBe(303);
  return db()
    .selectFrom("responses as r")
    .innerJoin("surveys as s", "s.id", "r.survey_id")
    .select(["r.id", "r.flagged"])
    .where("s.slug", "=", slug)
    .orderBy("r.id", "desc")
    .executeTakeFirstOrThrow();
}

/** The recordings still with a survey's unsent drafts. */
const draftRecordingsOf = (slug: string) =>
  db()
    .selectFrom("spoken_answers as s")
    .innerJoin("drafts as d", "d.id", "s.draft_id")
    .innerJoin("surveys as v", "v.id", "d.survey_id")
    .leftJoin("spoken_audio as a", "a.spoken_answer_id", "s.id")
    .select(["s.id", "a.spoken_answer_id as audio"])
    .where("v.slug", "=", slug)
    .execute();

const recordingsOf = (responseId: number) =>
  db()
    .selectFrom("spoken_answers as s")
    .leftJoin("spoken_audio as a", "a.spoken_answer_id", "s.id")
    .select(["s.id", "s.draft_id", "s.mime_type", "s.duration_ms", "s.transcribed_by", "s.audio_removed_at", "a.bytes"])
    .where("s.response_id", "=", responseId)
    .execute();

/** A parent sends the page with words for the first question and only a recording for the required second one. */
async function sentWithRecording() {
  const page = await parentsToTheLastPage();
  const saved = await postPage(page.slug, "working-well", page.jar, [
    ["intent", "continue"],
    [page.working, "The new key worker rings back."],
    [page.change, ""],
    [`${page.change}-recording`, wavFile(1)],
  ]);
  expect(saved.status).toBe(303);
  const response = await send(page.slug, page.jar);
  const [recording] = await recordingsOf(response.id);
  return { ...page, response, recording };
}

afterEach(async () => {
  await saveSettings(db(), { spoken_max_minutes: "3", spoken_max_mb: "10", spoken_keep_days: "90" });
  forgetSettings();
});

describe("a spoken answer from the respondent", () => {
  it("counts as an answer to a required question, shows on the check page and moves to the response when sent", async () => {
    const page = await parentsToTheLastPage();
    const saved = await postPage(page.slug, "working-well", page.jar, [
      ["intent", "continue"],
      [page.working, "The new key worker rings back."],
      [page.change, ""],
      [`${page.change}-recording`, wavFile(1)],
    ]);
    expect(saved.status).toBe(303);
    const checked = await readJson<{ rows: { key: string; text: string | null; spoken: { length: string } | null }[]; continueTo: string }>(
      (await call(check.loader, { path: `/surveys/${page.slug}/check`, params: { slug: page.slug }, jar: page.jar })).response,
    );
    expect(checked.rows.find((row) => row.key === "one-change")?.spoken).toEqual({ length: "0:01" });
    expect(checked.continueTo).toBe(`/surveys/${page.slug}/consent`);

    const response = await send(page.slug, page.jar);
    expect(response.flagged).toBe(0);
    const [recording] = await recordingsOf(response.id);
    expect(recording).toMatchObject({ draft_id: null, mime_type: "audio/wav", duration_ms: 1000, transcribed_by: null, audio_removed_at: null });
    expect(Buffer.from(recording.bytes!).subarray(0, 4).toString("ascii")).toBe("RIFF");
    const answers = await db().selectFrom("answers").select(["question_id", "text"]).where("response_id", "=", response.id).execute();
    expect(answers.map((a) => a.text)).toContain("The new key worker rings back.");
    expect(answers.some((a) => a.question_id === page.changeId)).toBe(false);
  });

  it("refuses a renamed text file and a picture by their content, keeping the typed answer and storing nothing", async () => {
    const page = await parentsToTheLastPage();
    for (const file of [
      new File(["This is a letter, not a recording."], "answer.wav", { type: "audio/wav" }),
      new File([new Uint8Array(pngBytes)], "answer.mp3", { type: "audio/mpeg" }),
    ]) {
      const refused = await postPage(page.slug, "working-well", page.jar, [
        ["intent", "continue"],
        [page.working, "Typed words stay."],
        [page.change, "And these."],
        [`${page.change}-recording`, file],
      ]);
      expect(refused.status).toBe(400);
      const body = await readJson<{ errors: { field: string; message: string }[]; submitted: Record<string, string> }>(refused);
      expect(body.errors).toEqual([
        { field: `${page.change}-recording`, message: "The file you chose is not a sound recording. Choose a recording, or type your answer" },
      ]);
      expect(body.submitted).toEqual({ [page.working]: "Typed words stay.", [page.change]: "And these." });
    }
    expect(await draftRecordingsOf(page.slug)).toEqual([]);
  });

  it("refuses a recording longer or larger than the settings allow, with the rest of the form read", async () => {
    await saveSettings(db(), { spoken_max_minutes: "1", spoken_max_mb: "1" });
    const page = await parentsToTheLastPage();
    const tooLong = await postPage(page.slug, "working-well", page.jar, [
      ["intent", "continue"],
      [page.working, "Kept."],
      [`${page.change}-recording`, wavFile(61)],
      [page.change, ""],
    ]);
    expect(tooLong.status).toBe(400);
    expect((await readJson<{ errors: { message: string }[] }>(tooLong)).errors.map((e) => e.message)).toContain(
      "The recording must be 1 minute or shorter. Record a shorter answer, or type it",
    );
    const big = new File([new Uint8Array(1024 * 1024 + 10)], "long.wav", { type: "audio/wav" });
    const tooLarge = await postPage(page.slug, "working-well", page.jar, [
      ["intent", "continue"],
      [`${page.change}-recording`, big],
      // After the file: the parser goes on past the part it stopped keeping.
      [page.working, "Still kept."],
      [page.change, "Typed after the file."],
    ]);
    expect(tooLarge.status).toBe(400);
    const body = await readJson<{ errors: { message: string }[]; submitted: Record<string, string> }>(tooLarge);
    expect(body.errors.map((e) => e.message)).toEqual(["The recording must be smaller than 1 MB. Record a shorter answer, or type it"]);
    expect(body.submitted).toEqual({ [page.working]: "Still kept.", [page.change]: "Typed after the file." });
    expect(await draftRecordingsOf(page.slug)).toEqual([]);
  });

  it("can be removed before sending, and then the required question asks again", async () => {
    const page = await parentsToTheLastPage();
    await postPage(page.slug, "working-well", page.jar, [
      ["intent", "continue"],
      [page.change, ""],
      [`${page.change}-recording`, wavFile(1)],
    ]);
    const removed = await postPage(page.slug, "working-well", page.jar, [
      ["intent", "continue"],
      [page.change, ""],
      [`${page.change}-remove-recording`, "yes"],
    ]);
    expect(removed.status).toBe(400);
    expect((await readJson<{ errors: { field: string }[] }>(removed)).errors.map((e) => e.field)).toEqual([page.change]);
    expect(await draftRecordingsOf(page.slug)).toEqual([]);
  });
});

describe("typing up a spoken answer", () => {
  it("puts the words in the answer, runs the safeguarding check on them and deletes the recording", async () => {
    const { response, recording } = await sentWithRecording();
    const moderator = await createStaff(db(), "moderator");
    const typed = await call(spokenPage.action, {
      path: `/moderate/spoken/${recording.id}`,
      params: { id: String(recording.id) },
      form: { csrf: moderator.csrf, intent: "transcribe", transcript: "The ehcp is late and my stepdad hits me" },
      headers: { Cookie: moderator.cookie },
    });
    expect(typed.response.status).toBe(303);
    const held = await db().selectFrom("responses").select(["flagged", "possible_concern"]).where("id", "=", response.id).executeTakeFirstOrThrow();
    expect(held).toEqual({ flagged: 1, possible_concern: 1 });
    const concern = await db().selectFrom("safeguarding_concerns").select(["source"]).where("response_id", "=", response.id).executeTakeFirstOrThrow();
    expect(concern.source).toBe("detected");
    const [after] = await recordingsOf(response.id);
    expect(after).toMatchObject({ transcribed_by: moderator.id, bytes: null });
    expect(after.audio_removed_at).not.toBeNull();
    const answer = await db().selectFrom("answers").select("text").where("response_id", "=", response.id).where("text", "like", "%stepdad%").executeTakeFirst();
    expect(answer?.text).toBe("The ehcp is late and my stepdad hits me");
    const audit = await db()
      .selectFrom("audit_log")
      .select(["action", "after"])
      .where("action", "=", "spoken.transcribe")
      .where("entity_id", "=", String(response.id))
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].after).not.toContain("stepdad");
  });

  it("counts the typed-up words like typed ones, and the page says who typed them up", async () => {
    const { response, recording, changeId } = await sentWithRecording();
    const moderator = await createStaff(db(), "moderator");
    await call(spokenPage.action, {
      path: `/moderate/spoken/${recording.id}`,
      params: { id: String(recording.id) },
      form: { csrf: moderator.csrf, intent: "transcribe", transcript: "Please answer emails within a week." },
      headers: { Cookie: moderator.cookie },
    });
    expect((await db().selectFrom("responses").select("flagged").where("id", "=", response.id).executeTakeFirstOrThrow()).flagged).toBe(0);
    const answer = await db()
      .selectFrom("answers")
      .select("text")
      .where("response_id", "=", response.id)
      .where("question_id", "=", changeId)
      .executeTakeFirstOrThrow();
    expect(answer.text).toBe("Please answer emails within a week.");
    const page = await readJson<{ spoken: { typedBy: { name: string } | null; playable: boolean }[] }>(
      (
        await call(responsePage.loader, {
          path: `/moderate/responses/${response.id}`,
          params: { id: String(response.id) },
          headers: { Cookie: moderator.cookie },
        })
      ).response,
    );
    expect(page.spoken).toEqual([
      expect.objectContaining({ typedBy: expect.objectContaining({ name: expect.stringMatching(/^moderator/) }), playable: false }),
    ]);
    const gone = await call(spokenAudio.loader, {
      path: `/moderate/spoken/${recording.id}/audio`,
      params: { id: String(recording.id) },
      headers: { Cookie: moderator.cookie },
    });
    expect(gone.response.status).toBe(404);
  });

  it("asks again, with what was typed, when the transcript is empty", async () => {
    const { recording, response: sent } = await sentWithRecording();
    const moderator = await createStaff(db(), "moderator");
    const { response } = await call(spokenPage.action, {
      path: `/moderate/spoken/${recording.id}`,
      params: { id: String(recording.id) },
      form: { csrf: moderator.csrf, intent: "transcribe", transcript: "   " },
      headers: { Cookie: moderator.cookie },
    });
    expect(response.status).toBe(400);
    expect((await readJson<{ errors: { field: string; message: string }[] }>(response)).errors).toEqual([
      { field: "transcript", message: "Type what was said" },
    ]);
    expect((await recordingsOf(sent.id))[0].bytes).not.toBeNull();
  });
});

describe("a young person's spoken answer", () => {
  it("holds the response on the lead's listen-today list until typed up, and only leads can hear it", async () => {
    const slug = await createYoungPeopleSurvey(db());
    const jar = new CookieJar();
    await call(start.action, { path: `/surveys/${slug}`, params: { slug }, form: { intent: "start" }, jar });
    for (const key of ["school-feel", "adults-listen"]) {
      await call(question.action, { path: `/surveys/${slug}/questions/${key}`, params: { slug, key }, form: { intent: "continue", answer: "good" }, jar });
    }
    expect(youngPeopleSurvey.questions.find((q) => q.key === "best-thing")?.kind).toBe("free_text");
    const saved = await postPage(slug, "best-thing", jar, [
      ["intent", "continue"],
      ["answer", ""],
      ["answer-recording", wavFile(2)],
    ]);
    expect(saved.status).toBe(303);
    const response = await send(slug, jar);
    expect(response.flagged).toBe(1);
    const [recording] = await recordingsOf(response.id);

    const lead = await createStaff(db(), "safeguarding_lead");
    const moderator = await createStaff(db(), "moderator");
    const list = await readJson<{ listen: { id: number; length: string; overdue: boolean }[] }>(
      (await call(safeguardingList.loader, { path: "/moderate/safeguarding", headers: { Cookie: lead.cookie } })).response,
    );
    expect(list.listen).toEqual([expect.objectContaining({ id: recording.id, length: "0:02", overdue: false })]);
    const forModerator = await call(spokenPage.loader, {
      path: `/moderate/spoken/${recording.id}`,
      params: { id: String(recording.id) },
      headers: { Cookie: moderator.cookie },
    });
    expect(forModerator.response.status).toBe(404);

    const typed = await call(spokenPage.action, {
      path: `/moderate/spoken/${recording.id}`,
      params: { id: String(recording.id) },
      form: { csrf: lead.csrf, intent: "transcribe", transcript: "I like art club." },
      headers: { Cookie: lead.cookie },
    });
    expect(typed.response.status).toBe(303);
    expect((await db().selectFrom("responses").select("flagged").where("id", "=", response.id).executeTakeFirstOrThrow()).flagged).toBe(0);
    const after = await readJson<{ listen: unknown[] }>(
      (await call(safeguardingList.loader, { path: "/moderate/safeguarding", headers: { Cookie: lead.cookie } })).response,
    );
    expect(after.listen).toEqual([]);
  });
});

describe("who can play a recording", () => {
  it("gives moderators, leads and administrators the audio with safe headers; supporters 403; anonymous to sign-in", async () => {
    const { recording } = await sentWithRecording();
    const path = `/moderate/spoken/${recording.id}/audio`;
    const params = { id: String(recording.id) };
    const anonymous = await call(spokenAudio.loader, { path, params });
    expect(anonymous.response.status).toBe(302);
    expect(anonymous.response.headers.get("Location")).toMatch(/^\/sign-in\?redirectTo=/);
    const supporter = await createStaff(db(), "supporter");
    expect((await call(spokenAudio.loader, { path, params, headers: { Cookie: supporter.cookie } })).response.status).toBe(403);
    for (const role of ["moderator", "safeguarding_lead", "administrator"] as const) {
      const person = await createStaff(db(), role);
      const { response } = await call(spokenAudio.loader, { path, params, headers: { Cookie: person.cookie } });
      expect(response.status, role).toBe(200);
      expect(
        Object.fromEntries(["Content-Type", "Cache-Control", "Content-Disposition", "X-Content-Type-Options"].map((h) => [h, response.headers.get(h)])),
      ).toEqual({
        "Content-Type": "audio/wav",
        "Cache-Control": "no-store",
        "Content-Disposition": "inline",
        "X-Content-Type-Options": "nosniff",
      });
      expect(
        Buffer.from(await response.arrayBuffer())
          .subarray(8, 12)
          .toString("ascii"),
      ).toBe("WAVE");
    }
    const plays = await db()
      .selectFrom("audit_log")
      .select("user_id")
      .where("action", "=", "spoken.play")
      .where("after", "like", `%"spokenAnswer":${recording.id}}%`)
      .execute();
    expect(plays).toHaveLength(3);
  });
});

describe("recordings leave with what they belong to", () => {
  it("go with a draft that expires", async () => {
    const page = await parentsToTheLastPage();
    await postPage(page.slug, "working-well", page.jar, [
      ["intent", "save"],
      [`${page.change}-recording`, wavFile(1)],
    ]);
    const [kept] = await draftRecordingsOf(page.slug);
    expect(kept.audio).toBe(kept.id);
    await deleteExpiredDrafts(db(), new Date(Date.now() + 31 * 24 * 60 * 60 * 1000));
    expect(await db().selectFrom("spoken_answers").select("id").where("id", "=", kept.id).execute()).toEqual([]);
    expect(await db().selectFrom("spoken_audio").select("spoken_answer_id").where("spoken_answer_id", "=", kept.id).execute()).toEqual([]);
  });

  it("go with a response that is erased", async () => {
    const { response, recording } = await sentWithRecording();
    const moderator = await createStaff(db(), "moderator");
    await eraseByModerator(db(), response.id, "Asked by phone", moderator.id);
    expect(await db().selectFrom("spoken_answers").select("id").where("id", "=", recording.id).execute()).toEqual([]);
    expect(await db().selectFrom("spoken_audio").select("spoken_answer_id").where("spoken_answer_id", "=", recording.id).execute()).toEqual([]);
  });

  it("lose their bytes when untyped past the retention setting, keeping the small row and the typed answer", async () => {
    const { response } = await sentWithRecording();
    await saveSettings(db(), { spoken_keep_days: "5" });
    await purgeUntypedRecordings(db(), new Date(Date.now() + 4 * 24 * 60 * 60 * 1000));
    expect((await recordingsOf(response.id))[0].bytes).not.toBeNull();
    expect(await purgeUntypedRecordings(db(), new Date(Date.now() + 6 * 24 * 60 * 60 * 1000))).toBeGreaterThanOrEqual(1);
    const [row] = await recordingsOf(response.id);
    expect(row.bytes).toBeNull();
    expect(row.audio_removed_at).not.toBeNull();
    expect(await db().selectFrom("answers").select("text").where("response_id", "=", response.id).where("text", "is not", null).execute()).toEqual([
      { text: "The new key worker rings back." },
    ]);
  });
});

describe("recordings and the retention of free text", () => {
  it("are never kept longer than typed words are", async () => {
    const { response } = await sentWithRecording();
    // 90 days to be typed up, but free text older than a moment from now is due to go: the recording goes with it.
    expect(await purgeUntypedRecordings(db(), new Date(), new Date(Date.now() + 60_000).toISOString())).toBeGreaterThanOrEqual(1);
    expect((await recordingsOf(response.id))[0].bytes).toBeNull();
  });
});

describe("the spoken-answer settings", () => {
  it("saves whole numbers in range, and refuses others with the values kept and nothing changed", async () => {
    const admin = await createStaff(db(), "administrator");
    const post = (form: Record<string, string>) =>
      call(spokenSettings.action, { path: "/admin/settings/spoken", form: { csrf: admin.csrf, ...form }, headers: { Cookie: admin.cookie } });
    const refused = await post({ spoken_max_minutes: "0", spoken_max_mb: "30", spoken_keep_days: "ninety" });
    expect(refused.response.status).toBe(400);
    const body = await readJson<{ errors: { field: string; message: string }[]; values: Record<string, string> }>(refused.response);
    expect(body.errors.map((e) => e.field)).toEqual(["spoken_max_minutes", "spoken_max_mb", "spoken_keep_days"]);
    expect(body.errors[0].message).toBe("Enter a whole number of minutes from 1 to 10");
    expect(body.values).toMatchObject({ spoken_max_minutes: "0", spoken_keep_days: "ninety" });
    const saved = await post({ spoken_max_minutes: "5", spoken_max_mb: "20", spoken_keep_days: "30" });
    expect(saved.response.status).toBe(303);
    forgetSettings();
    const stored = await db().selectFrom("settings").select(["key", "value"]).where("key", "like", "spoken_%").orderBy("key").execute();
    expect(stored).toEqual([
      { key: "spoken_keep_days", value: "30" },
      { key: "spoken_max_mb", value: "20" },
      { key: "spoken_max_minutes", value: "5" },
    ]);
  });
});
