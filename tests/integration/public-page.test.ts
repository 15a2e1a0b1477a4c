import { getDb } from "~/db.server";
import { createAction } from "~/actions/actions.server";
import { createPeriod } from "~/actions/periods.server";
import { createQuote } from "~/moderation/quotes.server";
import { approvePublication, requestPublication } from "~/publishing/publishing.server";
import { createStatement } from "~/publishing/statements.server";
import { addUpdate, changeStatus } from "~/actions/actions.server";
import * as page from "~/routes/you-said-we-did._index";
import * as actionPage from "~/routes/you-said-we-did.actions.$id";
import * as themePage from "~/routes/you-said-we-did.themes.$slug";
import * as jsonExport from "~/routes/you-said-we-did[.]json";
import * as csvExport from "~/routes/you-said-we-did[.]csv";
import * as atomFeed from "~/routes/you-said-we-did[.]atom";
import { saveQuestion } from "~/surveys/questions.server";
import { getSurvey } from "~/surveys/surveys.server";
import { call, readJson } from "../support/remix";
import { createParentSurvey, createResponse, createStaff, holdResponse } from "../support/factories";

const db = () => getDb();

describe("the public page", () => {
  it("shows only published statements and actions, suppressed figures, and nothing private", async () => {
    const [author, second] = [await createStaff(db(), "moderator"), await createStaff(db(), "administrator")];
    const slug = await createParentSurvey(db());
    const period = (await createPeriod(db(), { slug: "public-test", name: "Public test", startsOn: "2013-01-01", endsOn: "2013-12-31" }, second.id)) as number;
    const day = (n: number) => new Date(Date.UTC(2013, 0, n));
    for (let i = 0; i < 12; i++) await createResponse(db(), slug, { "contact-reply": i % 2 ? "agree" : "disagree" }, day(i + 1));
    const flagged = await createResponse(db(), slug, { "contact-reply": "agree", "one-change": "PLANTED flagged words about my son Oliver" }, day(20));
    await holdResponse(db(), flagged);
    const private1 = await createResponse(db(), slug, { "one-change": "PLANTED unapproved quote source" }, day(21));
    const answer = (await db().selectFrom("answers").select("id").where("response_id", "=", private1).executeTakeFirstOrThrow()).id;
    await createQuote(
      db(),
      answer,
      { text: "PLANTED unapproved quote", themeIds: [4] },
      { id: author.id, name: "a", email: author.email, role: "moderator", organisation: "council" },
    );
    await db()
      .insertInto("response_notes")
      .values({ response_id: private1, user_id: author.id, body: "PLANTED moderator note", created_at: day(22).toISOString() })
      .execute();

    const published = await createStatement(db(), 4, period, { summary: "Families said nobody replies.", quoteIds: [] }, author.id);
    await requestPublication(db(), "statement", published, { id: author.id, name: "a", email: author.email, role: "moderator", organisation: "council" });
    await approvePublication(db(), "statement", published, { id: second.id, name: "b", email: second.email, role: "administrator", organisation: "pcf" });
    await createStatement(db(), 3, period, { summary: "PLANTED draft statement", quoteIds: [] }, author.id);
    await createAction(
      db(),
      { title: "PLANTED draft action", description: "d", owner: "o", partner: "council", due_on: "2013-06-30", measure: "m", theme: [4], survey: [], period },
      author.id,
    );

    const { response } = await call(page.loader, { path: "/you-said-we-did?period=public-test" });
    const body = await response.clone().text();
    expect(body).not.toContain("PLANTED");
    expect(body).not.toContain("Oliver");
    const data = await readJson<{
      sections: { name: string; raised: number | null; split: Record<string, number | null>; splitHiddenToProtect: string[] }[];
      overview: { responses: { total: number | null } };
    }>(response);
    expect(data.sections.map((s) => s.name)).toEqual(["Communication and case-worker contact"]);
    // 12 responses answered the communication question (the flagged one never counts).
    expect(data.sections[0].raised).toBe(12);
    // No young people answered (0 is under 10), so the parents' 12 is hidden too: otherwise 12 − 12 gives it away.
    expect(data.sections[0].split).toEqual({ parent_carer: null, young_person: null });
    expect(data.sections[0].splitHiddenToProtect).toEqual(["parent_carer"]);
    expect(data.overview.responses.total).toBe(13);
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=60");
  });

  it("gives the same published, suppressed figures as open data, a theme page and an action page; drafts are 404", async () => {
    const [author, second] = [await createStaff(db(), "moderator"), await createStaff(db(), "administrator")];
    const authorUser = { id: author.id, name: "a", email: author.email, role: "moderator" as const, organisation: "council" };
    const secondUser = { id: second.id, name: "b", email: second.email, role: "administrator" as const, organisation: "pcf" };
    const slug = await createParentSurvey(db());
    const period = (await createPeriod(db(), { slug: "open-data", name: "Open data test", startsOn: "2014-01-01", endsOn: "2014-12-31" }, second.id)) as number;
    for (let i = 0; i < 14; i++) await createResponse(db(), slug, { "contact-reply": i < 9 ? "agree" : "disagree" }, new Date(Date.UTC(2014, 1, i + 1)));
    const statement = await createStatement(
      db(),
      4,
      period,
      { summary: '=HYPERLINK("http://evil") families said <b>nobody</b> replies', quoteIds: [] },
      author.id,
    );
    await requestPublication(db(), "statement", statement, authorUser);
    await approvePublication(db(), "statement", statement, secondUser);
    const action = (await createAction(
      db(),
      {
        title: "Reply <script>within</script> 5 days",
        description: "d",
        owner: "SEND team",
        partner: "council",
        due_on: "2014-06-30",
        measure: "m",
        theme: [4],
        survey: [],
        period,
      },
      author.id,
    )) as number;
    await changeStatus(db(), action, { status: "in_progress", version: 0 }, author.id);
    await addUpdate(db(), action, { body: "Half of <emails> answered & logged", updateOn: "2014-03-01" }, author.id);
    await requestPublication(db(), "action", action, authorUser);
    await approvePublication(db(), "action", action, secondUser);
    const draft = (await createAction(
      db(),
      { title: "Draft", description: "d", owner: "o", partner: "council", due_on: "2014-06-30", measure: "m", theme: [4], survey: [], period },
      author.id,
    )) as number;

    const json = await (await call(jsonExport.loader, { path: "/you-said-we-did.json?period=open-data" })).response.json();
    expect(json.period).toEqual({ id: "open-data", name: "Open data test", startDate: "2014-01-01", endDate: "2014-12-31" });
    expect(json.suppressionThreshold).toBe(10);
    expect(json.responses).toEqual({ total: 14, parentsCarers: null, youngPeople: null });
    const theme = json.themes[0];
    expect(theme).toMatchObject({ id: "communication", responsesRaised: 14, parentsCarers: null, youngPeople: null, actionIds: [action] });
    // 9 of 14 agreed: the 5 who did not are under 10, so no share is published.
    expect(theme.agreedPercent).toBeNull();
    expect(json.actions.map((a: { id: number }) => a.id)).toEqual([action]);
    expect(json.actions[0]).toMatchObject({
      status: "in_progress",
      latestUpdate: { date: "2014-03-01", text: "Half of <emails> answered & logged" },
      themes: ["communication"],
    });

    const csv = await (await call(csvExport.loader, { path: "/you-said-we-did.csv?period=open-data" })).response.text();
    const [header, statementRow, actionRow] = csv
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r?\n/);
    expect(header.split(",")[0]).toBe("record");
    expect(statementRow).toContain(",14,[c],[c],[c],");
    // A cell starting with = would run as a formula in a spreadsheet.
    expect(statementRow).toContain(`"'=HYPERLINK(""http://evil"")`);
    expect(actionRow.startsWith("action,open-data,communication,")).toBe(true);

    const atom = await (await call(atomFeed.loader, { path: "/you-said-we-did.atom" })).response.text();
    expect(atom).toContain("Half of &lt;emails&gt; answered &amp; logged");
    expect(atom).not.toContain("<emails>");
    expect(atom).not.toContain("Draft");

    const themeHtml = await call(themePage.loader, { path: "/you-said-we-did/themes/communication?period=open-data", params: { slug: "communication" } });
    expect((await readJson<{ section: { raised: number } }>(themeHtml.response)).section.raised).toBe(14);
    const shown = await call(actionPage.loader, { path: `/you-said-we-did/actions/${action}`, params: { id: String(action) } });
    const detail = await readJson<{ action: { history: { status: string }[]; updates: unknown[] } }>(shown.response);
    expect(detail.action.history.map((h) => h.status)).toEqual(["planned", "in_progress"]);
    expect(detail.action.updates).toHaveLength(1);

    for (const [loader, path, params] of [
      [actionPage.loader, `/you-said-we-did/actions/${draft}`, { id: String(draft) }],
      [actionPage.loader, "/you-said-we-did/actions/abc", { id: "abc" }],
      [themePage.loader, "/you-said-we-did/themes/camhs-mental-health?period=open-data", { slug: "camhs-mental-health" }],
    ] as const) {
      const { response } = await call(loader, { path, params });
      expect(response.status, path).toBe(404);
    }
  });
});

describe("figures that span two wordings of a question", () => {
  it("say so on the public page, with each wording", async () => {
    const [author, second] = [await createStaff(db(), "moderator"), await createStaff(db(), "administrator")];
    const slug = await createParentSurvey(db());
    const period = (await createPeriod(
      db(),
      { slug: "wordings-test", name: "Wordings test", startsOn: "2012-01-01", endsOn: "2012-12-31" },
      second.id,
    )) as number;
    const day = (n: number) => new Date(Date.UTC(2012, 0, n));
    for (let i = 0; i < 6; i++) await createResponse(db(), slug, { "contact-reply": "agree" }, day(i + 1));
    const survey = (await getSurvey(db(), slug, "en"))!;
    const question = survey.questions.find((q) => q.key === "contact-reply")!;
    const input = {
      key: question.key,
      kind: question.kind,
      section: question.section,
      required: question.required,
      samePage: false,
      maxLength: null,
      themeId: question.themeId,
      showIf: null,
      hint: question.hint,
      options: [],
    };
    const saved = await saveQuestion(
      db(),
      survey.id,
      question.id,
      { ...input, text: "When I contact the SEND team, I get a reply within five working days." },
      { userId: second.id },
    );
    expect(saved).toMatchObject({ status: "saved", newVersion: true });
    for (let i = 0; i < 6; i++) await createResponse(db(), slug, { "contact-reply": "disagree" }, day(i + 10));

    const statement = await createStatement(db(), question.themeId!, period, { summary: "Families said nobody replies.", quoteIds: [] }, author.id);
    await requestPublication(db(), "statement", statement, { id: author.id, name: "a", email: author.email, role: "moderator", organisation: "council" });
    await approvePublication(db(), "statement", statement, { id: second.id, name: "b", email: second.email, role: "administrator", organisation: "pcf" });

    const { response } = await call(page.loader, { path: "/you-said-we-did?period=wordings-test" });
    const data = await readJson<{ sections: { wordings: string[][] }[] }>(response);
    expect(data.sections[0].wordings).toEqual([[question.text, "When I contact the SEND team, I get a reply within five working days."]]);
  });
});
