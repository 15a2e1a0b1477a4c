import type { TFunction } from "i18next";
import type { DB } from "../../db/connection";
import { audiences, helpers, supportKinds, type QuestionKind } from "../../db/schema";
import { fallbackLanguage, supportedLanguages } from "../i18n/config";
import { fixedT } from "../i18n/i18n.server";
import { choicesFor } from "../surveys/choices";
import { formatCode } from "../surveys/codes";
import type { QuestionView } from "../surveys/model";
import { getSurvey } from "../surveys/surveys.server";
import type { Cell } from "./neutralise";
import type { ExportedAnswer, ExportedResponse } from "./responses.server";

/**
 * The columns of an export and how a response fills them. Headings and answers are the survey's
 * English words; see docs/decisions/016-exports.md for how columns span survey versions.
 */

/** A question as one version of the survey asked it, in English. */
interface Asked {
  kind: QuestionKind;
  text: string;
  labels: Map<string, string>;
}

type Layout = "options" | "choice" | "text";

interface PlannedQuestion {
  id: number;
  heading: string;
  /** Every English wording the question has had, oldest first. */
  wordings: string[];
  /** A multiple choice in every version: a column per option. Free text in every version: the words and their translation. Otherwise one column of labels. */
  layout: Layout;
  /** Every value it has offered, with its newest label. */
  values: { value: string; label: string }[];
  /** The same labels, by value. */
  labels: Map<string, string>;
  /** Some version took written words: they get a translation column. */
  written: boolean;
}

export interface ExportPlan {
  headers: string[];
  row(response: ExportedResponse): Cell[];
  /** Counts kept while rows are made: every option of every question, and every theme. */
  totals(): Cell[][];
}

/** The English wording of every question in every version of the survey, newest version first. */
async function versionsOf(db: DB, slug: string, t: TFunction) {
  const current = await getSurvey(db, slug, fallbackLanguage);
  if (!current) throw new Error(`No survey ${slug}`);
  const earlier = await db.selectFrom("survey_versions").select("version").where("survey_id", "=", current.id).orderBy("version", "desc").execute();
  const views = [current];
  for (const { version } of earlier) {
    const view = await getSurvey(db, slug, fallbackLanguage, version);
    if (view) views.push(view);
  }
  const asked = (question: QuestionView): Asked => ({
    kind: question.kind,
    text: question.text,
    labels: new Map(choicesFor(question, t, fallbackLanguage).map((choice) => [choice.value, choice.label])),
  });
  return views.map((view) => ({
    version: view.version,
    order: view.questions.map((q) => q.id),
    questions: new Map(view.questions.map((q) => [q.id, asked(q)])),
  }));
}

function layoutOf(kinds: QuestionKind[]): Layout {
  if (kinds.every((kind) => kind === "multiple_choice")) return "options";
  if (kinds.every((kind) => kind === "free_text")) return "text";
  return "choice";
}

/** Questions in the current survey's order, then questions since removed, headed with their newest words. */
function planQuestions(versions: Awaited<ReturnType<typeof versionsOf>>): PlannedQuestion[] {
  const ids = [...new Set(versions.flatMap((version) => version.order))];
  return ids.map((id) => {
    const newestFirst = versions.flatMap((version) => version.questions.get(id) ?? []);
    const values = new Map<string, string>();
    for (const asked of newestFirst) for (const [value, label] of asked.labels) if (!values.has(value)) values.set(value, label);
    const kinds = newestFirst.map((asked) => asked.kind);
    return {
      id,
      heading: newestFirst[0].text,
      wordings: [...new Set(newestFirst.map((asked) => asked.text).reverse())],
      layout: layoutOf(kinds),
      values: [...values].map(([value, label]) => ({ value, label })),
      labels: values,
      written: kinds.includes("free_text"),
    };
  });
}

function questionHeaders(question: PlannedQuestion, t: TFunction): string[] {
  const several = question.wordings.length > 1;
  const heading = several ? t("exports:file.wordings", { question: question.heading, count: question.wordings.length }) : question.heading;
  const main =
    question.layout === "options"
      ? question.values.map((option) => t("exports:file.option", { question: heading, option: option.label }))
      : [heading, ...(question.written ? [t("exports:file.translation", { question: question.heading })] : [])];
  return several ? [...main, t("exports:file.asked", { question: question.heading })] : main;
}

/** Adds a question's cells for one response to `row`. Called for every cell of every row, so it stays plain. */
function addQuestionCells(row: Cell[], question: PlannedQuestion, asked: Asked | undefined, answer: ExportedAnswer | undefined) {
  if (question.layout === "options") {
    // 1 or 0 for an option the person was offered; blank when they did not answer or were not offered it.
    for (const { value } of question.values) row.push(!answer ? null : answer.choices.includes(value) ? 1 : asked?.labels.has(value) ? 0 : null);
  } else {
    let words: string | null = null;
    if (answer) {
      const parts = answer.choices.map((value) => asked?.labels.get(value) ?? question.labels.get(value) ?? value);
      if (answer.text !== null) parts.push(answer.text);
      words = parts.join("; ");
    }
    row.push(words);
    if (question.written) row.push(answer?.translation ?? null);
  }
  if (question.wordings.length > 1) row.push(asked?.text ?? null);
}

/** Counts for the Totals sheet, kept as rows are made so the export is read once. */
function totalsKeeper(questions: PlannedQuestion[], themeNames: Map<number, string>, t: TFunction) {
  let responses = 0;
  const answered = new Map<number, number>();
  const translated = new Map<number, number>();
  const chosen = new Map<number, Map<string, number>>();
  const themes = new Map<number, number>();
  const bump = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);
  return {
    add(response: ExportedResponse) {
      responses++;
      for (const [questionId, answer] of response.answers) {
        bump(answered, questionId);
        if (answer.translation) bump(translated, questionId);
        if (answer.choices.length === 0) continue;
        const counts = chosen.get(questionId) ?? new Map<string, number>();
        chosen.set(questionId, counts);
        for (const value of answer.choices) bump(counts, value);
      }
      for (const themeId of response.themeIds) bump(themes, themeId);
    },
    rows(): Cell[][] {
      const rows: Cell[][] = [[t("exports:file.totals.question"), t("exports:file.totals.answer"), t("exports:file.totals.responses")]];
      rows.push([t("exports:file.totals.all"), null, responses]);
      for (const question of questions) {
        rows.push([question.heading, t("exports:file.totals.answered"), answered.get(question.id) ?? 0]);
        for (const { value, label } of question.values) rows.push([question.heading, label, chosen.get(question.id)?.get(value) ?? 0]);
        if (question.written) rows.push([question.heading, t("exports:file.totals.translated"), translated.get(question.id) ?? 0]);
      }
      const tagged = [...themes].map(([id, count]) => [themeNames.get(id) ?? String(id), count] as const).sort(([a], [b]) => a.localeCompare(b, "en"));
      for (const [name, count] of tagged) rows.push([t("exports:file.totals.themes"), name, count]);
      return rows;
    },
  };
}

async function englishThemeNames(db: DB): Promise<Map<number, string>> {
  const rows = await db.selectFrom("theme_translations").select(["theme_id", "name"]).where("lang", "=", fallbackLanguage).execute();
  return new Map(rows.map((row) => [row.theme_id, row.name]));
}

/**
 * The English words for every value a fixed column can hold, looked up once: i18next is too slow
 * to ask a million times.
 */
function fixedWords(t: TFunction) {
  const words = (keys: readonly string[], prefix: string) => new Map(keys.map((key) => [key, t(`${prefix}.${key}`)]));
  return {
    languages: words(supportedLanguages, "common:languageNames"),
    audiences: words(audiences, "exports:file.audience"),
    statuses: words(["new", "in_review", "done"], "staff:status"),
    helpers: words(helpers, "survey:helped.options"),
    supportKinds: words(supportKinds, "staff:support.kinds"),
    yes: t("survey:options.yes"),
    no: t("survey:options.no"),
  };
}

/** The columns for a survey's export: the same for every export of it, whatever the dates. */
export async function exportPlan(db: DB, slug: string, { includeHeld }: { includeHeld: boolean }): Promise<ExportPlan> {
  const t = fixedT(fallbackLanguage, ["exports", "survey", "staff", "common"]);
  const versions = await versionsOf(db, slug, t);
  const questions = planQuestions(versions);
  const byVersion = new Map(versions.map((version) => [version.version, version.questions]));
  const themeNames = await englishThemeNames(db);
  const totals = totalsKeeper(questions, themeNames, t);
  const words = fixedWords(t);
  const fixed = [
    "reference",
    "submittedAt",
    "surveyVersion",
    "language",
    "audience",
    "status",
    "helpedBy",
    "quoteConsent",
    "themes",
    ...(includeHeld ? ["held"] : []),
    // How a supporter helped: in staff files only; open data never carries it.
    "supportKind",
    "supportLanguage",
  ];
  const yesNo = (yes: boolean) => (yes ? words.yes : words.no);
  return {
    headers: [...fixed.map((key) => t(`exports:file.columns.${key}`)), ...questions.flatMap((question) => questionHeaders(question, t))],
    row(response) {
      totals.add(response);
      const asked = byVersion.get(response.surveyVersion);
      const themes = response.themeIds.map((id) => themeNames.get(id) ?? String(id)).sort((a, b) => a.localeCompare(b, "en"));
      const row: Cell[] = [
        formatCode(response.reference),
        response.submittedAt,
        response.surveyVersion,
        words.languages.get(response.lang) ?? response.lang,
        words.audiences.get(response.audience) ?? response.audience,
        words.statuses.get(response.status) ?? response.status,
        response.helpedBy ? (words.helpers.get(response.helpedBy) ?? response.helpedBy) : null,
        yesNo(response.quoteConsent),
        themes.join("; "),
      ];
      if (includeHeld) row.push(yesNo(response.held));
      row.push(response.supportKind ? (words.supportKinds.get(response.supportKind) ?? response.supportKind) : null, response.supportLanguage);
      for (const question of questions) addQuestionCells(row, question, asked?.get(question.id), response.answers.get(question.id));
      return row;
    },
    totals: () => totals.rows(),
  };
}
