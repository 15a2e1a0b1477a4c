import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { createPeriod } from "~/actions/periods.server";
import { getDb } from "~/db.server";
import type { Dashboard } from "~/insight/dashboard.server";
import * as download from "~/routes/moderate.exports.download";
import * as insight from "~/routes/moderate.insight";
import * as csvOpenData from "~/routes/you-said-we-did[.]csv";
import * as jsonOpenData from "~/routes/you-said-we-did[.]json";
import { formatCode } from "~/surveys/codes";
import type { SupportKind } from "../../db/schema";
import { createParentSurvey, createResponse, createStaff, holdResponse } from "../support/factories";
import { call, readJson } from "../support/remix";

const db = () => getDb();
const DAY = new Date("2015-06-10T10:00:00Z");

let slug: string;
let moderator: Awaited<ReturnType<typeof createStaff>>;
let interpretedId: number;

/** A supported response: how the supporter helped is all it records of them. */
async function supported(kind: SupportKind, language: string | null = null) {
  const id = await createResponse(db(), slug, { "local-offer": "hard" }, DAY);
  await db().updateTable("responses").set({ support_kind: kind, support_language: language }).where("id", "=", id).execute();
  return id;
}

const exportOf = (format: "csv" | "xlsx") =>
  call(download.action, { path: "/moderate/exports/download", form: { csrf: moderator.csrf, format, survey: slug }, headers: { Cookie: moderator.cookie } });

beforeAll(async () => {
  slug = await createParentSurvey(db());
  moderator = await createStaff(db(), "moderator");
  const admin = await createStaff(db(), "administrator");
  await createPeriod(db(), { slug: "kind-of-help", name: "Summer 2015", startsOn: "2015-01-01", endsOn: "2015-12-31" }, admin.id);
  // 14 read aloud, 12 interpreted, 3 typed, none by pictures; one more typed but held for safeguarding.
  for (let i = 0; i < 14; i++) await supported("reading_aloud");
  interpretedId = await supported("interpreting", "Polish");
  for (let i = 0; i < 11; i++) await supported("interpreting", "Tigrinya");
  for (let i = 0; i < 3; i++) await supported("typing");
  await holdResponse(db(), await supported("typing"));
  await createResponse(db(), slug, { "local-offer": "easy" }, DAY);
});

describe("kind of help in the staff exports", () => {
  it("adds the kind of help and the language interpreted from to each CSV and Excel row", async () => {
    const csv = (await exportOf("csv")).response;
    expect(csv.status).toBe(200);
    const [header, ...rows] = parse(Buffer.from(await csv.arrayBuffer()), { bom: true }) as string[][];
    const column = (name: string) => header.indexOf(name);
    expect(column("Kind of help")).toBeGreaterThan(0);
    expect(column("Interpreted from")).toBe(column("Kind of help") + 1);
    const reference = (await db().selectFrom("responses").select("reference").where("id", "=", interpretedId).executeTakeFirstOrThrow()).reference;
    const row = rows.find((cells) => cells[0] === formatCode(reference))!;
    expect([row[column("Kind of help")], row[column("Interpreted from")]]).toEqual(["Interpreting from another language", "Polish"]);
    const kinds = rows.map((cells) => cells[column("Kind of help")]);
    expect(kinds.filter((kind) => kind === "Reading the questions aloud")).toHaveLength(14);
    expect(kinds.filter((kind) => kind === "Typing what the person says")).toHaveLength(3);
    expect(kinds.filter((kind) => kind === "")).toHaveLength(1);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await (await exportOf("xlsx")).response.arrayBuffer());
    const sheet = workbook.getWorksheet("Responses")!;
    const headings = (sheet.getRow(1).values as unknown[]).slice(1);
    const kindColumn = headings.indexOf("Kind of help") + 1;
    expect(kindColumn).toBeGreaterThan(0);
    const excelRow = sheet.getRows(2, sheet.rowCount - 1)!.find((candidate) => candidate.getCell(1).value === formatCode(reference))!;
    expect([excelRow.getCell(kindColumn).value, excelRow.getCell(kindColumn + 1).value]).toEqual(["Interpreting from another language", "Polish"]);
  });

  it("never puts the kind of help in open data", async () => {
    for (const [route, path] of [
      [jsonOpenData, "/you-said-we-did.json?period=kind-of-help"],
      [csvOpenData, "/you-said-we-did.csv?period=kind-of-help"],
    ] as const) {
      const { response } = await call(route.loader, { path });
      expect(response.status).toBe(200);
      const text = await response.text();
      for (const word of ["support_kind", "supportKind", "Kind of help", "nterpret", "Polish", "Tigrinya", "Reading the questions", "Typing what"])
        expect(text).not.toContain(word);
    }
  });
});

describe("kind of help on the dashboard", () => {
  it("counts supported responses by kind of help, hiding small figures and any that would give one away", async () => {
    const { response } = await call(insight.loader, { path: "/moderate/insight?period=kind-of-help", headers: { Cookie: moderator.cookie } });
    expect(response.status).toBe(200);
    const { support } = await readJson<Dashboard>(response);
    // 29 counted (the held one is not). Typing (3) and pictures (0) are under 10; together still under
    // 10, so the next smallest (interpreting, 12) is hidden too, or 29 - 14 would give their sum away.
    expect(support).toEqual({
      total: 29,
      parts: { reading_aloud: 14, interpreting: null, typing: null, pictures: null },
      secondary: ["interpreting"],
      threshold: 10,
      any: true,
    });
  });

  it("narrows to the dashboard's filters, and says so when no one was helped", async () => {
    const { response } = await call(insight.loader, { path: "/moderate/insight?period=kind-of-help&lang=pl", headers: { Cookie: moderator.cookie } });
    const { support } = await readJson<Dashboard>(response);
    expect(support).toMatchObject({ total: null, any: false });
  });
});
