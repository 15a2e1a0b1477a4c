import { readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { getDb } from "~/db.server";
import { importSurvey } from "~/surveys/create.server";
import { SurveyDefinition } from "~/surveys/definition";
import { exportSurvey } from "~/surveys/export.server";
import { surveyFromXlsForm } from "~/surveys/xlsform.server";

const fixtures = path.resolve(import.meta.dirname, "../surveys/xlsform");
const fixture = (name: string) => readFileSync(path.join(fixtures, name));
const twin = () => SurveyDefinition.parse(JSON.parse(fixture("local-offer.survey.json").toString("utf8")));

/** A small workbook made here, for problems that need no fixture of their own. */
async function workbook(sheets: Record<string, unknown[][]>): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) book.addWorksheet(name).addRows(rows);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

const oneQuestion = [
  ["type", "name", "label"],
  ["text", "comments", "Anything else?"],
];

describe("surveys from XLSForm workbooks", () => {
  it("reads the Local Offer workbook as the same survey as its hand-written JSON twin", async () => {
    const result = await surveyFromXlsForm(fixture("local-offer.xlsx"));
    expect(result.status).toBe("read");
    if (result.status !== "read") return;
    expect(SurveyDefinition.parse(result.data)).toEqual(twin());
  });

  it("imports the workbook as a draft that exports as the twin", async () => {
    const db = getDb();
    const result = await surveyFromXlsForm(fixture("local-offer.xlsx"));
    if (result.status !== "read") throw new Error(result.problems.join("\n"));
    expect(await importSurvey(db, result.data)).toMatchObject({ status: "imported", slug: "local-offer-feedback" });
    expect(await exportSurvey(db, "local-offer-feedback")).toEqual({ ...twin(), status: "draft" });
  });

  it("refuses the broken workbook, naming each bad row by its sheet and spreadsheet row", async () => {
    expect(await surveyFromXlsForm(fixture("broken.xlsx"))).toEqual({
      status: "refused",
      problems: [
        'choices row 3: the name "Extra Large" must use only letters, numbers and underscores',
        "choices row 4: the choice has no name",
        'survey row 3: the type "geopoint" is not supported',
        'survey row 4: the type "calculate" is not supported',
        'survey row 5: the type "integer" is not supported',
        'survey row 6: there is no list "colours" on the choices sheet',
        "survey row 7: the relevant \"${size} != 'small'\" is not supported: use the form ${question} = 'value'",
        'survey row 8: required must be yes or no, not "sometimes"',
        'survey row 9: the type "begin repeat" is not supported',
        'survey row 11: the type "end repeat" is not supported',
      ],
    });
  });

  it("refuses a file that is not a workbook, and columns in a language the portal does not offer", async () => {
    expect(await surveyFromXlsForm(fixture("local-offer.survey.json"))).toEqual({
      status: "refused",
      problems: ["(the file): not an Excel workbook: save it from Excel as .xlsx"],
    });
    const klingon = await workbook({
      survey: [["type", "name", "label", "label::Klingon (tlh)", "label::Polish"], ...oneQuestion.slice(1)],
      settings: [
        ["form_title", "form_id"],
        ["Comments", "comments"],
      ],
    });
    expect(await surveyFromXlsForm(klingon)).toEqual({
      status: "refused",
      problems: [
        'survey: the column "label::Klingon (tlh)" is in "tlh", a language this portal does not offer',
        'survey: the column "label::Polish" needs its language code in brackets, like "label::Polish (pl)"',
      ],
    });
  });

  it("names the place in the survey file for what only the survey format checks", async () => {
    const bytes = await workbook({
      survey: oneQuestion,
      settings: [
        ["form_title", "form_id", "audience", "estimated_minutes"],
        ["Comments", "comments", "teachers", 500],
      ],
    });
    const result = await surveyFromXlsForm(bytes);
    expect(result.status).toBe("refused");
    if (result.status !== "refused") return;
    expect(result.problems.map((problem) => problem.split(":")[0])).toEqual(["audience", "estimatedMinutes"]);
  });
});
