import fs from "node:fs";
import path from "node:path";
import type { AppLoadContext } from "@remix-run/node";
import { createPeriod, deletePeriod } from "~/actions/periods.server";
import { getDb } from "~/db.server";
import { answerGroups, populationKey } from "~/insight/population-groups";
import { readPopulationFile } from "~/insight/population-file.server";
import { populationOf, savePopulation, storeUpload } from "~/insight/population.server";
import { loadRepresentation, type Representation, type RepresentationTable } from "~/insight/representation.server";
import * as periodPage from "~/routes/admin.population.$id";
import * as indexPage from "~/routes/admin.population._index";
import * as questionsPage from "~/routes/admin.population.questions";
import * as choosePage from "~/routes/admin.population.uploads.$id";
import { SurveyDefinition } from "~/surveys/definition";
import { exportSurvey } from "~/surveys/export.server";
import { getSurvey } from "~/surveys/surveys.server";
import { createParentSurvey, createResponse, createStaff, createYoungPeopleSurvey, parentSurvey, holdResponse } from "../support/factories";
import { call, readJson } from "../support/remix";

const db = () => getDb();
const fixture = (name: string) => path.resolve(import.meta.dirname, "../fixtures/dfe", name);
type Person = Awaited<ReturnType<typeof createStaff>>;
type Route = (args: { request: Request; params: Record<string, string>; context: AppLoadContext }) => unknown;

let periodCount = 0;
/** A period of its own for each test, a quarter in a year of its own so that none overlap. */
async function period(admin: Person) {
  const year = 2040 + ++periodCount;
  const id = await createPeriod(db(), { slug: `quarter-${year}`, name: `Quarter ${year}`, startsOn: `${year}-01-01`, endsOn: `${year}-03-31` }, admin.id);
  return { id, year };
}

/** Posts a multipart form, as a browser sends a file, to a route's action. */
async function upload(
  route: Route,
  admin: Person,
  pathName: string,
  fields: Record<string, string>,
  file?: { name: string; text: string },
  params: Record<string, string> = {},
) {
  const form = new FormData();
  form.set("csrf", admin.csrf);
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  if (file) form.set("file", new File([file.text], file.name, { type: "text/csv" }));
  const request = new Request(new URL(pathName, "http://localhost"), { method: "POST", body: form, headers: { Cookie: admin.cookie } });
  const context: AppLoadContext = { cspNonce: "test-nonce", clientAddress: "192.0.2.1" };
  try {
    const result = await route({ request, params, context });
    return result instanceof Response ? result : Response.json(result);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const HEADER =
  "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,phase_type_grouping,sen_provision,sen_primary_need,ethnicity_major,ethnicity_minor,first_language,sex,age,pupil_count,pupil_percent";
/** One local authority row of the excerpt's layout: the breakdown columns default to Total. */
function row(la: string, provision: string, count: string, { ethnicity = "Total", language = "Total", age = "Total", phase = "Total", year = "202526" } = {}) {
  return `${year},Academic year,Local authority,E92000001,England,E12000006,East of England,999,E06000999,${la},${phase},"${provision}",Total,${ethnicity},${
    ethnicity === "Total" ? "Total" : `All ${ethnicity}`
  },${language},Total,${age},${count},1`;
}
const EHC = "Education, health and care plan";
const SUPPORT = "SEN support";

/** Anytown: 300 with a plan and 700 with SEN support; ethnicity 700/100/110/60/30; English 800, other not published; ages 11 and over for young people. */
const anytown = [
  HEADER,
  row("Anytown", EHC, "300"),
  row("Anytown", SUPPORT, "700"),
  ...[
    ["White", "210", "490"],
    ["Asian / Asian British", "30", "70"],
    ["Black / African / Caribbean / Black British", "33", "77"],
    ["Mixed / Multiple ethnic groups", "18", "42"],
    ["Any other ethnic group", "9", "21"],
    ["Unclassified", "5", "5"],
  ].flatMap(([ethnicity, plan, support]) => [row("Anytown", EHC, plan, { ethnicity }), row("Anytown", SUPPORT, support, { ethnicity })]),
  row("Anytown", EHC, "240", { language: "English" }),
  row("Anytown", EHC, "c", { language: "Other than English" }),
  row("Anytown", SUPPORT, "560", { language: "English" }),
  row("Anytown", SUPPORT, "140", { language: "Other than English" }),
  ...[
    ["5", "50"],
    ["11", "20"],
    ["12", "20"],
    ["13", "20"],
    ["14", "30"],
    ["15", "30"],
    ["16", "40"],
    ["17", "40"],
    ["18", "40"],
    ["19 and over", "10"],
  ].map(([age, count]) => row("Anytown", EHC, count, { age })),
].join("\n");

/** Reads a file and stores the chosen place as the period's population, as the two pages do. */
async function storePopulation(periodId: number, admin: Person, text: string, laName: string, timePeriod = "202526") {
  const read = await readPopulationFile(text);
  if (read.status !== "read") throw new Error(JSON.stringify(read.problems));
  const uploadId = await storeUpload(db(), { periodId, fileName: "anytown.csv", rows: read.rows, areas: read.areas, userId: admin.id });
  return savePopulation(db(), { uploadId, laName, timePeriod, userId: admin.id });
}

describe("reading the DfE layout", () => {
  it("keeps every local authority and year, adding EHC plans and SEN support, and leaves national and regional rows out", async () => {
    const read = await readPopulationFile(fs.createReadStream(fixture("sen-excerpt.csv")));
    expect(read.status).toBe("read");
    if (read.status !== "read") return;
    expect(read.areas.map((area) => `${area.laName} ${area.timePeriod}`).sort()).toEqual([
      "Bristol, City of 202526",
      "Peterborough 202425",
      "Peterborough 202526",
      "Thurrock 202526",
      "Tower Hamlets 202526",
    ]);
    const towerHamlets = read.areas.find((area) => area.laName === "Tower Hamlets")!;
    const count = (dimension: string, key: string) => towerHamlets.groups.find((group) => group.dimension === dimension && group.key === key)?.count;
    expect(towerHamlets.laCode).toBe("E09000030");
    expect(count("sen_provision", "ehc_plan")).toBe(3120);
    expect(count("sen_provision", "sen_support")).toBe(6940);
    // Lines 435 and 500, the "All Asian / Asian British" rows: 1716 + 3817.
    expect(count("ethnicity", "asian")).toBe(5533);
    // "Any other ethnic group" has no "All" row: its minor groups are added up (94 + 62 + 208 + 139).
    expect(count("ethnicity", "other")).toBe(503);
    // Special schools: 1185 with a plan, 28 on SEN support; non-maintained: 47 and "z", not applicable.
    expect(count("phase", "special")).toBe(1213);
    expect(count("phase", "non_maintained_special")).toBe(47);
    // 19 and over on SEN support is "c": the group's count is not published.
    expect(count("age", "age_19_and_over")).toBeNull();
    expect(count("first_language", "other_than_english")).toBeGreaterThan(0);
    expect(towerHamlets.groups.some((group) => group.dimension === "ethnicity" && group.key === "unclassified")).toBe(false);
  });

  it("refuses a file with bad rows, naming each line, and stores nothing", async () => {
    const read = await readPopulationFile(fs.createReadStream(fixture("sen-excerpt-broken.csv")));
    expect(read.status).toBe("refused");
    if (read.status !== "refused") return;
    expect(read.problems.map((problem) => [problem.line, problem.code])).toEqual([
      [12, "badCount"],
      [15, "fieldCount"],
      [18, "missingLa"],
      [20, "badTimePeriod"],
      [23, "duplicate"],
      [26, "badCount"],
    ]);
    expect(read.problems[1].params).toEqual({ found: 18, expected: 20 });
    expect(read.problems[4].params).toEqual({ first: 22 });
  });

  it("refuses what is not the layout, says what is missing, and counts problems past the first twenty", async () => {
    expect(await readPopulationFile("")).toEqual({ status: "refused", problems: [{ code: "empty" }], more: 0 });
    const wrong = await readPopulationFile("name,count\nAnytown,3\n");
    expect(wrong.status === "refused" && wrong.problems).toEqual([
      { code: "missingColumns", params: { columns: "time_period, geographic_level, la_name, sen_provision, pupil_count" } },
    ]);
    const national = await readPopulationFile(
      `${HEADER}\n202526,Academic year,National,E92000001,England,,,,,,Total,SEN support,Total,Total,Total,Total,Total,Total,5,1\n`,
    );
    expect(national.status === "refused" && national.problems[0].code).toBe("noLocalAuthority");
    const unclosed = await readPopulationFile(`${HEADER}\n${row("Anytown", EHC, "3")}\n202526,"Academic year,Local authority\n`);
    expect(unclosed.status === "refused" && unclosed.problems[0]).toMatchObject({ code: "unreadable", line: 3 });
    const many = await readPopulationFile([HEADER, ...Array.from({ length: 25 }, () => row("Anytown", EHC, "lots"))].join("\n"));
    expect(many.status === "refused" && [many.problems.length, many.more]).toEqual([20, 5]);
  });

  it("reads ages from columns, and uses only the totals of filters it does not know", async () => {
    const wide = [
      "time_period,geographic_level,la_name,phase_type_grouping,sen_provision,sen_primary_need,fsm_eligibility,age_2_and_under,age_3,age_11,age_19_and_over,age_11_percent",
      "202526,Local authority,Anytown,Total,Education health and care plan,Total,Total,1,2,30,c,50",
      "202526,Local authority,Anytown,Total,SEN support,Total,Total,0,4,10,2,10",
      "202526,Local authority,Anytown,Total,SEN support,Total,FSM eligible,0,1,5,1,10",
    ].join("\n");
    const read = await readPopulationFile(wide);
    expect(read.status).toBe("read");
    if (read.status !== "read") return;
    const groups = Object.fromEntries(read.areas[0].groups.map((group) => [`${group.dimension}|${group.key}`, group.count]));
    expect(groups).toEqual({
      "sen_provision|ehc_plan": null,
      "sen_provision|sen_support": 16,
      "age|age_2_and_under": 1,
      "age|age_3": 6,
      "age|age_11": 40,
      "age|age_19_and_over": null,
    });
  });
});

describe("matching answers to the population's groups", () => {
  it("maps the DfE's words and the demo surveys' answers to the same groups", () => {
    expect(populationKey("ethnicity", "Black / African / Caribbean / Black British")).toBe("black");
    expect(populationKey("ethnicity", "Unclassified")).toBeNull();
    expect(populationKey("first_language", "Known or believed to be other than English")).toBe("other_than_english");
    expect(populationKey("sen_provision", "SEN support / SEN without an EHC plan")).toBe("sen_support");
    expect(populationKey("sen_provision", "No identified SEN")).toBeNull();
    expect(populationKey("phase", "State-funded AP school")).toBe("alternative_provision");
    expect(answerGroups("sen_provision", "ehc_assessment")).toBeNull();
    expect(answerGroups("first_language", "polish")).toEqual(["other_than_english"]);
    expect(answerGroups("first_language", "prefer_not_to_say")).toBeNull();
    expect(answerGroups("phase", "resource_base")).toEqual(["primary", "secondary"]);
    expect(answerGroups("phase", "college")).toBeNull();
    expect(answerGroups("age", "0_4")).toEqual(["age_2_and_under", "age_3", "age_4"]);
    expect(answerGroups("age", "19_25")).toEqual(["age_19_and_over"]);
    expect(answerGroups("ethnicity", "asian_or_asian_british")).toEqual(["asian"]);
    // Values the builder makes from an administrator's words.
    expect(answerGroups("ethnicity", "another_ethnic_group")).toEqual(["other"]);
    expect(answerGroups("sen_provision", "they_have_an_ehc_plan")).toEqual(["ehc_plan"]);
    expect(answerGroups("sen_provision", "they_get_sen_support_at_school_or_colleg")).toEqual(["sen_support"]);
    expect(answerGroups("sen_provision", "waiting_for_an_ehc_plan")).toBeNull();
    expect(answerGroups("age", "5_to_10_years")).toEqual(["age_5", "age_6", "age_7", "age_8", "age_9", "age_10"]);
    expect(answerGroups("primary_need", "autism")).toEqual(["asd"]);
  });

  it("carries compareWith in survey files, only on one-answer questions about you, once per breakdown", async () => {
    const slug = await createParentSurvey(db());
    const file = await exportSurvey(db(), slug);
    expect(file!.questions.filter((question) => question.compareWith).map((question) => [question.key, question.compareWith])).toEqual([
      ["support-type", "sen_provision"],
      ["age-group", "age"],
      ["setting", "phase"],
      ["ethnicity", "ethnicity"],
      ["home-language", "first_language"],
    ]);
    const main = parentSurvey.questions.findIndex((question) => question.section === "main" && question.kind === "single_choice");
    const broken = structuredClone(parentSurvey);
    broken.questions[main].compareWith = "sex";
    broken.questions.find((question) => question.key === "setting")!.compareWith = "ethnicity";
    const parsed = SurveyDefinition.safeParse(broken);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((issue) => issue.message)).toEqual([
      "Only a one-answer question about you can be compared with the population",
      "Another question is already compared with ethnicity",
    ]);
  });
});

describe("the local population pages", () => {
  it("take a DfE file in two steps: refused with line numbers in the reader's language, then stored for the chosen local authority", async () => {
    const admin = await createStaff(db(), "administrator");
    const { id: periodId } = await period(admin);
    const before = await db().selectFrom("population_uploads").select(db().fn.countAll().as("n")).executeTakeFirstOrThrow();

    const empty = await upload(indexPage.action, admin, "/admin/population", { period: "" });
    expect(empty.status).toBe(400);
    expect((await readJson<{ errors: { field: string }[] }>(empty)).errors.map((error) => error.field)).toEqual(["period", "file"]);

    const broken = await upload(
      indexPage.action,
      admin,
      "/admin/population?lng=pl",
      { period: String(periodId) },
      { name: "broken.csv", text: fs.readFileSync(fixture("sen-excerpt-broken.csv"), "utf8") },
    );
    expect(broken.status).toBe(400);
    const refusal = await readJson<{ problems: string[]; values: Record<string, string> }>(broken);
    expect(refusal.problems).toHaveLength(6);
    expect(refusal.problems[0]).toMatch(/^Wiersz 12: /);
    expect(refusal.problems[4]).toMatch(/^Wiersz 23: .*22/);
    expect(refusal.values.period).toBe(String(periodId));
    const after = await db().selectFrom("population_uploads").select(db().fn.countAll().as("n")).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);

    const good = await upload(
      indexPage.action,
      admin,
      "/admin/population",
      { period: String(periodId) },
      { name: "sen_excerpt.csv", text: fs.readFileSync(fixture("sen-excerpt.csv"), "utf8") },
    );
    expect(good.status).toBe(303);
    const step = good.headers.get("Location")!;
    const uploadId = step.split("/").pop()!;
    const choose = await call(choosePage.loader, { path: step, params: { id: uploadId }, headers: { Cookie: admin.cookie } });
    const shown = await readJson<{ upload: { areas: { laName: string; years: { timePeriod: string }[] }[] }; years: string[] }>(choose.response);
    expect(shown.upload.areas.map((area) => area.laName)).toEqual(["Bristol, City of", "Peterborough", "Thurrock", "Tower Hamlets"]);
    expect(shown.years).toEqual(["202526", "202425"]);

    const missing = await call(choosePage.action, {
      path: step,
      params: { id: uploadId },
      form: { csrf: admin.csrf, intent: "save", la: "Thurrock", year: "202425" },
      headers: { Cookie: admin.cookie },
    });
    expect(missing.response.status).toBe(400);
    expect((await readJson<{ errors: { field: string; message: string }[] }>(missing.response)).errors).toEqual([
      { field: "year", message: "The file has no figures for Thurrock in 2024/25. Choose another year" },
    ]);

    const saved = await call(choosePage.action, {
      path: step,
      params: { id: uploadId },
      form: { csrf: admin.csrf, intent: "save", la: "Peterborough", year: "202425" },
      headers: { Cookie: admin.cookie },
    });
    expect(saved.response.status).toBe(303);
    expect(saved.response.headers.get("Location")).toBe(`/admin/population/${periodId}?notice=saved`);
    const stored = await populationOf(db(), periodId);
    expect(stored?.laName).toBe("Peterborough");
    expect(stored?.dimensions.map((source) => [source.dimension, source.time_period, source.file_name])).toEqual(
      ["sen_provision", "primary_need", "phase", "ethnicity", "first_language", "age", "sex"].map((dimension) => [dimension, "202425", "sen_excerpt.csv"]),
    );
    // Peterborough's special schools are "x" on SEN support: not published.
    expect(stored?.groups.find((group) => group.dimension === "phase" && group.key === "special")?.count).toBeNull();
    const audit = await db()
      .selectFrom("audit_log")
      .select(["action", "after"])
      .where("action", "=", "population.saved")
      .where("entity_id", "=", String(periodId))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after!)).toMatchObject({ laName: "Peterborough", timePeriod: "202425" });
    // The upload is gone once used.
    expect((await call(choosePage.loader, { path: step, params: { id: uploadId }, headers: { Cookie: admin.cookie } })).response.status).toBe(404);

    const page = await call(periodPage.loader, { path: `/admin/population/${periodId}`, params: { id: String(periodId) }, headers: { Cookie: admin.cookie } });
    expect((await readJson<{ representation: Representation }>(page.response)).representation).toMatchObject({ status: "ready", laName: "Peterborough" });
  });

  it("replace only the breakdowns a new file holds, everything when the local authority changes, and delete with the period", async () => {
    const admin = await createStaff(db(), "administrator");
    const { id: periodId } = await period(admin);
    await storePopulation(periodId, admin, anytown, "Anytown");
    const ethnicityOnly = [HEADER, row("Anytown", EHC, "100", { ethnicity: "White" }), row("Anytown", SUPPORT, "200", { ethnicity: "White" })].join("\n");
    await storePopulation(periodId, admin, ethnicityOnly, "Anytown");
    let stored = await populationOf(db(), periodId);
    expect(stored?.dimensions.map((source) => source.dimension)).toEqual(["sen_provision", "ethnicity", "first_language", "age"]);
    expect(stored?.groups.filter((group) => group.dimension === "ethnicity")).toEqual([{ dimension: "ethnicity", key: "white", count: 300 }]);
    expect(stored?.groups.find((group) => group.dimension === "sen_provision" && group.key === "ehc_plan")?.count).toBe(300);

    await storePopulation(periodId, admin, ethnicityOnly.replaceAll("Anytown", "Othertown"), "Othertown");
    stored = await populationOf(db(), periodId);
    expect([stored?.laName, stored?.dimensions.map((source) => source.dimension)]).toEqual(["Othertown", ["ethnicity"]]);

    const moderator = await createStaff(db(), "moderator");
    const refused = await call(periodPage.action, {
      path: `/admin/population/${periodId}`,
      params: { id: String(periodId) },
      form: { csrf: moderator.csrf, intent: "delete" },
      headers: { Cookie: moderator.cookie },
    });
    expect(refused.response.status).toBe(403);
    const noToken = await call(periodPage.action, {
      path: `/admin/population/${periodId}`,
      params: { id: String(periodId) },
      form: { intent: "delete" },
      headers: { Cookie: admin.cookie },
    });
    expect(noToken.response.status).toBe(403);
    expect(await populationOf(db(), periodId)).toBeDefined();

    const deleted = await call(periodPage.action, {
      path: `/admin/population/${periodId}`,
      params: { id: String(periodId) },
      form: { csrf: admin.csrf, intent: "delete" },
      headers: { Cookie: admin.cookie },
    });
    expect(deleted.response.headers.get("Location")).toBe("/admin/population?notice=deleted");
    expect(await populationOf(db(), periodId)).toBeUndefined();
    expect(
      await db()
        .selectFrom("audit_log")
        .select("action")
        .where("action", "=", "population.deleted")
        .where("entity_id", "=", String(periodId))
        .executeTakeFirst(),
    ).toBeDefined();

    // A period holding a population can still be deleted while nothing was written in it: the population goes with it.
    const other = await period(admin);
    await storePopulation(other.id, admin, anytown, "Anytown");
    await deletePeriod(db(), other.id, admin.id);
    expect(await db().selectFrom("populations").select("id").where("period_id", "=", other.id).executeTakeFirst()).toBeUndefined();
  });

  it("let an administrator choose which question is compared with which breakdown, once per survey", async () => {
    const admin = await createStaff(db(), "administrator");
    const slug = await createYoungPeopleSurvey(db());
    const survey = (await getSurvey(db(), slug, "en"))!;
    const age = survey.questions.find((question) => question.key === "age-group")!;
    const page = await call(questionsPage.loader, { path: "/admin/population/questions", headers: { Cookie: admin.cookie } });
    const listed = (
      await readJson<{ questions: { id: number; dimension: string | null; options: { value: string; groups: string[] | null }[] }[] }>(page.response)
    ).questions.find((question) => question.id === age.id)!;
    expect(listed.dimension).toBe("age");
    expect(listed.options.find((option) => option.value === "11_13")?.groups).toEqual(["age_11", "age_12", "age_13"]);

    const form = { csrf: admin.csrf, [`question-${age.id}`]: "" };
    const cleared = await call(questionsPage.action, { path: "/admin/population/questions", form, headers: { Cookie: admin.cookie } });
    expect(cleared.response.headers.get("Location")).toBe("/admin/population/questions?notice=saved");
    expect(await db().selectFrom("population_questions").select("dimension").where("question_id", "=", age.id).executeTakeFirst()).toBeUndefined();

    const parent = (await getSurvey(db(), await createParentSurvey(db()), "en"))!;
    const [ethnicity, language] = ["ethnicity", "home-language"].map((key) => parent.questions.find((question) => question.key === key)!);
    const twice = await call(questionsPage.action, {
      path: "/admin/population/questions",
      form: { csrf: admin.csrf, [`question-${language.id}`]: "ethnicity" },
      headers: { Cookie: admin.cookie },
    });
    expect(twice.response.status).toBe(400);
    expect((await readJson<{ errors: { field: string; message: string }[] }>(twice.response)).errors).toEqual([
      { field: `question-${ethnicity.id}`, message: "Another question in this survey is already compared with Ethnicity. Choose one of them" },
      { field: `question-${language.id}`, message: "Another question in this survey is already compared with Ethnicity. Choose one of them" },
    ]);
    expect((await db().selectFrom("population_questions").select("dimension").where("question_id", "=", language.id).executeTakeFirst())?.dimension).toBe(
      "first_language",
    );
    const trail = await db()
      .selectFrom("audit_log")
      .select(["before", "after"])
      .where("action", "=", "population.question")
      .where("entity_id", "=", String(age.id))
      .executeTakeFirstOrThrow();
    expect([JSON.parse(trail.before!), JSON.parse(trail.after!)]).toEqual([{ compareWith: "age" }, { compareWith: null }]);
  });
});

describe("who we are not hearing from", () => {
  const tableOf = (data: Representation, dimension: string, survey?: string) => {
    if (data.status !== "ready") throw new Error(data.status);
    return data.tables.find((table) => table.dimension === dimension && (!survey || table.surveys.includes(survey)))!;
  };
  const rowsOf = (table: RepresentationTable) =>
    Object.fromEntries(
      table.rows.map((row) => [
        row.labels.join(" / "),
        { n: row.respondents, population: row.population, judgement: row.judgement, expected: row.expected === null ? null : Math.round(row.expected) },
      ]),
    );

  it("compares respondents with the population, group by group, with small, empty and unpublished groups too small to judge", async () => {
    const admin = await createStaff(db(), "administrator");
    const { id: periodId, year } = await period(admin);
    const parents = await createParentSurvey(db(), { text: { en: { title: "Parents test survey", summary: "s", description: "d" } } });
    const young = await createYoungPeopleSurvey(db(), { text: { en: { title: "Young test survey", summary: "s", description: "d" } } });
    const inPeriod = new Date(`${year}-02-10T12:00:00Z`);

    expect(await loadRepresentation(db(), { periodId })).toEqual({ status: "noPopulation", periodId });
    expect(await loadRepresentation(db(), { periodId: 999_999 })).toEqual({ status: "noPeriod" });
    await storePopulation(periodId, admin, anytown, "Anytown");

    const ethnicities = [...Array(40).fill("white"), ...Array(12).fill("black"), "asian", "asian", ...Array(5).fill("prefer_not_to_say")];
    for (const [i, ethnicity] of ethnicities.entries()) {
      const answers: Record<string, string> = { ethnicity };
      const support = i < 30 ? "ehc_plan" : i < 40 ? "sen_support" : i < 44 ? "ehc_assessment" : i < 47 ? "not_sure" : undefined;
      if (support) answers["support-type"] = support;
      if (i < 45) answers["home-language"] = i < 30 ? "english" : "polish";
      else if (i < 47) answers["home-language"] = "prefer_not_to_say";
      await createResponse(db(), parents, answers, inPeriod);
    }
    // Held for safeguarding, and outside the period: never counted.
    for (let i = 0; i < 4; i++) {
      const held = await createResponse(db(), parents, { ethnicity: "asian" }, inPeriod);
      await holdResponse(db(), held);
    }
    for (let i = 0; i < 3; i++) await createResponse(db(), parents, { ethnicity: "asian" }, new Date(`${year - 1}-12-31T23:00:00Z`));
    for (const [age, n] of [
      ["11_13", 12],
      ["14_15", 3],
      ["16_18", 10],
    ] as const) {
      for (let i = 0; i < n; i++) await createResponse(db(), young, { "age-group": age }, inPeriod);
    }

    const data = await loadRepresentation(db(), { periodId });
    const ethnicity = tableOf(data, "ethnicity");
    expect([ethnicity.responses, ethnicity.answered, ethnicity.notCounted, ethnicity.unanswered, ethnicity.populationTotal]).toEqual([59, 54, 5, 0, 1000]);
    expect(rowsOf(ethnicity)).toEqual({
      "Asian or Asian British": { n: 2, population: 100, judgement: "too_small", expected: 5 },
      "Black, Black British, Caribbean or African": { n: 12, population: 110, judgement: "over", expected: 6 },
      "Mixed or multiple ethnic groups": { n: 0, population: 60, judgement: "too_small", expected: 3 },
      White: { n: 40, population: 700, judgement: "in_line", expected: 38 },
      "Another ethnic group": { n: 0, population: 30, judgement: "too_small", expected: 2 },
    });
    const white = ethnicity.rows.find((row) => row.labels[0] === "White")!;
    expect([white.share, white.low, white.high].map((value) => Number(value!.toFixed(4)))).toEqual([0.7407, 0.6107, 0.8388]);

    const provision = tableOf(data, "sen_provision");
    expect([provision.answered, provision.notCounted, provision.unanswered]).toEqual([40, 7, 12]);
    expect(Object.values(rowsOf(provision)).map((row) => row.judgement)).toEqual(["over", "under"]);

    // Other than English is "c" in the file: no group's share can be worked out, whatever the respondents.
    const language = tableOf(data, "first_language");
    expect([language.answered, language.notCounted, language.unpublished, language.populationTotal]).toEqual([45, 2, true, null]);
    expect(language.rows.map((row) => [row.respondents, row.population, row.judgement])).toEqual([
      [30, 800, "too_small"],
      [15, null, "too_small"],
    ]);

    // Nobody answered "Where does your child learn?", and the file has no figures by type of school.
    const phase = tableOf(data, "phase");
    expect([phase.answered, phase.unanswered, phase.populationTotal, phase.unpublished]).toEqual([0, 59, null, false]);
    expect(phase.rows.every((row) => row.share === null && row.judgement === "too_small")).toBe(true);

    // Young people's ages are compared with the pupils aged 11 and over only: the ages their answers offer.
    const youngAge = tableOf(data, "age", "Young test survey");
    expect(youngAge.populationTotal).toBe(250);
    expect(youngAge.rows.map((row) => [row.respondents, row.population, row.judgement])).toEqual([
      [12, 60, "over"],
      [3, 60, "too_small"],
      [10, 120, "in_line"],
      [0, 10, "too_small"],
    ]);

    const onlyYoung = await loadRepresentation(db(), { periodId, audience: "young_person" });
    expect(tableOf(onlyYoung, "ethnicity").responses).toBe(0);
    expect(tableOf(onlyYoung, "age", "Young test survey").answered).toBe(25);
    const youngSurvey = (await getSurvey(db(), young, "en"))!;
    const oneSurvey = await loadRepresentation(db(), { periodId, surveyId: youngSurvey.id });
    expect(oneSurvey.status === "ready" && oneSurvey.tables.map((table) => [table.dimension, table.surveys])).toEqual([["age", ["Young test survey"]]]);
  });
});
