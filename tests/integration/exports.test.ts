import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { PassThrough } from "node:stream";
import { getDb } from "~/db.server";
import { createPeriod } from "~/actions/periods.server";
import { saveTranslation } from "~/moderation/response.server";
import * as page from "~/routes/moderate.exports._index";
import * as download from "~/routes/moderate.exports.download";
import { formatCode } from "~/surveys/codes";
import { zipBacklog } from "~/exports/xlsx.server";
import { saveQuestion } from "~/surveys/questions.server";
import { getSurvey } from "~/surveys/surveys.server";
import englishSurvey from "../../locales/en/survey.json";
import { createParentSurvey, createResponse, createStaff, counted, holdResponse } from "../support/factories";
import { call, readJson } from "../support/remix";

const db = () => getDb();
type Person = Awaited<ReturnType<typeof createStaff>>;
type Failure = { errors: { field: string; message: string }[]; values: Record<string, string>; canIncludeHeld: boolean };
type Ready = { ready: { count: number; includeHeld: boolean } | null; canIncludeHeld: boolean };

const FIXED = ["Reference", "Sent at (UTC)", "Survey version", "Language", "Who answered", "Status", "Who helped", "Agreed to be quoted", "Themes"];
const fixedLabels = englishSurvey.options as Record<string, string>;

const exportOf = (person: Person, form: Record<string, string>) =>
  call(download.action, { path: "/moderate/exports/download", form: { csrf: person.csrf, format: "csv", ...form }, headers: { Cookie: person.cookie } });

const pageOf = (person: Person | null, query: string) =>
  call(page.loader, { path: `/moderate/exports${query}`, headers: person ? { Cookie: person.cookie } : {} });

/** The file's rows; it starts with a byte-order mark, which Response.text() would hide. */
async function csvRows(response: Response): Promise<string[][]> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parse(Buffer.from(bytes), { bom: true }) as string[][];
}

async function xlsxSheets(response: Response) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  const rows = (name: string) => {
    const sheet = workbook.getWorksheet(name);
    if (!sheet) throw new Error(`no sheet ${name}`);
    const width = sheet.getRow(1).cellCount;
    const out: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => {
      out.push(
        Array.from({ length: width }, (_, index) => {
          const value = row.getCell(index + 1).value;
          return value === null || value === undefined ? "" : String(value);
        }),
      );
    });
    return out;
  };
  return { names: workbook.worksheets.map((sheet) => sheet.name), rows };
}

async function auditRows() {
  const rows = await db()
    .selectFrom("audit_log")
    .select(["user_id", "entity", "entity_id", "after"])
    .where("action", "=", "responses.export")
    .orderBy("id")
    .execute();
  return rows.map((row) => ({ ...row, after: JSON.parse(row.after ?? "{}") as Record<string, unknown> }));
}

/** The survey's questions as the database holds them now, in English: what the columns must say. */
async function storedQuestions(slug: string) {
  const rows = await db()
    .selectFrom("questions as q")
    .innerJoin("surveys as s", "s.id", "q.survey_id")
    .innerJoin("question_translations as t", (join) => join.onRef("t.question_id", "=", "q.id").on("t.lang", "=", "en"))
    .select(["q.id", "q.kind", "q.section", "t.text"])
    .where("s.slug", "=", slug)
    .where("q.removed_at", "is", null)
    .orderBy("q.position")
    .execute();
  const options = await db()
    .selectFrom("question_options as o")
    .innerJoin("option_translations as t", (join) => join.onRef("t.option_id", "=", "o.id").on("t.lang", "=", "en"))
    .select(["o.question_id", "o.value", "t.label"])
    .where(
      "o.question_id",
      "in",
      rows.map((row) => row.id),
    )
    .where("o.retired_at", "is", null)
    .orderBy("o.position")
    .execute();
  return rows.map((row) => ({ ...row, options: options.filter((option) => option.question_id === row.id) }));
}

type Stored = Awaited<ReturnType<typeof storedQuestions>>[number];

function expectedHeader(questions: Stored[], held = false): string[] {
  return [
    ...FIXED,
    ...(held ? ["Held for safeguarding"] : []),
    "Kind of help",
    "Interpreted from",
    ...questions.flatMap((q) =>
      q.kind === "multiple_choice"
        ? q.options.map((o) => `${q.text}: ${o.label}`)
        : q.kind === "free_text"
          ? [q.text, `${q.text} (English translation)`]
          : [q.text],
    ),
  ];
}

const apostrophe = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

/** Checks one exported row against the database's own rows for that response, cell by cell. */
async function expectRowMatches(header: string[], row: string[], questions: Stored[]) {
  const cell = (name: string) => {
    const index = header.indexOf(name);
    expect(index, `column ${name}`).toBeGreaterThanOrEqual(0);
    return row[index];
  };
  const reference = cell("Reference").replace(/-/g, "");
  const response = await db().selectFrom("responses").selectAll().where("reference", "=", reference).executeTakeFirstOrThrow();
  expect(cell("Reference")).toBe(formatCode(response.reference));
  expect(cell("Sent at (UTC)")).toBe(response.submitted_at);
  expect(cell("Survey version")).toBe(String(response.survey_version));
  expect(cell("Status")).toBe({ new: "New", in_review: "In review", done: "Done" }[response.status]);
  expect(cell("Who answered")).toBe({ parent_carer: "Parent or carer", young_person: "Young person" }[response.audience]);
  expect(cell("Agreed to be quoted")).toBe(response.quote_consent ? "Yes" : "No");
  const themes = await db()
    .selectFrom("response_themes as rt")
    .innerJoin("theme_translations as t", (join) => join.onRef("t.theme_id", "=", "rt.theme_id").on("t.lang", "=", "en"))
    .select("t.name")
    .where("rt.response_id", "=", response.id)
    .execute();
  expect(cell("Themes").split("; ").filter(Boolean).sort()).toEqual(themes.map((theme) => theme.name).sort());
  const answers = await db().selectFrom("answers").select(["question_id", "choice", "text", "translation"]).where("response_id", "=", response.id).execute();
  for (const q of questions) {
    const mine = answers.filter((answer) => answer.question_id === q.id);
    const label = (value: string) => q.options.find((o) => o.value === value)?.label ?? fixedLabels[value];
    if (q.kind === "multiple_choice") {
      for (const o of q.options) expect(cell(`${q.text}: ${o.label}`)).toBe(mine.length === 0 ? "" : mine.some((a) => a.choice === o.value) ? "1" : "0");
    } else if (q.kind === "free_text") {
      expect(cell(q.text)).toBe(apostrophe(mine[0]?.text ?? ""));
      expect(cell(`${q.text} (English translation)`)).toBe(apostrophe(mine[0]?.translation ?? ""));
    } else {
      expect(cell(q.text)).toBe(mine.map((a) => label(a.choice as string)).join("; "));
    }
  }
  return response;
}

let counter = 0;
async function period(admin: Person, startsOn: string, endsOn: string) {
  const slug = `export-${++counter}`;
  return { id: await createPeriod(db(), { slug, name: `Export ${counter}`, startsOn, endsOn }, admin.id), slug };
}

async function tag(responseId: number, themeSlug: string, by: number) {
  const theme = await db().selectFrom("themes").select("id").where("slug", "=", themeSlug).executeTakeFirstOrThrow();
  await counted(db(), [responseId], (trx) =>
    trx.insertInto("response_themes").values({ response_id: responseId, theme_id: theme.id, tagged_by: by, tagged_at: new Date().toISOString() }).execute(),
  );
}

async function hold(responseId: number) {
  await holdResponse(db(), responseId);
}

describe("exports", () => {
  let slug: string;
  let moderator: Person;
  let lead: Person;
  let admin: Person;
  let heldId: number;
  let polishId: number;

  beforeAll(async () => {
    slug = await createParentSurvey(db());
    moderator = await createStaff(db(), "moderator");
    lead = await createStaff(db(), "safeguarding_lead");
    admin = await createStaff(db(), "administrator");
    const first = await createResponse(
      db(),
      slug,
      {
        "support-type": "ehc_plan",
        "assessment-on-time": "strongly_disagree",
        "annual-review": "yes",
        "health-waits": ["camhs", "autism_adhd"],
        "one-change": '=HYPERLINK("http://evil.example","Click")',
        "working-well": "-2 weeks was all we waited, thank you",
      },
      new Date("2026-01-10T09:00:00Z"),
    );
    await tag(first, "communication", moderator.id);
    await tag(first, "camhs-mental-health", moderator.id);
    polishId = await createResponse(
      db(),
      slug,
      { "support-type": "prefer_not_to_say", "one-change": "Szybsza odpowiedź na e-maile", "health-waits": ["none"] },
      new Date("2026-02-01T12:30:00Z"),
    );
    await counted(db(), [polishId], (trx) =>
      trx.updateTable("responses").set({ lang: "pl", status: "done", helped_by: "teacher", quote_consent: 0 }).where("id", "=", polishId).execute(),
    );
    const answer = await db().selectFrom("answers").select("id").where("response_id", "=", polishId).where("text", "is not", null).executeTakeFirstOrThrow();
    await saveTranslation(db(), polishId, answer.id, "@team: faster replies to emails", moderator.id);
    await createResponse(db(), slug, { "local-offer": "hard", "know-what-changed": "no" }, new Date("2026-03-31T23:59:00Z"));
    // Outside the period below, on either side.
    await createResponse(db(), slug, { "local-offer": "easy" }, new Date("2025-12-31T23:59:59Z"));
    await createResponse(db(), slug, { "local-offer": "very_easy" }, new Date("2026-04-01T00:00:00Z"));
    heldId = await createResponse(db(), slug, { "one-change": "+ I am scared to go home" }, new Date("2026-02-02T10:00:00Z"));
    await hold(heldId);
  });

  it("exports every response as CSV that reads back to the database, row by row", async () => {
    const before = (await auditRows()).length;
    const { response } = await exportOf(moderator, { survey: slug });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="${slug}-responses-all.csv"`);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const [header, ...rows] = await csvRows(response);
    const questions = await storedQuestions(slug);
    expect(header).toEqual(expectedHeader(questions));
    const stored = await db()
      .selectFrom("responses as r")
      .innerJoin("surveys as s", "s.id", "r.survey_id")
      .select("r.reference")
      .where("s.slug", "=", slug)
      .where("r.flagged", "=", 0)
      .orderBy("r.submitted_at")
      .orderBy("r.id")
      .execute();
    expect(rows.map((row) => row[0])).toEqual(stored.map((r) => formatCode(r.reference)));
    for (const row of rows) await expectRowMatches(header, row, questions);

    const polishReference = (await db().selectFrom("responses").select("reference").where("id", "=", polishId).executeTakeFirstOrThrow()).reference;
    const polish = rows.find((row) => row[0] === formatCode(polishReference));
    expect(polish?.slice(3, 9)).toEqual(["Polish", "Parent or carer", "Done", "A teacher or teaching assistant", "No", ""]);
    expect(polish?.[header.indexOf("Which of these best describes the support your child or young person gets?")]).toBe("Prefer not to say");

    const audits = await auditRows();
    expect(audits.length).toBe(before + 1);
    expect(audits.at(-1)).toEqual({
      user_id: moderator.id,
      entity: "survey",
      entity_id: String((await getSurvey(db(), slug, "en"))?.id),
      after: { survey: slug, period: null, from: null, to: null, format: "csv", includeHeld: false, rows: stored.length, complete: true },
    });
  });

  it("exports the same rows as an Excel workbook, with a sheet of totals that match the database", async () => {
    const { response } = await exportOf(moderator, { survey: slug, format: "xlsx" });
    expect(response.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="${slug}-responses-all.xlsx"`);
    const workbook = await xlsxSheets(response);
    expect(workbook.names).toEqual(["Responses", "Totals"]);
    const [header, ...rows] = workbook.rows("Responses");
    const questions = await storedQuestions(slug);
    expect(header).toEqual(expectedHeader(questions));
    const csv = await csvRows((await exportOf(moderator, { survey: slug })).response);
    expect([header, ...rows]).toEqual(csv);
    for (const row of rows) await expectRowMatches(header, row, questions);

    const totals = workbook.rows("Totals");
    expect(totals[0]).toEqual(["Question", "Answer", "Responses"]);
    const count = (question: string, answer: string) => totals.find((row) => row[0] === question && row[1] === answer)?.[2];
    expect(count("All responses in this file", "")).toBe(String(rows.length));
    const chosen = async (key: string, value: string) => {
      const row = await db()
        .selectFrom("answers as a")
        .innerJoin("questions as q", "q.id", "a.question_id")
        .innerJoin("responses as r", "r.id", "a.response_id")
        .innerJoin("surveys as s", "s.id", "r.survey_id")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("s.slug", "=", slug)
        .where("q.key", "=", key)
        .where("a.choice", "=", value)
        .where("r.flagged", "=", 0)
        .executeTakeFirstOrThrow();
      return String(row.n);
    };
    const health = questions.find((q) => q.text.startsWith("Which of these has your child waited"))!;
    for (const option of health.options) expect(count(health.text, option.label)).toBe(await chosen("health-waits", option.value));
    const offer = questions.find((q) => q.text.startsWith("How easy is it to find"))!;
    for (const option of offer.options) expect(count(offer.text, option.label)).toBe(await chosen("local-offer", option.value));
    expect(count(offer.text, "Answered")).toBe("3");
    const oneChange = questions.find((q) => q.kind === "free_text" && q.text.startsWith("What one thing"))!;
    expect(count(oneChange.text, "Answered")).toBe("2");
    expect(count(oneChange.text, "Translated into English")).toBe("1");
    expect(totals.filter((row) => row[0] === "Theme tagged by moderators").map((row) => row.slice(1))).toEqual([
      ["CAMHS and mental health", "1"],
      ["Communication and case-worker contact", "1"],
    ]);
  });

  it("neutralises cells that a spreadsheet would run as formulas, in CSV and Excel", async () => {
    const evil = '=HYPERLINK("http://evil.example","Click")';
    const csvResponse = (await exportOf(moderator, { survey: slug })).response;
    const csv = await csvResponse.clone().text();
    const [header, ...rows] = await csvRows(csvResponse);
    const column = (text: string) => header.findIndex((name) => name.startsWith(text));
    const oneChange = column("What one thing");
    const workingWell = column("What is working well");
    expect(rows.map((row) => row[oneChange])).toContain(`'${evil}`);
    expect(rows.map((row) => row[oneChange + 1])).toContain("'@team: faster replies to emails");
    expect(rows.map((row) => row[workingWell])).toContain("'-2 weeks was all we waited, thank you");
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);

    const workbook = await xlsxSheets((await exportOf(moderator, { survey: slug, format: "xlsx" })).response);
    const cells = workbook.rows("Responses").flat();
    expect(cells).toContain(`'${evil}`);
    expect(cells).toContain("'@team: faster replies to emails");
    expect(cells.some((value) => /^[=+\-@]/.test(value))).toBe(false);
  });

  it("keeps to a period or to dates, inclusive of both ends", async () => {
    const { id, slug: periodSlug } = await period(admin, "2026-01-01", "2026-03-31");
    const inPeriod = (await csvRows((await exportOf(moderator, { survey: slug, period: String(id) })).response)).slice(1);
    expect(inPeriod.map((row) => row[1])).toEqual(["2026-01-10T09:00:00.000Z", "2026-02-01T12:30:00.000Z", "2026-03-31T23:59:00.000Z"]);
    expect((await auditRows()).at(-1)?.after).toMatchObject({ period: periodSlug, from: "2026-01-01", to: "2026-03-31", rows: 3, complete: true });

    const dates = { "from-day": "1", "from-month": "2", "from-year": "2026", "to-day": "31", "to-month": "3", "to-year": "2026" };
    const { response } = await exportOf(moderator, { survey: slug, ...dates });
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="${slug}-responses-2026-02-01-to-2026-03-31.csv"`);
    expect((await csvRows(response)).slice(1).map((row) => row[1])).toEqual(["2026-02-01T12:30:00.000Z", "2026-03-31T23:59:00.000Z"]);
    const fromOnly = await csvRows((await exportOf(moderator, { survey: slug, "from-day": "1", "from-month": "4", "from-year": "2026" })).response);
    expect(fromOnly.slice(1).map((row) => row[1])).toEqual(["2026-04-01T00:00:00.000Z"]);
  });

  it("leaves held responses out, unless a safeguarding lead or administrator asks for them", async () => {
    const references = async (person: Person, form: Record<string, string>) => await csvRows((await exportOf(person, { survey: slug, ...form })).response);
    const held = formatCode((await db().selectFrom("responses").select("reference").where("id", "=", heldId).executeTakeFirstOrThrow()).reference);
    expect((await references(moderator, {})).map((row) => row[0])).not.toContain(held);
    expect((await references(lead, {})).map((row) => row[0])).not.toContain(held);

    const [header, ...rows] = await references(lead, { held: "1" });
    const questions = await storedQuestions(slug);
    expect(header).toEqual(expectedHeader(questions, true));
    expect(rows.map((row) => [row[0], row[9]]).filter(([, isHeld]) => isHeld === "Yes")).toEqual([[held, "Yes"]]);
    expect(rows.filter((row) => row[9] === "No").length).toBe(5);
    expect(rows.find((row) => row[0] === held)?.[header.indexOf(questions.find((q) => q.text.startsWith("What one thing"))!.text)]).toBe(
      "'+ I am scared to go home",
    );
    expect((await auditRows()).at(-1)).toMatchObject({ user_id: lead.id, after: { includeHeld: true, rows: 6, complete: true } });
    const withHeld = await exportOf(admin, { survey: slug, held: "1", format: "xlsx" });
    expect(withHeld.response.headers.get("Content-Disposition")).toBe(`attachment; filename="${slug}-responses-all-with-held.xlsx"`);
    expect((await xlsxSheets(withHeld.response)).rows("Responses").length).toBe(7);

    // A moderator is never offered the box, and asking anyway is refused with nothing written.
    expect((await readJson<Ready>((await pageOf(moderator, "")).response)).canIncludeHeld).toBe(false);
    expect((await readJson<Ready>((await pageOf(lead, "")).response)).canIncludeHeld).toBe(true);
    const before = (await auditRows()).length;
    const refused = await exportOf(moderator, { survey: slug, held: "1" });
    expect(refused.response.status).toBe(403);
    expect(refused.response.headers.get("Content-Disposition")).toBeNull();
    expect((await pageOf(moderator, `?survey=${slug}&format=csv&held=1`)).response.status).toBe(403);
    expect((await auditRows()).length).toBe(before);
  });

  it("is for signed-in staff only, and a download needs the CSRF token", async () => {
    const anonymous = await call(download.action, { path: "/moderate/exports/download", form: { survey: slug, format: "csv" } });
    expect(anonymous.response.status).toBe(302);
    expect(anonymous.response.headers.get("Location")).toBe("/sign-in?redirectTo=%2Fmoderate%2Fexports%2Fdownload");
    const visitor = await pageOf(null, "");
    expect(visitor.response.headers.get("Location")).toBe("/sign-in?redirectTo=%2Fmoderate%2Fexports");

    const before = (await auditRows()).length;
    const forged = await call(download.action, {
      path: "/moderate/exports/download",
      form: { survey: slug, format: "csv" },
      headers: { Cookie: moderator.cookie },
    });
    expect(forged.response.status).toBe(403);
    expect(forged.response.headers.get("Content-Disposition")).toBeNull();
    // A link to the download is no way round the token: it leads back to the form.
    const link = await call(download.loader, { path: `/moderate/exports/download?survey=${slug}&format=csv`, headers: { Cookie: moderator.cookie } });
    expect(link.response.headers.get("Location")).toBe("/moderate/exports");
    expect((await auditRows()).length).toBe(before);
  });

  it("explains bad or missing choices on a 400 page in the person's language, and makes no file", async () => {
    const first = await readJson<Failure & Ready>((await pageOf(moderator, "")).response);
    expect(first.errors).toEqual([]);
    expect(first.ready).toBeNull();

    const missing = await pageOf(moderator, "?survey=&format=");
    expect(missing.response.status).toBe(400);
    expect((await readJson<Failure>(missing.response)).errors).toEqual([
      { field: "survey", message: "Choose a survey" },
      { field: "format", message: "Choose CSV or Excel" },
    ]);
    const { id } = await period(admin, "2027-01-01", "2027-03-31");
    const muddled = await pageOf(
      moderator,
      `?survey=no-such-survey&period=${id}&from-day=1&from-month=&from-year=2026&to-day=1&to-month=1&to-year=2026&format=csv`,
    );
    expect((await readJson<Failure>(muddled.response)).errors).toEqual([
      { field: "survey", message: "Choose a survey from the list" },
      { field: "from", message: "Start date must include a month" },
      { field: "period", message: "Choose a reporting period or enter dates, not both" },
    ]);
    const backwards = await readJson<Failure>(
      (await pageOf(moderator, `?survey=${slug}&period=99999&from-day=2&from-month=2&from-year=2026&to-day=1&to-month=2&to-year=2026&format=pdf`)).response,
    );
    expect(backwards.errors.map((error) => error.message)).toEqual([
      "Choose a reporting period from the list",
      "End date must be the same as or after the start date",
      "Choose CSV or Excel",
    ]);
    expect(backwards.values).toMatchObject({ survey: slug, "from-day": "2", "to-day": "1", format: "pdf" });

    const polish = await pageOf(moderator, "?survey=&format=csv&lng=pl");
    expect(polish.response.status).toBe(400);
    expect((await readJson<Failure>(polish.response)).errors[0].message).toBe("Wybierz ankietę");

    const before = (await auditRows()).length;
    const posted = await exportOf(moderator, { survey: slug, "to-day": "31", "to-month": "13", "to-year": "2026" });
    expect(posted.response.status).toBe(303);
    expect(posted.response.headers.get("Location")).toBe(`/moderate/exports?survey=${slug}&to-day=31&to-month=13&to-year=2026&format=csv`);
    expect((await readJson<Failure>((await pageOf(moderator, "?" + posted.response.headers.get("Location")!.split("?")[1])).response)).errors).toEqual([
      { field: "to", message: "End date must be a real date" },
    ]);
    expect((await auditRows()).length).toBe(before);
  });

  it("shows what the file will hold before it is downloaded", async () => {
    const ready = await readJson<Ready & { values: Record<string, string> }>((await pageOf(lead, `?survey=${slug}&format=xlsx&held=1`)).response);
    expect(ready.ready).toMatchObject({ count: 6, includeHeld: true, format: "xlsx", dates: "At any time" });
    const moderatorView = await readJson<Ready>((await pageOf(moderator, `?survey=${slug}&format=csv&from-day=1&from-month=1&from-year=2026`)).response);
    expect(moderatorView.ready).toMatchObject({ count: 4, includeHeld: false, dates: "On or after 1 January 2026" });
  });
});

describe("exports over many responses", () => {
  it("stream in batches, leave the database free while a download waits, and record a download stopped half-way", async () => {
    const slug = await createParentSurvey(db());
    const moderator = await createStaff(db(), "moderator");
    const survey = (await getSurvey(db(), slug, "en"))!;
    const oneChange = survey.questions.find((q) => q.key === "one-change")!;
    const total = 1234;
    for (let i = 0; i < total; i += 200) {
      const ids = await db()
        .insertInto("responses")
        .values(
          Array.from({ length: Math.min(200, total - i) }, (_, n) => ({
            survey_id: survey.id,
            reference: `BULK${String(i + n).padStart(8, "0")}`,
            lang: "en",
            quote_consent: 1,
            submitted_at: new Date(Date.UTC(2026, 0, 1, 0, 0, i + n)).toISOString(),
            audience: "parent_carer" as const,
          })),
        )
        .returning("id")
        .execute();
      await db()
        .insertInto("answers")
        .values(ids.map(({ id }, n) => ({ response_id: id, question_id: oneChange.id, text: `Answer ${i + n}` })))
        .execute();
    }

    const complete = await csvRows((await exportOf(moderator, { survey: slug })).response);
    expect(complete.length).toBe(total + 1);
    expect(complete.slice(1).map((row) => row[0])).toEqual(Array.from({ length: total }, (_, n) => formatCode(`BULK${String(n).padStart(8, "0")}`)));
    expect(complete.slice(1).every((row, n) => row[complete[0].indexOf(oneChange.text)] === `Answer ${n}`)).toBe(true);

    // A reader that stops after the header and the first batch: meanwhile the database answers others.
    const { response } = await exportOf(moderator, { survey: slug, format: "xlsx" });
    const reader = response.body!.getReader();
    await reader.read();
    expect(
      Number(
        (
          await db()
            .selectFrom("responses")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBeGreaterThan(total);
    await reader.cancel();
    const stopped = (await auditRows()).at(-1);
    expect(stopped?.after).toMatchObject({ format: "xlsx", complete: false });
    expect(Number(stopped?.after.rows)).toBeLessThan(total);

    // The person goes away: the request is aborted, the file ends there, and the log says it was incomplete.
    const controller = new AbortController();
    const request = new Request("http://localhost/moderate/exports/download", {
      method: "POST",
      headers: { Cookie: moderator.cookie, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrf: moderator.csrf, survey: slug, format: "csv" }),
      signal: controller.signal,
    });
    const aborted = (await download.action({ request, params: {}, context: { cspNonce: "test-nonce", clientAddress: "192.0.2.1" } })) as Response;
    const abortedReader = aborted.body!.getReader();
    const header = await abortedReader.read();
    expect(new TextDecoder().decode(header.value)).toContain("Reference,");
    await abortedReader.read();
    controller.abort();
    expect((await abortedReader.read()).done).toBe(true);
    expect((await auditRows()).at(-1)?.after).toMatchObject({ format: "csv", rows: 500, complete: false });
  });
});

describe("exports across survey versions", () => {
  it("head a reworded question with its newest words, say it was asked in two, and give each person's words", async () => {
    const slug = await createParentSurvey(db());
    const admin = await createStaff(db(), "administrator");
    const old = "Do you know of anything that has changed because of what parents and carers have said?";
    const early = await createResponse(db(), slug, { "know-what-changed": "yes" }, new Date("2026-01-05T10:00:00Z"));
    const survey = (await getSurvey(db(), slug, "en"))!;
    const question = survey.questions.find((q) => q.key === "know-what-changed")!;
    const reworded = "Has anything changed because of what parents and carers told us?";
    const saved = await saveQuestion(
      db(),
      survey.id,
      question.id,
      {
        key: question.key,
        kind: question.kind,
        section: question.section,
        required: question.required,
        samePage: question.samePage,
        maxLength: null,
        themeId: question.themeId,
        showIf: question.showIf,
        text: reworded,
        hint: question.hint,
        options: [],
      },
      { userId: admin.id },
    );
    expect(saved).toMatchObject({ status: "saved", newVersion: true });
    const late = await createResponse(db(), slug, { "know-what-changed": "no" }, new Date("2026-02-05T10:00:00Z"));

    const [header, ...rows] = await csvRows((await exportOf(admin, { survey: slug })).response);
    const main = header.indexOf(`${reworded} [asked in 2 wordings]`);
    expect(main).toBeGreaterThan(0);
    expect(header[main + 1]).toBe(`${reworded} (words this person answered)`);
    const references = await db()
      .selectFrom("responses")
      .select(["id", "reference", "survey_version"])
      .where("id", "in", [early, late])
      .orderBy("id")
      .execute();
    expect(rows.map((row) => [row[0], row[2], row[main], row[main + 1]])).toEqual([
      [formatCode(references[0].reference), "1", "Yes", old],
      [formatCode(references[1].reference), "2", "No", reworded],
    ]);
  });
});

describe("the Excel writer", () => {
  it("sees the sheet's XML that the zip has not yet compressed, so an export can wait for it", async () => {
    const sink = new PassThrough();
    sink.resume();
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: false, useSharedStrings: false });
    const sheet = writer.addWorksheet("Responses");
    expect(zipBacklog(sheet)).toBeLessThan(1024);
    for (let i = 0; i < 3000; i++) sheet.addRow([i, "Reply to emails within a week, please", "Agree", 1, 0]).commit();
    expect(zipBacklog(sheet)).toBeGreaterThan(64 * 1024);
    while (zipBacklog(sheet) >= 64 * 1024) await new Promise((resolve) => setImmediate(resolve));
    sheet.commit();
    await writer.commit();
    expect(zipBacklog(sheet)).toBe(0);
  });
});
