import type { Audience, QuestionKind, QuestionSection, SurveyStatus } from "../../db/schema";

export type { Audience, QuestionKind, QuestionSection, SurveyStatus };

/** A respondent's answers while they work: question id → value (string[] for multiple choice). */
export type Answers = Record<string, string | string[]>;

export interface OptionView {
  value: string;
  label: string;
  /** Chosen on its own only ("None of these"), shown after an "or". */
  exclusive: boolean;
  /** The language the label is written in (differs from the page when it fell back to English). */
  lang: string;
}

export interface QuestionView {
  id: number;
  key: string;
  /** Which wording of the question this is: it goes up when what it asks changes after it has answers. */
  version: number;
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
  audience: Audience;
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

export function questionAfter(questions: QuestionView[], answers: Answers, id: number): QuestionView | undefined {
  const shown = visibleQuestions(questions, answers);
  const index = shown.findIndex((question) => question.id === id);
  return index === -1 ? undefined : shown[index + 1];
}

export function questionBefore(questions: QuestionView[], answers: Answers, id: number): QuestionView | undefined {
  const shown = visibleQuestions(questions, answers);
  const index = shown.findIndex((question) => question.id === id);
  return index <= 0 ? undefined : shown[index - 1];
}

/** "Question 3 of 12": the place among the questions this respondent will see. */
export function progress(questions: QuestionView[], answers: Answers, id: number) {
  const shown = visibleQuestions(questions, answers);
  return { number: shown.findIndex((question) => question.id === id) + 1, total: shown.length };
}

/** The first shown question that is required and unanswered, or holds a value it no longer accepts. */
export function firstIncomplete(questions: QuestionView[], answers: Answers): QuestionView | undefined {
  return visibleQuestions(questions, answers).find((question) => {
    const value = answers[String(question.id)];
    if (!isAnswered(value)) return question.required;
    if (question.kind === "free_text") return false;
    const allowed = allowedValues(question);
    return (Array.isArray(value) ? value : [value]).some((item) => !allowed.includes(item as string));
  });
}

/** The first shown question with no answer at all, used after a "Change" reveals new questions. */
export function firstUnanswered(questions: QuestionView[], answers: Answers): QuestionView | undefined {
  return visibleQuestions(questions, answers).find((question) => !isAnswered(answers[String(question.id)]));
}

export function isOpen(survey: Pick<SurveyView, "status" | "opensAt" | "closesAt">, now = new Date()): boolean {
  if (survey.status !== "open") return false;
  if (survey.opensAt && new Date(survey.opensAt) > now) return false;
  if (survey.closesAt && new Date(survey.closesAt) <= now) return false;
  return true;
}
