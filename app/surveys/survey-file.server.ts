import { surveyFromXlsForm } from "./xlsform.server";
/**
 * A survey file's text as data for `importSurvey`, or the one problem that it is not JSON at all,
 * worded like every other problem with a file so the person fixing it reads one kind of message.
 */
export function parseSurveyText(text: string): { status: "read"; data: unknown } | { status: "refused"; problems: string[] } {
  try {
    // Some Windows editors start a UTF-8 file with a byte-order mark, which JSON.parse refuses.
    return { status: "read", data: JSON.parse(text.replace(/^\uFEFF/, "")) };
  } catch (error) {
    return { status: "refused", problems: [`(the file): not JSON (${error instanceof Error ? error.message : String(error)})`] };
  }
}

/**
 * The one way an uploaded or named file becomes survey data, for the upload form and the command
 * line alike: an XLSForm workbook by its `.xlsx` name, else a JSON survey file.
 */
export async function readSurveyUpload(
  name: string,
  bytes: Uint8Array,
): Promise<{ status: "read"; data: unknown } | { status: "refused"; problems: string[] }> {
  if (/\.xlsx$/i.test(name)) return surveyFromXlsForm(bytes);
  return parseSurveyText(new TextDecoder("utf-8").decode(bytes));
}
