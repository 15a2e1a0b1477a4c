import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import type { AppLoadContext } from "@remix-run/node";
import type { TFunction } from "i18next";
import type { DB } from "../../db/connection";
import { audiences, type Audience } from "../../db/schema";
import { listPeriods } from "../actions/periods.server";
import type { FieldError } from "../components/ErrorSummary";
import { formFailure } from "../utils/http.server";
import type { StaffForm } from "../utils/staff-form.server";
import { readPopulationFile, type FileProblem } from "./population-file.server";
import { storeUpload } from "./population.server";

/** What the /admin/population pages share: finding a period, reading an upload, and their refusals. */

export const populationNamespaces = ["population", "staff", "common"];

/** A failed upload: the field errors, the file's problems by line, and the period chosen. */
export type UploadFailure = { errors: FieldError[]; problems: string[]; values: Record<string, string> };

export async function findPeriod(db: DB, id: string | null | undefined, lang: string) {
  if (!id || !/^\d+$/.test(id)) return undefined;
  return (await listPeriods(db, lang)).find((period) => period.id === Number(id));
}

export function problemMessage(t: TFunction, problem: FileProblem): string {
  return t(`population:problems.${problem.code}`, { line: problem.line, ...problem.params });
}

/**
 * Step one of an upload: a period and a CSV file. A file that reads well is stored, every place and
 * year in it, and its id returned; otherwise the 400 the action returns, naming each problem's line.
 */
export async function receiveUpload(
  db: DB,
  context: AppLoadContext,
  staff: StaffForm,
  lang: string,
): Promise<{ uploadId: number } | { failure: ReturnType<typeof formFailure<UploadFailure>> }> {
  const { t } = staff;
  const period = await findPeriod(db, staff.values.period, lang);
  const file = staff.form.get("file");
  const errors: FieldError[] = [];
  if (!period) errors.push({ field: "period", message: t("population:upload.errors.period") });
  if (!(file instanceof File) || file.size === 0) errors.push({ field: "file", message: t("population:upload.errors.file") });
  const values = { period: staff.values.period ?? "" };
  if (errors.length || !period || !(file instanceof File)) return { failure: formFailure<UploadFailure>(context, { errors, problems: [], values }) };
  const read = await readPopulationFile(Readable.fromWeb(file.stream() as unknown as NodeReadableStream<Uint8Array>));
  if (read.status === "refused") {
    const problems = read.problems.map((problem) => problemMessage(t, problem));
    if (read.more) problems.push(t("population:problems.more", { count: read.more }));
    return { failure: formFailure<UploadFailure>(context, { errors: [{ field: "file", message: t("population:upload.errors.problems") }], problems, values }) };
  }
  const uploadId = await storeUpload(db, {
    periodId: period.id,
    fileName: file.name.slice(0, 200) || "population.csv",
    rows: read.rows,
    areas: read.areas,
    userId: staff.session.user.id,
  });
  return { uploadId };
}

/** The comparison's filters from a GET form; anything unknown is ignored. */
export function comparisonFilters(url: URL, surveys: { id: number }[]) {
  const survey = Number(url.searchParams.get("survey"));
  const audience = url.searchParams.get("audience");
  return {
    surveyId: surveys.some((candidate) => candidate.id === survey) ? survey : null,
    audience: audiences.includes(audience as Audience) ? (audience as Audience) : null,
  };
}

/** Surveys with a question compared with the population, for the filter. */
export async function comparedSurveys(db: DB) {
  const rows = await db
    .selectFrom("surveys as s")
    .leftJoin("survey_translations as t", (join) => join.onRef("t.survey_id", "=", "s.id").on("t.lang", "=", "en"))
    .select(["s.id", "s.slug", "t.title"])
    .where("s.id", "in", db.selectFrom("population_questions as pq").innerJoin("questions as q", "q.id", "pq.question_id").select("q.survey_id"))
    .orderBy("s.id")
    .execute();
  return rows.map((row) => ({ id: row.id, title: row.title ?? row.slug }));
}
