// How the bench's respondents answer a survey: as people do, not as a form-filler would. Every shown
// question, by its show_if conditions; optional ones skipped now and then; "Don't know" and "Prefer not
// to say" sometimes; a few boxes ticked; free text of one sentence or several, in their own language.
import {
  allowedValues,
  DEFAULT_FREE_TEXT_LIMIT,
  DONT_KNOW,
  exclusiveValues,
  isVisible,
  PREFER_NOT_TO_SAY,
  type Answers,
  type QuestionView,
} from "../../app/surveys/model";
import { seeded } from "../../db/seed/demo-responses";
import type { Sentence, WordBank } from "./words";

export type Random = () => number;

export { seeded };

/** One of the items, the earlier ones likelier (weight 1, 1/1.4, 1/1.8 …), as answers to real questions are. */
export function pickSkewed<T>(next: Random, items: readonly T[], skew = 0.4): T {
  const weights = items.map((_, index) => 1 / (1 + skew * index));
  let roll = next() * weights.reduce((sum, weight) => sum + weight, 0);
  for (let i = 0; i < items.length; i++) {
    roll -= weights[i];
    if (roll <= 0) return items[i];
  }
  return items[items.length - 1];
}

/** A value by its weight. */
export function pickWeighted<T extends string>(next: Random, weights: Record<T, number>): T {
  const entries = Object.entries(weights) as [T, number][];
  let roll = next() * entries.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [value, weight] of entries) {
    roll -= weight;
    if (roll <= 0) return value;
  }
  return entries[entries.length - 1][0];
}

const agreement = { strongly_agree: 10, agree: 22, neither: 17, disagree: 25, strongly_disagree: 18, [DONT_KNOW]: 8 };
const smiley = { really_good: 15, good: 30, okay: 30, bad: 15, really_bad: 10 };
/** The home language a respondent in each portal language most often gives. */
const homeLanguage: Record<string, string> = {
  pl: "polish",
  ro: "romanian",
  pa: "panjabi",
  ur: "urdu",
  pt: "portuguese",
  es: "spanish",
  ar: "arabic",
  bn: "bengali",
  gu: "gujarati",
  it: "italian",
};

export interface Respondent {
  lang: string;
  bank: WordBank;
  young: boolean;
}

export interface FreeText {
  text: string;
  /** The moderator's English, when it was translated. */
  english: string | null;
  themes: string[];
}

/** One to six sentences, mostly one or two, cut to the question's limit. */
function freeText(next: Random, sentences: Sentence[], limit: number): FreeText {
  const roll = next();
  const count = roll < 0.45 ? 1 : roll < 0.75 ? 2 : roll < 0.9 ? 3 : 4 + Math.floor(next() * 3);
  const chosen = Array.from({ length: count }, () => sentences[Math.floor(next() * sentences.length)]);
  const english = chosen.every((sentence) => sentence.english) ? chosen.map((sentence) => sentence.english).join(" ") : null;
  return {
    text: chosen
      .map((sentence) => sentence.text)
      .join(" ")
      .slice(0, limit),
    english,
    themes: [...new Set(chosen.flatMap((sentence) => sentence.themes))],
  };
}

function choose(next: Random, question: QuestionView, respondent: Respondent): string | string[] | undefined {
  const aboutYou = question.section === "about_you";
  if (aboutYou && next() < 0.05) return PREFER_NOT_TO_SAY;
  switch (question.kind) {
    case "agreement_scale":
      return pickWeighted(next, agreement);
    case "smiley_scale":
      return pickWeighted(next, smiley);
    case "yes_no":
      return next() < 0.55 ? "yes" : "no";
    case "single_choice": {
      if (question.key === "home-language" && homeLanguage[respondent.lang] && next() < 0.85) return homeLanguage[respondent.lang];
      const open = question.options.filter((option) => !option.exit).map((option) => option.value);
      return pickSkewed(next, open);
    }
    case "multiple_choice": {
      const exclusive = exclusiveValues(question);
      const ticked = allowedValues(question).filter((value) => !exclusive.includes(value) && next() < 0.3);
      if (ticked.length > 0) return ticked;
      const alone = question.options.find((option) => option.exclusive);
      return alone && next() < 0.5 ? [alone.value] : undefined;
    }
    case "free_text":
      return undefined;
  }
}

export interface Answered {
  answers: Answers;
  /** The free-text answers by question id, with what they say. */
  texts: Map<number, FreeText>;
}

/** One respondent's answers to every question shown to them. */
export function answerSurvey(next: Random, questions: QuestionView[], respondent: Respondent): Answered {
  const answers: Answers = {};
  const texts = new Map<number, FreeText>();
  const sentences = respondent.young ? respondent.bank.young : respondent.bank.parents;
  for (const question of questions) {
    if (!isVisible(questions, question, answers)) continue;
    const skip = question.section === "about_you" ? 0.2 : 0.12;
    if (!question.required && next() < skip) continue;
    if (question.kind === "free_text") {
      // Most people write something in one of the boxes; fewer in both.
      if (next() < 0.62) {
        const said = freeText(next, sentences, question.maxLength ?? DEFAULT_FREE_TEXT_LIMIT);
        answers[String(question.id)] = said.text;
        texts.set(question.id, said);
      }
      continue;
    }
    const value = choose(next, question, respondent) ?? (question.required ? allowedValues(question)[0] : undefined);
    if (value !== undefined) answers[String(question.id)] = value;
  }
  return { answers, texts };
}

/** The first few answers of someone still part-way through: what an unsent draft holds. */
export function partOf(answers: Answers, next: Random): Answers {
  const entries = Object.entries(answers);
  return Object.fromEntries(entries.slice(0, Math.floor(next() * entries.length)));
}
