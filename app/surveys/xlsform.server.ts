/**
 * Officers who draft surveys in Excel can bring them in as an XLSForm workbook (xlsform.org), the
 * layout ODK, Kobo and SurveyCTO read, and get a portal survey file to import as a draft. Only what
 * the portal can show is accepted; anything else is refused by its sheet and spreadsheet row, so the
 * officer fixes the workbook they know rather than a file they have never seen.
 *
 * survey sheet: type, name, label, hint, required, relevant, and `label::Polish (pl)` style columns
 * per language (the code in brackets counts; a plain `label` or `hint` is English).
 *   select_one LIST → single_choice, but select_one yes_no → yes_no (the portal's own Yes and No)
 *   select_multiple LIST → multiple_choice; text → free_text; agreement_scale, smiley_scale as they are
 *   note → left out: the portal shows no text between questions (put it in the settings description)
 *   begin group / end group → only group, except a group named about_you, whose questions go in the
 *   "About you" section
 *   required: yes, true or 1; relevant: only ${question} = 'value' on an earlier select_one
 *   theme (ours): the short name of one of the portal's themes
 * choices sheet: list_name, name (the option value, lower-cased), label and label::… columns, and
 *   exclusive (ours): yes for an answer like "None of these" that cannot go with the others
 * settings sheet, its first row: form_title (and form_title::…), form_id → the short name, and ours:
 *   audience (parent_carer, young_person or both, default parent_carer), estimated_minutes (default 5),
 *   summary (default: the title) and description (default: empty), each with ::… translations, and
 *   themes (short names, separated by spaces or commas)
 * XLSForm names use underscores; the portal's short names use dashes, so how_found becomes how-found.
 */
import ExcelJS from "exceljs";
import { isSupportedLanguage } from "../i18n/config";
import { SurveyDefinition, describeIssues, type SurveyDefinitionInput } from "./definition";

type QuestionInput = SurveyDefinitionInput["questions"][number];
type OptionInput = NonNullable<QuestionInput["options"]>[number];
type Row = { number: number; cells: Map<string, string> };

export type XlsFormResult = { status: "read"; data: SurveyDefinitionInput } | { status: "refused"; problems: string[] };

/** Columns that carry text per language; every other column has one meaning whatever the language. */
const localisedColumns = new Set(["label", "hint", "form_title", "summary", "description"]);
/** XLSForm columns that change what a question does in ways the portal cannot, so leaving them out would change the survey. */
const unsupportedColumns = ["constraint", "calculation", "choice_filter", "default", "read_only", "repeat_count"];
const simpleKinds: Record<string, QuestionInput["kind"]> = { text: "free_text", agreement_scale: "agreement_scale", smiley_scale: "smiley_scale" };
const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const valuePattern = /^[a-z0-9_]+$/;
const conditionPattern = /^\$\{\s*([^}\s]+)\s*\}\s*=\s*(['"])([^'"]*)\2$/;

/** A workbook in the XLSForm layout as a portal survey file, or every problem with its sheet and row. */
export async function surveyFromXlsForm(bytes: Uint8Array): Promise<XlsFormResult> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its input as an ArrayBuffer: the copy holds exactly the file's bytes, whatever view came in.
    await workbook.xlsx.load(bytes.slice().buffer);
  } catch {
    return { status: "refused", problems: ["(the file): not an Excel workbook: save it from Excel as .xlsx"] };
  }
  const problems: string[] = [];
  const surveyRows = readSheet(workbook, "survey", problems);
  const choiceRows = readSheet(workbook, "choices", problems) ?? [];
  const settingsRows = readSheet(workbook, "settings", problems);
  if (!surveyRows) problems.push('the workbook has no "survey" sheet');
  if (!settingsRows) problems.push('the workbook has no "settings" sheet: it gives the survey its title (form_title) and short name (form_id)');
  if (!surveyRows || !settingsRows || problems.length) return { status: "refused", problems };

  const lists = readChoices(choiceRows, problems);
  const questions = readQuestions(surveyRows, lists, problems);
  const survey = readSettings(settingsRows, problems);
  if (problems.length) return { status: "refused", problems };

  const data: SurveyDefinitionInput = { ...survey, questions };
  const parsed = SurveyDefinition.safeParse(data);
  if (!parsed.success) return { status: "refused", problems: describeIssues(parsed.error.issues) };
  return { status: "read", data };
}

/**
 * A sheet's rows that have anything in them, keyed by column: "type", "name", "label::pl" … A plain
 * localised column is English, so `label` and `label::English (en)` are the same column.
 */
function readSheet(workbook: ExcelJS.Workbook, name: string, problems: string[]): Row[] | undefined {
  const worksheet = workbook.worksheets.find((sheet) => sheet.name.trim().toLowerCase() === name);
  if (!worksheet) return undefined;
  const columns = new Map<number, string>();
  const headings = new Map<string, string>();
  worksheet.getRow(1).eachCell((cell, column) => {
    const heading = cell.text.trim();
    const key = columnKey(heading);
    if (key === undefined) return;
    if ("problem" in key) return problems.push(`${name}: ${key.problem}`);
    const earlier = headings.get(key.key);
    if (earlier !== undefined) return problems.push(`${name}: the columns "${earlier}" and "${heading}" are the same column: keep one`);
    headings.set(key.key, heading);
    columns.set(column, key.key);
  });
  const rows: Row[] = [];
  worksheet.eachRow((row, number) => {
    if (number === 1) return;
    const cells = new Map<string, string>();
    for (const [column, key] of columns) {
      const text = row.getCell(column).text.trim();
      if (text) cells.set(key, text);
    }
    if (cells.size) rows.push({ number, cells });
  });
  return rows;
}

function columnKey(heading: string): { key: string } | { problem: string } | undefined {
  if (!heading) return undefined;
  const [first, ...rest] = heading.split("::");
  // pyxform also accepts "list name" for list_name.
  const base = first.trim().toLowerCase().replace(/\s+/g, "_");
  if (!localisedColumns.has(base)) return { key: rest.length ? heading.toLowerCase() : base };
  if (!rest.length) return { key: `${base}::en` };
  const code = /\(([^()]+)\)\s*$/.exec(rest.join("::"))?.[1].trim().toLowerCase();
  if (!code) return { problem: `the column "${heading}" needs its language code in brackets, like "${base}::Polish (pl)"` };
  if (!isSupportedLanguage(code)) return { problem: `the column "${heading}" is in "${code}", a language this portal does not offer` };
  return { key: `${base}::${code}` };
}

function cell(row: Row, column: string): string {
  return row.cells.get(column) ?? "";
}

/** The text of a localised column in each language that has it. */
function localised(row: Row, column: string): Record<string, string> {
  const prefix = `${column}::`;
  return Object.fromEntries([...row.cells].filter(([key]) => key.startsWith(prefix)).map(([key, text]) => [key.slice(prefix.length), text]));
}

/** XLSForm writes yes/no in several ways, and Excel may turn TRUE into a boolean; undefined when it is none of them. */
function yesOrNo(text: string): boolean | undefined {
  const word = text.toLowerCase();
  if (["", "no", "false", "false()", "0"].includes(word)) return false;
  if (["yes", "true", "true()", "1"].includes(word)) return true;
  return undefined;
}

/** Every list on the choices sheet by its name; a list is there even when some of its rows are refused, so questions using it are not refused too. */
function readChoices(rows: Row[], problems: string[]): Map<string, OptionInput[]> {
  const lists = new Map<string, OptionInput[]>();
  const rowOf = new Map<string, number>();
  for (const row of rows) {
    const at = `choices row ${row.number}`;
    const listName = cell(row, "list_name");
    const name = cell(row, "name");
    if (!listName) {
      problems.push(`${at}: the choice has no list_name`);
      continue;
    }
    const options = lists.get(listName) ?? [];
    lists.set(listName, options);
    const rowProblems: string[] = [];
    const value = name.toLowerCase();
    if (!name) rowProblems.push(`${at}: the choice has no name`);
    else if (!valuePattern.test(value)) rowProblems.push(`${at}: the name "${name}" must use only letters, numbers and underscores`);
    else if (rowOf.has(`${listName} ${value}`))
      rowProblems.push(`${at}: the list "${listName}" already has "${value}" (row ${rowOf.get(`${listName} ${value}`)})`);
    const label = localised(row, "label");
    if (!label.en) rowProblems.push(`${at}: the label in English is missing`);
    const exclusive = yesOrNo(cell(row, "exclusive"));
    if (exclusive === undefined) rowProblems.push(`${at}: exclusive must be yes or no, not "${cell(row, "exclusive")}"`);
    problems.push(...rowProblems);
    if (name) rowOf.set(`${listName} ${value}`, row.number);
    if (!rowProblems.length) options.push({ value, label, ...(exclusive ? { exclusive } : {}) });
  }
  return lists;
}

type Known = { key: string; kind: QuestionInput["kind"] | undefined; options: OptionInput[]; row: number };

function readQuestions(rows: Row[], lists: Map<string, OptionInput[]>, problems: string[]): QuestionInput[] {
  const questions: QuestionInput[] = [];
  // By XLSForm name as written, since that is how ${…} in relevant names them.
  const known = new Map<string, Known>();
  const groups: { row: number; aboutYou: boolean }[] = [];
  for (const row of rows) {
    const at = `survey row ${row.number}`;
    const type = cell(row, "type").replace(/\s+/g, " ");
    const [word = "", list, ...extra] = type.split(" ");
    const typeWord = word.toLowerCase();
    if (!type) {
      if (row.cells.has("name") || row.cells.has("label::en")) problems.push(`${at}: the type is missing`);
      continue;
    }
    if (typeWord === "note") continue;
    if (["begin group", "begin_group"].includes(type.toLowerCase())) {
      const aboutYou = ["about_you", "about-you"].includes(cell(row, "name").toLowerCase()) || groups.some((group) => group.aboutYou);
      groups.push({ row: row.number, aboutYou });
      continue;
    }
    if (["end group", "end_group"].includes(type.toLowerCase())) {
      if (!groups.pop()) problems.push(`${at}: this "end group" has no "begin group" before it`);
      continue;
    }

    let kind: QuestionInput["kind"] | undefined;
    if (!extra.length && list && typeWord === "select_one") kind = list === "yes_no" ? "yes_no" : "single_choice";
    else if (!extra.length && list && typeWord === "select_multiple") kind = "multiple_choice";
    else if (!list) kind = simpleKinds[typeWord];
    const name = cell(row, "name");
    const key = name.toLowerCase().replaceAll("_", "-");
    // One problem is enough for a row the portal cannot have at all (a calculate has no label, for one).
    if (!kind) {
      problems.push(`${at}: the type "${type}" is not supported`);
      if (name) known.set(name, { key, kind, options: [], row: row.number });
      continue;
    }

    const rowProblems: string[] = [];
    const options = kind === "single_choice" || kind === "multiple_choice" ? lists.get(list ?? "") : [];
    if (!options) rowProblems.push(`${at}: there is no list "${list}" on the choices sheet`);
    const clash = [...known.values()].find((earlier) => earlier.key === key);
    if (!name) rowProblems.push(`${at}: the question has no name`);
    else if (!slugPattern.test(key)) rowProblems.push(`${at}: the name "${name}" must use only letters, numbers and single underscores`);
    else if (clash) rowProblems.push(`${at}: the name "${name}" is already used on row ${clash.row}`);

    const label = localised(row, "label");
    const hint = localised(row, "hint");
    if (!label.en) rowProblems.push(`${at}: the label in English is missing`);
    for (const lang of Object.keys(hint)) if (!label[lang]) rowProblems.push(`${at}: there is a hint in "${lang}" but no label`);
    const required = yesOrNo(cell(row, "required"));
    if (required === undefined) rowProblems.push(`${at}: required must be yes or no, not "${cell(row, "required")}"`);
    for (const column of unsupportedColumns) if (row.cells.has(column)) rowProblems.push(`${at}: the column "${column}" is not supported`);

    let showIf: QuestionInput["showIf"];
    const relevant = cell(row, "relevant");
    if (relevant) {
      const [, targetName = "", , wanted = ""] = conditionPattern.exec(relevant) ?? [];
      const target = known.get(targetName);
      if (!targetName) rowProblems.push(`${at}: the relevant "${relevant}" is not supported: use the form \${question} = 'value'`);
      else if (target?.kind !== "single_choice")
        rowProblems.push(`${at}: the relevant can only name an earlier select_one question (not yes_no), and "${targetName}" is not one`);
      else if (!target.options.some((option) => option.value === wanted.toLowerCase()))
        rowProblems.push(`${at}: "${wanted}" is not a choice of "${targetName}"`);
      else showIf = { question: target.key, value: wanted.toLowerCase() };
    }

    if (name) known.set(name, { key, kind, options: options ?? [], row: row.number });
    problems.push(...rowProblems);
    if (rowProblems.length) continue;
    const theme = cell(row, "theme");
    questions.push({
      key,
      kind,
      ...(groups.some((group) => group.aboutYou) ? { section: "about_you" as const } : {}),
      required: required ?? false,
      ...(theme ? { theme } : {}),
      ...(showIf ? { showIf } : {}),
      text: Object.fromEntries(Object.entries(label).map(([lang, text]) => [lang, hint[lang] ? { text, hint: hint[lang] } : { text }])),
      options: options ?? [],
    });
  }
  for (const group of groups) problems.push(`survey row ${group.row}: this "begin group" has no "end group"`);
  return questions;
}

function readSettings(rows: Row[], problems: string[]): Omit<SurveyDefinitionInput, "questions"> {
  // XLSForm settings have one row, under the headings.
  const row = rows[0] ?? { number: 2, cells: new Map<string, string>() };
  const at = `settings row ${row.number}`;
  const formId = cell(row, "form_id");
  if (!formId) problems.push(`${at}: form_id is missing: it becomes the survey's short name`);
  // The plain columns are read as English, which a workbook made for another language would contradict.
  const defaultLanguage = cell(row, "default_language").toLowerCase();
  if (defaultLanguage && !["en", "english", "english (en)"].includes(defaultLanguage)) {
    problems.push(`${at}: default_language must be English: name each other language in its columns, like "label::Polish (pl)"`);
  }
  const titles = localised(row, "form_title");
  const summaries = localised(row, "summary");
  const descriptions = localised(row, "description");
  if (!titles.en) problems.push(`${at}: form_title in English is missing`);
  for (const lang of new Set([...Object.keys(summaries), ...Object.keys(descriptions)])) {
    if (!titles[lang]) problems.push(`${at}: there is a summary or description in "${lang}" but no form_title`);
  }
  const minutes = cell(row, "estimated_minutes") || "5";
  if (!/^\d+$/.test(minutes)) problems.push(`${at}: estimated_minutes must be a whole number, not "${minutes}"`);
  const themes = cell(row, "themes")
    .split(/[\s,]+/)
    .filter(Boolean);
  return {
    slug: formId.toLowerCase().replaceAll("_", "-"),
    // The schema names a wrong audience, so it is passed on as written.
    audience: (cell(row, "audience") || "parent_carer") as SurveyDefinitionInput["audience"],
    estimatedMinutes: Number(minutes),
    ...(themes.length ? { themes } : {}),
    text: Object.fromEntries(
      Object.entries(titles).map(([lang, title]) => [lang, { title, summary: summaries[lang] ?? title, description: descriptions[lang] ?? "" }]),
    ),
  };
}
