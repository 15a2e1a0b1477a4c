import type { Audience, QuestionKind, QuestionSection, SurveyAudience, SurveyStatus } from "../../db/schema";

export type { Audience, QuestionKind, QuestionSection, SurveyAudience, SurveyStatus };

/** A respondent's answers while they work: question id → value (string[] for multiple choice). */
export type Answers = Record<string, string | string[]>;

export interface OptionView {
  value: string;
  label: string;
  /** Chosen on its own only ("None of these"), shown after an "or". */
  exclusive: boolean;
  /** The language the label is written in (differs from the page when it fell back to English). */
  lang: string;
  /** Choosing it ends the survey on an exit page with this text (single choice only). */
  exit: { text: string; lang: string } | null;
}

export interface QuestionView {
  id: number;
  key: string;
  /** Which wording of the question this is: it goes up when what it asks changes after it has answers. */
  version: number;
  /** Shown on the same page as the question before it. */
  samePage: boolean;
  kind: QuestionKind;
  section: QuestionSection;
  required: boolean;
  maxLength: number | null;
  themeId: number | null;
  showIf: { questionId: number; value: string } | null;
  text: string;
  hint: string | null;
  lang: string;
  /** Options stored with the question (single and multiple choice). Scales and yes/no use fixed values. */
  options: OptionView[];
}

export interface SurveyView {
  id: number;
  slug: string;
  /** Who the survey is for. On a respondent's pages (through their draft) it is who is answering, never "both". */
  audience: SurveyAudience;
  status: SurveyStatus;
  /** The survey version this view shows: a draft finishes on the version it started. */
  version: number;
  estimatedMinutes: number;
  runBy: string | null;
  closesAt: string | null;
  opensAt: string | null;
  title: string;
  summary: string;
  description: string;
  /** The survey's own privacy text, shown before the portal's notice; null when it has none. */
  privacy: string | null;
  /** The language the survey is shown in: the person's, or English when it is not all translated. */
  lang: string;
  /** Every language the whole survey is written in. */
  languages: string[];
  questions: QuestionView[];
}

export const PREFER_NOT_TO_SAY = "prefer_not_to_say";
export const DONT_KNOW = "dont_know";
export const DEFAULT_FREE_TEXT_LIMIT = 1200;

export const agreementValues = ["strongly_agree", "agree", "neither", "disagree", "strongly_disagree"] as const;
export const smileyValues = ["really_good", "good", "okay", "bad", "really_bad"] as const;
export const yesNoValues = ["yes", "no"] as const;

/** Every value a question accepts, in the order they are offered. */
export function allowedValues(question: Pick<QuestionView, "kind" | "section" | "options">): string[] {
  const base = (() => {
    switch (question.kind) {
      case "agreement_scale":
        return [...agreementValues, DONT_KNOW];
      case "smiley_scale":
        return [...smileyValues];
      case "yes_no":
        return [...yesNoValues];
      case "single_choice":
      case "multiple_choice":
        return question.options.map((option) => option.value);
      case "free_text":
        return [];
    }
  })();
  return question.section === "about_you" && question.kind !== "free_text" ? [...base, PREFER_NOT_TO_SAY] : base;
}

/** Values that must be chosen alone in a multiple-choice answer. */
export function exclusiveValues(question: Pick<QuestionView, "section" | "options">): string[] {
  const own = question.options.filter((option) => option.exclusive).map((option) => option.value);
  return question.section === "about_you" ? [...own, PREFER_NOT_TO_SAY] : own;
}

export function isAnswered(value: Answers[string] | undefined): boolean {
  if (value === undefined) return false;
  return Array.isArray(value) ? value.length > 0 : value.trim() !== "";
}

/** Whether a question is shown: its condition holds, and the question it depends on is itself shown. */
export function isVisible(questions: QuestionView[], question: QuestionView, answers: Answers): boolean {
  let current: QuestionView | undefined = question;
  const seen = new Set<number>();
  while (current?.showIf) {
    if (seen.has(current.id)) return false;
    seen.add(current.id);
    const { questionId, value }: { questionId: number; value: string } = current.showIf;
    if (answers[String(questionId)] !== value) return false;
    current = questions.find((candidate) => candidate.id === questionId);
  }
  return true;
}

export function visibleQuestions(questions: QuestionView[], answers: Answers): QuestionView[] {
  return questions.filter((question) => isVisible(questions, question, answers));
}

/** Drops answers to questions that are no longer shown, so skipped questions never reach a response. */
export function pruneHidden(questions: QuestionView[], answers: Answers): Answers {
  const kept: Answers = {};
  for (const question of visibleQuestions(questions, answers)) {
    const value = answers[String(question.id)];
    if (isAnswered(value)) kept[String(question.id)] = value;
  }
  return kept;
}

/**
 * The pages a respondent sees, from the questions shown to them: a question marked "same page"
 * joins the page of the shown question before it. Most pages hold one question.
 */
export function pagesOf(questions: QuestionView[], answers: Answers): QuestionView[][] {
  const pages: QuestionView[][] = [];
  for (const question of visibleQuestions(questions, answers)) {
    const page = pages.at(-1);
    if (question.samePage && page) page.push(question);
    else pages.push([question]);
  }
  return pages;
}

function pageIndex(pages: QuestionView[][], id: number): number {
  return pages.findIndex((page) => page.some((question) => question.id === id));
}

/** The questions on the page that holds this question, as the respondent sees them now. */
export function pageOf(questions: QuestionView[], answers: Answers, id: number): QuestionView[] {
  const pages = pagesOf(questions, answers);
  return pages[pageIndex(pages, id)] ?? [];
}

/** The first question of the next page. */
export function questionAfter(questions: QuestionView[], answers: Answers, id: number): QuestionView | undefined {
  const pages = pagesOf(questions, answers);
  const index = pageIndex(pages, id);
  return index === -1 ? undefined : pages[index + 1]?.[0];
}

/** The first question of the page before. */
export function questionBefore(questions: QuestionView[], answers: Answers, id: number): QuestionView | undefined {
  const pages = pagesOf(questions, answers);
  const index = pageIndex(pages, id);
  return index <= 0 ? undefined : pages[index - 1][0];
}

/** "Question 3 of 12": the place among the pages this respondent will see. */
export function progress(questions: QuestionView[], answers: Answers, id: number) {
  const pages = pagesOf(questions, answers);
  return { number: pageIndex(pages, id) + 1, total: pages.length };
}

/**
 * The first shown question that is required and unanswered, or holds a value it no longer accepts.
 * `spoken`: questions answered by a recording (app/spoken/), which count as answered.
 */
export function firstIncomplete(questions: QuestionView[], answers: Answers, spoken: ReadonlySet<number> = new Set()): QuestionView | undefined {
  return visibleQuestions(questions, answers).find((question) => {
    const value = answers[String(question.id)];
    if (!isAnswered(value)) return question.required && !spoken.has(question.id);
    if (question.kind === "free_text") return false;
    const allowed = allowedValues(question);
    return (Array.isArray(value) ? value : [value]).some((item) => !allowed.includes(item as string));
  });
}

/** The first shown question with no answer at all, used after a "Change" reveals new questions. */
export function firstUnanswered(questions: QuestionView[], answers: Answers): QuestionView | undefined {
  return visibleQuestions(questions, answers).find((question) => !isAnswered(answers[String(question.id)]));
}

/** The first shown answer that ends the survey on an exit page ("this survey is not for you"). */
export function exitChosen(questions: QuestionView[], answers: Answers): { question: QuestionView; option: OptionView } | undefined {
  for (const question of visibleQuestions(questions, answers)) {
    const option = question.options.find((candidate) => candidate.exit && candidate.value === answers[String(question.id)]);
    if (option) return { question, option };
  }
  return undefined;
}

export function isOpen(survey: Pick<SurveyView, "status" | "opensAt" | "closesAt">, now = new Date()): boolean {
  if (survey.status !== "open") return false;
  if (survey.opensAt && new Date(survey.opensAt) > now) return false;
  if (survey.closesAt && new Date(survey.closesAt) <= now) return false;
  return true;
}
