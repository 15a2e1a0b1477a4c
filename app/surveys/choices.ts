import type { TFunction } from "i18next";
import { agreementValues, DONT_KNOW, PREFER_NOT_TO_SAY, smileyValues, yesNoValues, type QuestionView } from "./model";

export interface Choice {
  value: string;
  label: string;
  /** Set when the label is in another language than the page (an English fallback). */
  lang?: string;
  dividerBefore?: boolean;
}

/** The choices a question offers, in order, with labels in the page's language. */
export function choicesFor(question: QuestionView, t: TFunction, pageLang: string): Choice[] {
  const fixed = (values: readonly string[]) => values.map((value) => ({ value, label: t(`survey:options.${value}`) }));
  const base: Choice[] = (() => {
    switch (question.kind) {
      case "agreement_scale":
        return [...fixed(agreementValues), { ...fixed([DONT_KNOW])[0], dividerBefore: true }];
      case "smiley_scale":
        return fixed(smileyValues);
      case "yes_no":
        return fixed(yesNoValues);
      case "free_text":
        return [];
      default:
        return question.options.map((option) => ({
          value: option.value,
          label: option.label,
          lang: option.lang === pageLang ? undefined : option.lang,
          dividerBefore: option.exclusive && question.kind === "multiple_choice",
        }));
    }
  })();
  if (question.section !== "about_you" || question.kind === "free_text") return base;
  return [...base, { value: PREFER_NOT_TO_SAY, label: t(`survey:options.${PREFER_NOT_TO_SAY}`), dividerBefore: true }];
}

/** The labels of the chosen values, for "Check your answers". */
export function answerLabels(question: QuestionView, value: string | string[], t: TFunction, pageLang: string): Choice[] {
  const chosen = Array.isArray(value) ? value : [value];
  return choicesFor(question, t, pageLang).filter((choice) => chosen.includes(choice.value));
}
